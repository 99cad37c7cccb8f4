import { addMonths, ukDate } from './days'

/**
 * A deferral's return to panel and an oversight's next review are followed up within a
 * year. Later dates are refused: a slip in the year (2062 for 2026, 2090 for 2027) would
 * keep the child off every overdue and due-back list for decades, with nothing to show it.
 */
const followUpMonths = 12

/** The latest follow-up date allowed for something decided or reviewed on `from` (ISO). */
export const latestFollowUp = (from: string): string => addMonths(from, followUpMonths)

/** Why `date` (the follow-up named `what`) is too far after `from`, `fromWhat`; null when it is within a year. */
export function followUpTooLate(what: string, date: string, from: string, fromWhat: string): string | null {
  if (date <= latestFollowUp(from)) return null
  return `The ${what} (${ukDate(date)}) is more than a year after ${fromWhat} (${ukDate(from)}): check the year, or set the date within a year, by ${ukDate(latestFollowUp(from))}.`
}
