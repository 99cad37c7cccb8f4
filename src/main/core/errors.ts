import { describeFieldProblems, labelForPath, type ErrorCode, type FieldProblem } from '../../shared/api'

export type { ErrorCode } from '../../shared/api'

/**
 * An error a user can act on. `code` lets the CLI choose its exit status and the
 * renderer choose how to show it; `details` carries structured context (file, row …).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Fields to fix, each shown beside its field on screen. */
    readonly fields?: FieldProblem[]
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const invalidInput = (message: string, details?: unknown): AppError => new AppError('invalid_input', message, details)
export const notFound = (message: string): AppError => new AppError('not_found', message)

/**
 * A rule a handler checks beyond the contract's schema, about one field: the same shape
 * as dispatch's own validation errors, e.g. `fieldError('chair', 'is required')`.
 */
export function fieldError(path: string, problem: string): AppError {
  const { label } = labelForPath(path.split('.'))
  const fields = [{ path, label, message: `${label} ${problem}.` }]
  return new AppError('invalid_input', describeFieldProblems(fields), undefined, fields)
}

/** As fieldError, for a rule that says its own whole sentence ("Plan confirmed needs an oversight note: …"). */
export function fieldRefusal(path: string, message: string): AppError {
  const { label } = labelForPath(path.split('.'))
  return new AppError('invalid_input', message, undefined, [{ path, label, message }])
}
