/**
 * The tracker's per-child facts beyond the spans: care plan, discharge
 * application and the latest oversight entry, read for every child at once, and the
 * flags the page counts and filters by.
 */
import { trackerFlags, type CarePlanKind, type TrackerFlag, type TrackerGridRow, type TrackerRow } from '../../../shared/contract/tracker'
import type { Db } from '../store/db'
import { placedWithParents } from './drift'

export interface ChildFacts {
  carePlan: CarePlanKind | null
  carePlanConfirmed: string | null
  dischargeStatus: TrackerGridRow['dischargeStatus']
  /** Date and next review date of the latest oversight event on or before the day. */
  lastOversight: { date: string; nextReview: string | null } | null
}

const noFacts: ChildFacts = { carePlan: null, carePlanConfirmed: null, dischargeStatus: null, lastOversight: null }

/**
 * The facts on `asOf` for `childId` (one or a page of them), or every child. The latest oversight is the latest
 * by date (then recording) of manager entries and oversight recorded at panel alike.
 */
export async function childFacts(db: Db, asOf: string, childId?: string | readonly string[]): Promise<Map<string, ChildFacts>> {
  const ids = childId === undefined ? undefined : typeof childId === 'string' ? [childId] : childId
  const params: Record<string, string> = { d: asOf }
  ids?.forEach((id, i) => (params[`c${i}`] = id))
  const only = ids === undefined ? '' : ids.length === 0 ? 'AND FALSE' : `AND child_id IN (${ids.map((_, i) => `:c${i}`).join(', ')})`
  const facts = new Map<string, ChildFacts>()
  const of = (id: string): ChildFacts => {
    let f = facts.get(id)
    if (f === undefined) facts.set(id, (f = { ...noFacts }))
    return f
  }
  for (const p of (await db.prepare(`SELECT child_id AS id, plan, confirmed_date AS confirmed FROM care_plan WHERE TRUE ${only}`).all(params)) as {
    id: string
    plan: CarePlanKind
    confirmed: string | null
  }[]) {
    Object.assign(of(p.id), { carePlan: p.plan, carePlanConfirmed: p.confirmed !== null && p.confirmed <= asOf ? p.confirmed : null })
  }
  const discharges = (await db
    .prepare(
      `SELECT child_id AS id, CASE WHEN decided_date <= :d THEN status WHEN applied_date <= :d THEN 'applied' ELSE 'planned' END AS status
       FROM discharge_application WHERE planned_date <= :d ${only} ORDER BY planned_date, id`
    )
    .all(params)) as { id: string; status: ChildFacts['dischargeStatus'] }[]
  for (const d of discharges) of(d.id).dischargeStatus = d.status
  const oversight = (await db
    .prepare(
      `SELECT id, date, "nextReview" FROM (
         SELECT child_id AS id, entry_date AS date, next_review_date AS "nextReview", recorded_at AS at, 0 AS panel, id AS rid FROM oversight_entry WHERE entry_date <= :d ${only}
         UNION ALL
         SELECT child_id, decision_date, return_date, recorded_at, 1, id FROM decision WHERE outcome = 'oversight' AND superseded = 0 AND decision_date <= :d ${only}) o
       ORDER BY date, at, panel, rid`
    )
    .all(params)) as { id: string; date: string; nextReview: string | null }[]
  for (const o of oversight) of(o.id).lastOversight = { date: o.date, nextReview: o.nextReview }
  return facts
}

export const factsFor = (facts: Map<string, ChildFacts>, childId: string): ChildFacts => facts.get(childId) ?? noFacts

/** The grid's extra columns and flags for one row. */
export function withFacts(row: TrackerRow, f: ChildFacts, asOf: string): Omit<TrackerGridRow, keyof TrackerRow | 'drift'> {
  // Only an entry in the current period is the one behind the row's oversight.
  const oversight = f.lastOversight !== null && f.lastOversight.date === row.lastOversightDate ? f.lastOversight : null
  const decided = row.status === 'agreed' || row.status === 'not_agreed'
  const flags: TrackerFlag[] = []
  if (row.carersChangedSinceDecision) flags.push('carers_changed')
  if (placedWithParents(row)) flags.push('placed_with_parents')
  if (f.carePlanConfirmed !== null && !decided) flags.push('plan_confirmed_no_decision')
  if (row.status === 'oversight' && oversight?.nextReview != null && oversight.nextReview < asOf) flags.push('oversight_review_overdue')
  return {
    flags,
    carePlan: f.carePlan,
    carePlanConfirmed: f.carePlanConfirmed,
    dischargeStatus: f.dischargeStatus,
    oversightReviewDue: oversight?.nextReview ?? null
  }
}

export const emptyFlagCounts = (): Record<TrackerFlag, number> => Object.fromEntries(trackerFlags.map((c) => [c, 0])) as Record<TrackerFlag, number>
