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
import { hasNoDecisionNoOversight } from './figures'
import { ensureTrackerSpans } from './refresh'
import { must } from '../../../shared/must'

/** The spans containing :d. */
export const containsDay = 's.span_end > :d AND s.span_start <= :d'
/**
 * Spans through an index that starts with the end date (few spans are still open after
 * a recent date): `tracker_span_counts` for the counts, `tracker_span_on_day`, which
 * holds every column, for the grid. SQLite is told which (its planner guesses wrong
 * here); PostgreSQL has no such hint and chooses from its statistics.
 */
export const spansBy = (db: Db, index: 'tracker_span_counts' | 'tracker_span_on_day' | 'tracker_span_by_start', alias = 's'): string =>
  db.engine === 'sqlite' ? `tracker_span ${alias} INDEXED BY ${index}` : `tracker_span ${alias}`

const emptyGroups = (): ByLegalStatus => Object.fromEntries(legalStatusGroups.map((g) => [g, 0])) as ByLegalStatus

const emptyCounts = (asOf: string): TrackerCounts => ({
  asOf,
  lookedAfter: 0,
  byLegalStatus: emptyGroups(),
  permanence: { agreed: 0, notAgreed: 0, oversight: 0, none: 0 },
  noDecisionByLegalStatus: emptyGroups(),
  carersChangedSinceDecision: 0
})

const statusKey = { agreed: 'agreed', not_agreed: 'notAgreed', oversight: 'oversight', none: 'none' } as const

interface GroupCount {
  grp: LegalStatusGroup
  status: PermanenceStatus
  changed: 0 | 1
  n: number
}

const countsOnDay = async (db: Db, d: string): Promise<GroupCount[]> =>
  (await db
    .prepare(
      `SELECT s.ls_group AS grp, s.status, s.carers_changed AS changed, COUNT(*) AS n FROM ${spansBy(db, 'tracker_span_counts')}
       WHERE ${containsDay} GROUP BY s.ls_group, s.status, s.carers_changed`
    )
    .all({ d })) as GroupCount[]

/** Spans starting (or ending) in (from, to], counted by day, group and status. */
const changesBetween = async (db: Db, edge: 'span_start' | 'span_end', from: string, to: string): Promise<(GroupCount & { day: string })[]> =>
  (await db
    .prepare(
      `SELECT ${edge} AS day, ls_group AS grp, status, carers_changed AS changed, COUNT(*) AS n
       FROM ${spansBy(db, edge === 'span_start' ? 'tracker_span_by_start' : 'tracker_span_counts', 't')}
       WHERE ${edge} > :from AND ${edge} <= :to GROUP BY ${edge}, ls_group, status, carers_changed`
    )
    .all({ from, to })) as (GroupCount & { day: string })[]

/**
 * The tracker's counts on each of `dates` (any order, duplicates ignored), in date
 * order. The first date is counted directly; each later one is the one before plus
 * the spans that started since and minus those that ended, read from the start- and
 * end-date indexes in one pass over the range rather than one scan per date.
 */
export async function trackerCountsOn(db: Db, dates: readonly string[]): Promise<TrackerCounts[]> {
  await ensureTrackerSpans(db)
  const days = [...new Set(dates)].sort()
  const [firstDay] = days
  const lastDay = days.at(-1)
  if (firstDay === undefined || lastDay === undefined) return []
  const first = emptyCounts(firstDay)
  for (const r of await countsOnDay(db, firstDay)) add(first, r.grp, r.status, r.changed === 1, r.n)
  // deltas[k]: the change from days[k - 1] to days[k], by group and status.
  const deltas = days.map((day) => ({ day, changes: new Map<string, GroupCount>() }))
  const apply = (r: GroupCount & { day: string }, sign: 1 | -1): void => {
    let lo = 1
    let hi = days.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (must(days[mid], 'mid lies between lo and hi') < r.day) lo = mid + 1
      else hi = mid
    }
    const key = `${r.grp}|${r.status}|${r.changed}`
    const { changes } = must(deltas[lo], 'lo lies within the days')
    const entry = changes.get(key)
    if (entry === undefined) changes.set(key, { grp: r.grp, status: r.status, changed: r.changed, n: sign * r.n })
    else entry.n += sign * r.n
  }
  if (days.length > 1) {
    for (const r of await changesBetween(db, 'span_start', firstDay, lastDay)) apply(r, 1)
    for (const r of await changesBetween(db, 'span_end', firstDay, lastDay)) apply(r, -1)
  }
  const result = [first]
  let previous = first
  for (const { day, changes } of deltas.slice(1)) {
    const counts: TrackerCounts = { ...structuredClone(previous), asOf: day }
    for (const r of changes.values()) add(counts, r.grp, r.status, r.changed === 1, r.n)
    result.push(counts)
    previous = counts
  }
  return result
}

export const trackerCounts = async (db: Db, asOf: string): Promise<TrackerCounts> =>
  must((await trackerCountsOn(db, [asOf]))[0], 'counts for the one date asked')

/** The counts of rows already fetched for `asOf`, saving a second pass over the store. */
export function countRows(asOf: string, rows: readonly Pick<TrackerRow, 'legalStatusGroup' | 'status' | 'carersChangedSinceDecision'>[]): TrackerCounts {
  const counts = emptyCounts(asOf)
  for (const r of rows) add(counts, r.legalStatusGroup, r.status, r.carersChangedSinceDecision, 1)
  return counts
}

function add(counts: TrackerCounts, group: LegalStatusGroup, status: PermanenceStatus, carersChanged: boolean, n: number): void {
  counts.lookedAfter += n
  if (carersChanged) counts.carersChangedSinceDecision += n
  counts.byLegalStatus[group] += n
  counts.permanence[statusKey[status]] += n
  if (hasNoDecisionNoOversight(status)) counts.noDecisionByLegalStatus[group] += n
}

/** Placements in the 12 months to :d (:yearAgo a year before): moves since the span of a year before began, plus the placement open then. */
export const placementsLast12Months = `s.moves - COALESCE((
       SELECT y.moves - CASE WHEN y.span_end > :yearAgo THEN 1 ELSE 0 END FROM tracker_span y
       WHERE y.child_id = s.child_id AND y.span_start <= :yearAgo ORDER BY y.span_start DESC LIMIT 1), 0)`

/** The carers linked to span s's placement, in the order they joined the register. */
export const spanCarers = (db: Db): string =>
  `(SELECT ${db.sql.groupConcat('k.name', ' and ', 'k.id')} FROM placement_carer pc JOIN carer k ON k.id = pc.carer_id
    WHERE pc.child_id = s.child_id AND pc.placement_start = s.carers_key)`

/** The child's first open action on :d (by due date), as `a`. */
export const nextActionJoin = `LEFT JOIN action a ON a.id = (
         SELECT x.id FROM action x
         WHERE x.child_id = s.child_id AND substr(x.created_at, 1, 10) <= :d AND (x.done_at IS NULL OR substr(x.done_at, 1, 10) > :d)
         ORDER BY x.due_date IS NULL, x.due_date, x.id LIMIT 1)`

/**
 * One tracker row as JSON text in the TrackerRow shape, from span s on :d joined to
 * its next action a (with tens of thousands of rows, one JSON value per row costs far
 * less than twenty values handed across one by one). `age` is filled in by the caller.
 */
export function trackerRowJson(db: Db): string {
  // A JSON boolean: SQLite's json() of the text, PostgreSQL's own boolean.
  const carersChanged = db.engine === 'sqlite' ? "json(CASE s.carers_changed WHEN 1 THEN 'true' ELSE 'false' END)" : '(s.carers_changed = 1)'
  return db.sql.jsonObject([
    ['childId', 's.child_id'],
    ['name', 's.name'],
    ['dob', 's.dob'],
    ['ls', 's.ls'],
    ['legalStatusSince', 's.legal_status_since'],
    ['placement', 's.place'],
    ['placementProvider', 's.place_provider'],
    ['carer', spanCarers(db)],
    ['carersSince', 's.carers_since'],
    ['carersChangedSinceDecision', carersChanged],
    ['periodStart', 's.period_start'],
    ['placementStart', 's.placement_start'],
    ['placementsLast12Months', placementsLast12Months],
    ['status', 's.status'],
    ['lastPanelDate', 's.last_panel'],
    ['lastOversightDate', 's.last_oversight'],
    ['nextAction', 'a.description'],
    ['nextActionDue', 'a.due_date'],
    ['episodeId', 's.episode_id'],
    ['age', 'NULL'],
    ['legalStatusGroup', 's.ls_group'],
    ['decisionDate', 's.decision_date']
  ])
}

/**
 * Every child looked after on `asOf` (or just `childId`), with the tracker's columns, by
 * child ID. Columns fixed within a span come from it; placements in the last 12 months
 * compare it with the child's span a year before (one seek, in child order), and the
 * open action is a seek. With tens of thousands of rows, handing each of twenty values
 * across to JavaScript one by one costs more than the query itself: SQLite writes the
 * rows as one JSON array in the TrackerRow shape and JSON.parse builds them (measured:
 * about half the time of row-by-row objects or raw arrays at 100k children).
 */
export async function trackerRows(db: Db, asOf: string, options: { childId?: string } = {}): Promise<TrackerRow[]> {
  await ensureTrackerSpans(db)
  const spans =
    options.childId === undefined
      ? `SELECT * FROM ${spansBy(db, 'tracker_span_on_day')} WHERE ${containsDay} ORDER BY s.child_id`
      : `SELECT * FROM tracker_span s WHERE s.child_id = :childId AND ${containsDay}`
  const json = (await db
    .prepare(
      `SELECT ${db.sql.jsonGroupArray(trackerRowJson(db))}
       FROM (${spans}) s ${nextActionJoin}`
    )
    .pluck()
    .get({ d: asOf, yearAgo: addMonths(asOf, -12), ...(options.childId === undefined ? {} : { childId: options.childId }) })) as string
  const rows = JSON.parse(json) as TrackerRow[]
  for (const row of rows) row.age = row.dob === null ? null : ageOn(row.dob, asOf)
  // The aggregate follows the subquery's order (which also keeps the seeks above in
  // child order), but SQL does not promise it; on sorted input this sort is one pass.
  return rows.sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0))
}
