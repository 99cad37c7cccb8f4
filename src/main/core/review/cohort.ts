import type { ReviewCohort, ReviewSnapshot, TrackerRow } from '../../../shared/api'
import type { Db } from '../store/db'
import { lacksAgreedDecision } from '../tracker/figures'
import { trackerRows } from '../tracker/queries'
import type { CurrentState } from './rules'

export interface CohortMember {
  childId: string
  cohort: ReviewCohort
  snapshot: ReviewSnapshot
}

/**
 * The Head of Service's cohort on `date`, by the tracker's rules: children looked after
 * that day on a full care order, or accommodated under section 20 (the audit), whose
 * permanence is not agreed by panel (not agreed, under oversight, or nothing yet).
 */
export function cohortOn(db: Db, date: string): CohortMember[] {
  const members: CohortMember[] = []
  for (const row of trackerRows(db, date)) {
    if (!lacksAgreedDecision(row.status)) continue
    if (row.legalStatusGroup === 'FCO' || row.legalStatusGroup === 'S20') members.push({ childId: row.childId, cohort: row.legalStatusGroup, snapshot: snapshotOf(row) })
  }
  return members
}

const snapshotOf = (row: TrackerRow): ReviewSnapshot => ({
  ls: row.ls,
  legalStatusSince: row.legalStatusSince,
  periodStart: row.periodStart,
  placement: row.placement,
  placementProvider: row.placementProvider,
  carer: row.carer,
  placementStart: row.placementStart,
  placementsLast12Months: row.placementsLast12Months,
  status: row.status,
  decisionDate: row.decisionDate,
  lastPanelDate: row.lastPanelDate,
  lastOversightDate: row.lastOversightDate
})

/** Where children stand on `date` by the tracker (all of them, or `childIds`); absent = not looked after that day. */
export function currentStates(db: Db, date: string, childIds: readonly string[] | null): Map<string, CurrentState> {
  const rows = childIds?.length === 1 ? trackerRows(db, date, { childId: childIds[0] }) : trackerRows(db, date)
  const wanted = childIds === null ? null : new Set(childIds)
  const states = new Map<string, CurrentState>()
  for (const row of rows) if (wanted === null || wanted.has(row.childId)) states.set(row.childId, { ls: row.ls, status: row.status, decisionDate: row.decisionDate })
  return states
}
