/**
 * An error a user can act on. `code` lets the CLI choose its exit status and the
 * renderer choose how to show it; `details` carries structured context (file, row …).
 */
export type ErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'locked' | 'newer_database' | 'bad_database' | 'internal'

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const invalidInput = (message: string, details?: unknown): AppError => new AppError('invalid_input', message, details)
export const notFound = (message: string): AppError => new AppError('not_found', message)
