import type { CallName, Result } from '../../shared/api'

/**
 * Answers to calls sent before the app's modules were evaluated (early.ts), each handed
 * to the first call that asks the same question, once.
 */
const answers = new Map<CallName, Promise<Result<unknown>>>()

export const keepEarly = (name: CallName, answer: Promise<Result<unknown>>): void => void answers.set(name, answer)

/** The early answer to `name` asked with no input, if one was sent and not yet taken. */
export function takeEarly(name: CallName, input: unknown): Promise<Result<unknown>> | undefined {
  if (input !== undefined && (typeof input !== 'object' || input === null || Object.keys(input).length > 0)) return undefined
  const answer = answers.get(name)
  answers.delete(name)
  return answer
}
