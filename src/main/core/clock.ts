/**
 * Where the core gets the time. Every recorded moment (an audit row's `at`, recorded_at,
 * signed_at, imported_at) and "today" come from the context's clock, so a test can pin
 * them and assert what was written.
 */
export interface Clock {
  /** This instant. */
  now(): Date
  /** This instant as stored: an ISO 8601 UTC timestamp. */
  timestamp(): string
  /** Today's date as stored, YYYY-MM-DD (UTC). */
  today(): string
}

const clockAt = (now: () => Date): Clock => ({
  now,
  timestamp: () => now().toISOString(),
  today: () => now().toISOString().slice(0, 10)
})

export const systemClock: Clock = clockAt(() => new Date())

/** A clock stopped at `at` (an ISO timestamp or date): for tests and reproducible demos. */
export function fixedClock(at: string): Clock {
  const instant = new Date(at)
  if (Number.isNaN(instant.getTime())) throw new Error(`fixedClock: "${at}" is not a date or timestamp`)
  return clockAt(() => new Date(instant))
}
