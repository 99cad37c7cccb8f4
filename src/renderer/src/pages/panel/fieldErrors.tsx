import type { ReactNode } from 'react'
import type { z } from 'zod'
import { ApiCallError } from '../../api'

/** Field name → the first plain-English problem with it. */
export type FieldErrors = Partial<Record<string, string>>

/**
 * Checks a form's values with the contract's own schema, so the form and the core refuse
 * the same things, and each message is shown beside its field rather than as
 * "createMeeting: chair: …" in a banner.
 */
export function fieldErrors(schema: z.ZodType, input: unknown): FieldErrors {
  const result = schema.safeParse(input)
  if (result.success) return {}
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '')
    errors[field] ??= issue.message
  }
  return errors
}

export function FieldError({ id, message }: { id: string; message: string | undefined }): ReactNode {
  if (!message) return null
  return (
    <span id={id} className="field-error">
      {message}
    </span>
  )
}

/**
 * The core names the call and field for developers ("Invalid input for updateAgendaItem:
 * slotTime: …"); the contract's messages themselves are written for the chair, so only they are shown.
 */
export function forTheChair(error: ApiCallError): ApiCallError {
  const prefix = /^Invalid input for \w+: /
  if (error.code !== 'invalid_input' || !prefix.test(error.message)) return error
  const plain = error.message
    .replace(prefix, '')
    .split('; ')
    .map((part) => part.replace(/^[\w.]+: /, ''))
  return new ApiCallError(error.code, plain.join('; '), error.details)
}
