import type { OverdueOversight, ReviewDashboard, WaitingChild } from '../../../shared/api'
import type { Context } from '../context'
import { lacksAgreedDecision } from '../tracker/figures'
import { trackerCountsOn, trackerRows } from '../tracker/queries'
import { addMonths, daysBetween } from '../util/days'
import { currentCycleId, cycleSummary } from './cycles'

const longestWaitsShown = 15

const endOfMonth = (iso: string): string => {
  const [y, m] = iso.split('-').map(Number)
  return `${iso.slice(0, 8)}${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}

/** The ends of the `months - 1` months before `asOf`'s month, then `asOf` itself. */
export function monthPoints(asOf: string, months: number): string[] {
  const points: string[] = []
  for (let m = months - 1; m >= 1; m--) points.push(endOfMonth(addMonths(asOf, -m)))
  return [...points, asOf]
}

/**
 * The Head of Service's view on `asOf`: the tracker's counts over the last months, the
 * FCO and section 20 children waiting longest for a permanence decision, oversight
 * whose review date has passed, and the current cycle's progress.
 */
export function reviewDashboard(ctx: Context, input: { asOf?: string; months?: number }): ReviewDashboard {
  const asOf = input.asOf ?? ctx.today()
  const { db } = ctx
  const trend = trackerCountsOn(db, monthPoints(asOf, input.months ?? 12))
  const rows = trackerRows(db, asOf)

  const longestWaits: WaitingChild[] = rows
    .filter((r) => lacksAgreedDecision(r.status) && (r.legalStatusGroup === 'FCO' || r.legalStatusGroup === 'S20'))
    .map((r) => ({ childId: r.childId, name: r.name, ls: r.ls, legalStatusSince: r.legalStatusSince, daysWaiting: daysBetween(r.legalStatusSince, asOf), status: r.status as WaitingChild['status'] }))
    .sort((a, b) => b.daysWaiting - a.daysWaiting || a.childId.localeCompare(b.childId))
    .slice(0, longestWaitsShown)

  // The latest oversight entry per child on asOf, for children the tracker has under oversight.
  const latest = db
    .prepare(
      `SELECT child_id AS childId, entry_date AS entryDate, manager, next_review_date AS nextReviewDate
       FROM (SELECT o.*, ROW_NUMBER() OVER (PARTITION BY o.child_id ORDER BY o.entry_date DESC, o.id DESC) AS rn
             FROM oversight_entry o WHERE o.entry_date <= ?)
       WHERE rn = 1`
    )
    .all(asOf) as { childId: string; entryDate: string; manager: string; nextReviewDate: string | null }[]
  const latestByChild = new Map(latest.map((l) => [l.childId, l]))
  const overdueOversight: OverdueOversight[] = []
  for (const r of rows) {
    const entry = latestByChild.get(r.childId)
    if (r.status !== 'oversight' || !entry?.nextReviewDate || entry.nextReviewDate >= asOf) continue
    overdueOversight.push({
      childId: r.childId, name: r.name, ls: r.ls, lastOversightDate: entry.entryDate, manager: entry.manager, nextReviewDate: entry.nextReviewDate,
      daysOverdue: daysBetween(entry.nextReviewDate, asOf)
    })
  }
  overdueOversight.sort((a, b) => b.daysOverdue - a.daysOverdue || a.childId.localeCompare(b.childId))

  const cycleId = currentCycleId(db)
  return { asOf, trend, longestWaits, overdueOversight, cycle: cycleId === null ? null : cycleSummary(ctx, cycleId) }
}
