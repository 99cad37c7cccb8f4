import { AppError } from '../../src/main/core/errors'

/** The AppError a core call is refused with; fails the test if the call succeeds or throws anything else. */
export async function refusal(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected the call to be refused')
}
