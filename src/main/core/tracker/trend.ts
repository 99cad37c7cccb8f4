import type { TrackerCounts } from '../../../shared/contract/tracker'
import { invalidInput } from '../errors'
import type { Db } from '../store/db'
import { addDays, addMonths } from '../util/days'
import { trackerCountsOn } from './queries'

const maxMonths = 120

/** Month ends from `from` to `to` inclusive, plus `from` and `to` themselves: the chart starts and ends on the dates asked for. */
export function trendDates(from: string, to: string): string[] {
  const dates = [from]
  for (let month = `${from.slice(0, 7)}-01`; month <= to; month = addMonths(month, 1)) {
    const end = addDays(addMonths(month, 1), -1)
    if (end > from && end <= to) dates.push(end)
  }
  if (dates.at(-1) !== to) dates.push(to)
  return dates
}

const calendarMonth = (iso: string): number => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7))

/** Tracker counts month by month, computed in one pass over the episodes. */
export async function trackerTrend(db: Db, from: string, to: string): Promise<TrackerCounts[]> {
  const months = calendarMonth(to) - calendarMonth(from)
  if (months > maxMonths) throw invalidInput(`The trend covers at most ${maxMonths} months; ${from} to ${to} is ${months}. Choose a shorter range.`)
  return await trackerCountsOn(db, trendDates(from, to))
}
