/**
 * The value, or an error saying why it had to be there. For lookups that cannot miss unless
 * the code around them is wrong (a key written a line above, a position inside bounds the
 * caller checked); where absence is legitimate, handle it with `??` or a check instead.
 */
export function must<T>(value: T | undefined, why: string): T {
  if (value === undefined) throw new Error(`Internal error: ${why}`)
  return value
}
