import { ukDate } from './days'

/**
 * "the agenda of the meeting on 14/01/2027, not yet signed off" (or "the agendas of the
 * meetings on 14/01/2027 and 11/02/2027, …"): other meetings a child is on the agenda of and
 * could be decided at, as the core's refusal to add them, the meeting page and the draft
 * minutes all say it.
 */
export function openAgendasOf(dates: readonly string[]): string {
  const days = dates.map(ukDate)
  const listed = days.length > 1 ? `${days.slice(0, -1).join(', ')} and ${days.at(-1)}` : (days[0] ?? '')
  return `${days.length > 1 ? 'the agendas of the meetings' : 'the agenda of the meeting'} on ${listed}, not yet signed off`
}
