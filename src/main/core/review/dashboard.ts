import type { OverdueOversight, ReviewDashboard, WaitingChild } from '../../../shared/api'
import type { Context } from '../context'
import { containsDay, spansBy, trackerCountsOn } from '../tracker/queries'
import { addMonths, daysBetween } from '../util/days'
import { currentCycleId, cycleSummary } from './cycles'

const longestWaitsShown = 15

const endOfMonth = (iso: string): string => {
  const [y = NaN, m = NaN] = iso.split('-').map(Number)
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
export async function reviewDashboard(ctx: Context, input: { asOf?: string; months?: number }): Promise<ReviewDashboard> {
  const asOf = input.asOf ?? ctx.today()
  const { db } = ctx
  // Counting also brings the spans up to date, which the reads below rely on.
  const trend = await trackerCountsOn(db, monthPoints(asOf, input.months ?? 12))
  // Only the children the lists can name are read, not every looked-after child's row
  // (a second at 100k children): FCO and section 20 children without an agreed decision
  // who have waited at least as long as the last of the longest waits, and every child
  // under oversight.
  const waiting = (await db
    .prepare(
      `WITH waiting AS (
         SELECT s.child_id AS "childId", s.name, s.ls, s.legal_status_since AS "legalStatusSince", s.status
         FROM ${spansBy(db, 'tracker_span_on_day')} WHERE ${containsDay} AND s.status <> 'agreed' AND s.ls_group IN ('FCO', 'S20'))
       SELECT * FROM waiting WHERE "legalStatusSince" <= COALESCE(
         (SELECT w."legalStatusSince" FROM waiting w ORDER BY w."legalStatusSince" LIMIT 1 OFFSET :last), '9999-12-31')`
    )
    .all({ d: asOf, last: longestWaitsShown - 1 })) as Omit<WaitingChild, 'daysWaiting'>[]
  const longestWaits: WaitingChild[] = waiting
    .map((r) => ({
      childId: r.childId,
      name: r.name,
      ls: r.ls,
      legalStatusSince: r.legalStatusSince,
      daysWaiting: daysBetween(r.legalStatusSince, asOf),
      status: r.status
    }))
    .sort((a, b) => b.daysWaiting - a.daysWaiting || a.childId.localeCompare(b.childId))
    .slice(0, longestWaitsShown)
  const underOversight = (await db
    .prepare(
      `SELECT s.child_id AS "childId", s.name, s.ls, s.last_oversight AS "lastOversightDate"
       FROM ${spansBy(db, 'tracker_span_on_day')} WHERE ${containsDay} AND s.status = 'oversight' ORDER BY s.child_id`
    )
    .all({ d: asOf })) as { childId: string; name: string; ls: string | null; lastOversightDate: string | null }[]

  // The latest oversight per child on asOf, whether a manager's entry or recorded at panel.
  const latest = (await db
    .prepare(
      `SELECT "childId", "entryDate", manager, "nextReviewDate" FROM (
         SELECT child_id AS "childId", entry_date AS "entryDate", manager, next_review_date AS "nextReviewDate", recorded_at AS at, 0 AS panel, id FROM oversight_entry WHERE entry_date <= :d
         UNION ALL
         SELECT d.child_id, d.decision_date, 'Permanence Panel' || COALESCE(' (chair ' || m.chair || ')', ''), d.return_date, d.recorded_at, 1, d.id
         FROM decision d LEFT JOIN panel_meeting m ON m.id = d.meeting_id WHERE d.outcome = 'oversight' AND d.superseded = 0 AND d.decision_date <= :d) o
       ORDER BY "entryDate", at, panel, id`
    )
    .all({ d: asOf })) as { childId: string; entryDate: string; manager: string; nextReviewDate: string | null }[]
  const latestByChild = new Map(latest.map((l) => [l.childId, l]))
  const overdueOversight: OverdueOversight[] = []
  for (const r of underOversight) {
    const entry = latestByChild.get(r.childId)
    // Only the entry behind the tracker's oversight (in the current period) counts.
    if (entry?.entryDate !== r.lastOversightDate || !entry.nextReviewDate || entry.nextReviewDate >= asOf) continue
    overdueOversight.push({
      childId: r.childId,
      name: r.name,
      ls: r.ls,
      lastOversightDate: entry.entryDate,
      manager: entry.manager,
      nextReviewDate: entry.nextReviewDate,
      daysOverdue: daysBetween(entry.nextReviewDate, asOf)
    })
  }
  overdueOversight.sort((a, b) => b.daysOverdue - a.daysOverdue || a.childId.localeCompare(b.childId))

  const cycleId = await currentCycleId(db)
  const oversight = { total: underOversight.length, reviewOverdue: overdueOversight.length }
  return { asOf, trend, longestWaits, oversight, overdueOversight, cycle: cycleId === null ? null : await cycleSummary(ctx, cycleId) }
}
