import { z } from 'zod'

/** One API call: its zod input schema, and (as a phantom type) its result. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  /** True for calls that change data. */
  writes: boolean
  /** Never set at run time; carries the result type. */
  readonly output?: O
}

/** `query<Result>()(schema)`: curried so the result type is explicit and the input inferred. */
export const query =
  <O>() =>
  <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input, writes: false })

export const command =
  <O>() =>
  <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input, writes: true })

const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** ISO calendar date, the only date format that crosses the API. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date', abort: true })
  .refine(isRealDate, 'is not a real calendar date')

export const childId = z.string().min(1).max(64)
