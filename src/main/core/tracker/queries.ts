/**
 * The tracker's date questions, answered from the status spans (tracker_span, kept by
 * refresh.ts from the pure rules of rules.ts): the children looked after on a date are
 * the spans that contain it, one range scan of an index. Tests hold these answers to
 * the rules evaluated directly and to independent SQL over the records.
 */
import {
  legalStatusGroups,
  type ByLegalStatus,
  type LegalStatusGroup,
  type PermanenceStatus,
  type TrackerCounts,
  type TrackerRow
} from '../../../shared/contract/tracker'
import { addMonths, ageOn } from '../util/days'
import type { Db } from '../store/db'
import { ensureTrackerSpans } from './refresh'

/** The spans containing :d. */
const containsDay = 's.span_end > :d AND s.span_start <= :d'
/** All spans, read through the end-date index: few spans are still open after a recent date. */
const allSpans = 'tracker_span s INDEXED BY tracker_span_by_end'

const emptyGroups = (): ByLegalStatus => Object.fromEntries(legalStatusGroups.map((g) => [g, 0])) as ByLegalStatus

const emptyCounts = (asOf: string): TrackerCounts => ({
  asOf,
  lookedAfter: 0,
  byLegalStatus: emptyGroups(),
  permanence: { agreed: 0, notAgreed: 0, oversight: 0, none: 0 },
  noDecisionByLegalStatus: emptyGroups()
})

const statusKey = { agreed: 'agreed', not_agreed: 'notAgreed', oversight: 'oversight', none: 'none' } as const

interface GroupCount {
  grp: LegalStatusGroup
  status: PermanenceStatus
  n: number
}

const countsOnDay = (db: Db, d: string): GroupCount[] =>
  db.prepare(`SELECT s.ls_group AS grp, s.status, COUNT(*) AS n FROM ${allSpans} WHERE ${containsDay} GROUP BY s.ls_group, s.status`).all({ d }) as GroupCount[]

/** Spans starting (or ending) in (from, to], counted by day, group and status. */
const changesBetween = (db: Db, edge: 'span_start' | 'span_end', from: string, to: string): (GroupCount & { day: string })[] =>
  db
    .prepare(
      `SELECT ${edge} AS day, ls_group AS grp, status, COUNT(*) AS n FROM tracker_span INDEXED BY tracker_span_by_${edge === 'span_start' ? 'start' : 'end'}
       WHERE ${edge} > :from AND ${edge} <= :to GROUP BY ${edge}, ls_group, status`
    )
    .all({ from, to }) as (GroupCount & { day: string })[]

/**
 * The tracker's counts on each of `dates` (any order, duplicates ignored), in date
 * order. The first date is counted directly; each later one is the one before plus
 * the spans that started since and minus those that ended, read from the start- and
 * end-date indexes in one pass over the range rather than one scan per date.
 */
export function trackerCountsOn(db: Db, dates: readonly string[]): TrackerCounts[] {
  ensureTrackerSpans(db)
  const days = [...new Set(dates)].sort()
  if (days.length === 0) return []
  const first = emptyCounts(days[0])
  for (const r of countsOnDay(db, days[0])) add(first, r.grp, r.status, r.n)
  // deltas[k]: the change from days[k - 1] to days[k], by group and status.
  const deltas = days.map(() => new Map<string, GroupCount>())
  const apply = (r: GroupCount & { day: string }, sign: 1 | -1): void => {
    let lo = 1
    let hi = days.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (days[mid] < r.day) lo = mid + 1
      else hi = mid
    }
    const key = `${r.grp}|${r.status}`
    const entry = deltas[lo].get(key)
    if (entry === undefined) deltas[lo].set(key, { grp: r.grp, status: r.status, n: sign * r.n })
    else entry.n += sign * r.n
  }
  if (days.length > 1) {
    for (const r of changesBetween(db, 'span_start', days[0], days.at(-1)!)) apply(r, 1)
    for (const r of changesBetween(db, 'span_end', days[0], days.at(-1)!)) apply(r, -1)
  }
  const result = [first]
  for (let k = 1; k < days.length; k++) {
    const counts: TrackerCounts = { ...structuredClone(result[k - 1]), asOf: days[k] }
    for (const r of deltas[k].values()) add(counts, r.grp, r.status, r.n)
    result.push(counts)
  }
  return result
}

export const trackerCounts = (db: Db, asOf: string): TrackerCounts => trackerCountsOn(db, [asOf])[0]

/** The counts of rows already fetched for `asOf`, saving a second pass over the store. */
export function countRows(asOf: string, rows: readonly Pick<TrackerRow, 'legalStatusGroup' | 'status'>[]): TrackerCounts {
  const counts = emptyCounts(asOf)
  for (const r of rows) add(counts, r.legalStatusGroup, r.status, 1)
  return counts
}

function add(counts: TrackerCounts, group: LegalStatusGroup, status: PermanenceStatus, n: number): void {
  counts.lookedAfter += n
  counts.byLegalStatus[group] += n
  counts.permanence[statusKey[status]] += n
  if (status === 'none') counts.noDecisionByLegalStatus[group] += n
}

interface RowRecord extends Omit<TrackerRow, 'age' | 'legalStatusGroup'> {
  grp: LegalStatusGroup
}

/**
 * Every child looked after on `asOf` (or just `childId`), with the tracker's columns, by
 * child ID. Columns fixed within a span come from it; those that slide with the date
 * (placements in the last 12 months, the open action) are index seeks per child.
 */
export function trackerRows(db: Db, asOf: string, options: { childId?: string } = {}): TrackerRow[] {
  ensureTrackerSpans(db)
  const rows = db
    .prepare(
      `SELECT s.child_id AS childId,
              TRIM(COALESCE(k.given_name, '') || ' ' || COALESCE(k.family_name, '')) AS name,
              k.dob, s.ls, s.ls_group AS grp,
              s.legal_status_since AS legalStatusSince,
              s.place AS placement, s.place_provider AS placementProvider, r.name AS carer,
              s.period_start AS periodStart,
              s.placement_start AS placementStart,
              (SELECT COUNT(*) FROM episode e
                WHERE e.child_id = s.child_id AND e.decom > :yearAgo AND e.decom <= :d AND e.rne IS NOT 'L'
                  AND (e.ls IS NULL OR e.ls NOT IN ('V3', 'V4')))
                + EXISTS (SELECT 1 FROM episode e
                  WHERE e.child_id = s.child_id AND e.decom <= :yearAgo AND (e.dec IS NULL OR e.dec > :yearAgo)
                    AND (e.ls IS NULL OR e.ls NOT IN ('V3', 'V4'))) AS placementsLast12Months,
              s.status, s.decision_date AS decisionDate,
              s.last_panel AS lastPanelDate,
              s.last_oversight AS lastOversightDate,
              a.description AS nextAction, a.due_date AS nextActionDue,
              s.episode_id AS episodeId
       FROM ${options.childId === undefined ? allSpans : 'tracker_span s'}
       JOIN child k ON k.child_id = s.child_id
       LEFT JOIN carer r ON r.id = s.carer_id
       LEFT JOIN action a ON a.id = (
         SELECT x.id FROM action x
         WHERE x.child_id = s.child_id AND substr(x.created_at, 1, 10) <= :d AND (x.done_at IS NULL OR substr(x.done_at, 1, 10) > :d)
         ORDER BY x.due_date IS NULL, x.due_date, x.id LIMIT 1)
       WHERE ${containsDay}${options.childId === undefined ? '' : ' AND s.child_id = :childId'}
       ORDER BY s.child_id`
    )
    .all({ d: asOf, yearAgo: addMonths(asOf, -12), ...(options.childId === undefined ? {} : { childId: options.childId }) }) as RowRecord[]
  return rows.map(({ grp, decisionDate, ...r }) => ({
    ...r,
    age: r.dob === null ? null : ageOn(r.dob, asOf),
    legalStatusGroup: grp,
    decisionDate
  }))
}
