import type { CohortDefinition, ReviewCohort, ReviewSnapshot, TrackerRow } from '../../../shared/api'
import { cohortOf } from './definitions'
import type { Db } from '../store/db'
import { trackerRows } from '../tracker/queries'
import type { CurrentState } from './rules'

export interface CohortMember {
  childId: string
  cohort: ReviewCohort
  snapshot: ReviewSnapshot
}

/**
 * The Head of Service's cohort on `date`, by the tracker's rules and the council's
 * cohort definitions (definitions.ts): each child looked after that day in the first
 * cohort it matches.
 */
export async function cohortOn(db: Db, date: string, definitions: readonly CohortDefinition[]): Promise<CohortMember[]> {
  const members: CohortMember[] = []
  for (const row of await trackerRows(db, date)) {
    const cohort = cohortOf(row, definitions)
    if (cohort !== null) members.push({ childId: row.childId, cohort, snapshot: snapshotOf(row) })
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
export async function currentStates(db: Db, date: string, childIds: readonly string[] | null): Promise<Map<string, CurrentState>> {
  const rows = childIds?.length === 1 ? await trackerRows(db, date, { childId: childIds[0] }) : await trackerRows(db, date)
  const wanted = childIds === null ? null : new Set(childIds)
  const states = new Map<string, CurrentState>()
  for (const row of rows)
    if (wanted === null || wanted.has(row.childId)) states.set(row.childId, { ls: row.ls, status: row.status, decisionDate: row.decisionDate })
  return states
}
