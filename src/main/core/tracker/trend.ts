import type { TrackerCounts } from '../../../shared/contract/tracker'
import { invalidInput } from '../errors'
import type { Db } from '../store/db'
import { addDays, addMonths } from '../util/days'
import { trackerCountsOn } from './queries'

const maxMonths = 120

/** Month ends from `from` to `to` inclusive, plus `to` itself when it is not a month end. */
export function trendDates(from: string, to: string): string[] {
  const dates: string[] = []
  for (let month = `${from.slice(0, 7)}-01`; month <= to; month = addMonths(month, 1)) {
    const end = addDays(addMonths(month, 1), -1)
    if (end >= from && end <= to) dates.push(end)
  }
  if (dates.at(-1) !== to) dates.push(to)
  return dates
}

/** Tracker counts month by month, computed in one pass over the episodes. */
export async function trackerTrend(db: Db, from: string, to: string): Promise<TrackerCounts[]> {
  const dates = trendDates(from, to)
  if (dates.length > maxMonths + 1)
    throw invalidInput(`The trend covers at most ${maxMonths} months; ${from} to ${to} is ${dates.length - 1}. Choose a shorter range.`)
  return await trackerCountsOn(db, dates)
}
