import type { z } from 'zod'

/** "limit: Too big …; search: Expected string" — names every field that failed. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`).join('; ')
}
