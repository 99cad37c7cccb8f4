/**
 * The tracker grid a page at a time: the tile filters, the search and the sort
 * run in SQL over the spans on the day, so the page asks for 100 rows and the total
 * rather than every looked-after child. The filters say in SQL what drift.ts and
 * flags.ts say in code; tests hold the two to the same rows.
 */
import type {
  DriftCode,
  DriftThresholds,
  TrackerFlag,
  TrackerGridRow,
  TrackerPage,
  TrackerRow,
  TrackerSortColumn,
  TrackerSummary,
  trackerPageInput
} from '../../../shared/contract/tracker'
import { driftCodes, trackerFlags } from '../../../shared/contract/tracker'
import type { z } from 'zod'
import type { Db } from '../store/db'
import { addMonths, ageOn } from '../util/days'
import { driftFlags, getDriftThresholds } from './drift'
import { childFacts, factsFor, withFacts } from './flags'
import { containsDay, nextActionJoin, placementsLast12Months, spanCarers, spansBy, trackerCounts, trackerRowJson } from './queries'
import { ensureTrackerSpans } from './refresh'
import { inKeyOrder, keyList, pageKeys } from '../store/ordered-keys'

type Params = Record<string, string | number>

const undecided = "s.status IN ('none', 'oversight')"
const placedWithParents = "s.ls IN ('C1', 'C2') AND s.place = 'P1'"

/** Each drift code as a condition on span s; :<code> is its cut-off date. */
const driftSql: Record<DriftCode, string> = {
  fco_no_decision: `${undecided} AND s.ls_group = 'FCO' AND s.legal_status_since < :fco_no_decision`,
  s20_no_decision: `${undecided} AND s.ls_group = 'S20' AND s.legal_status_since < :s20_no_decision`,
  placement_moves: `${placementsLast12Months} >= :placement_moves`,
  no_panel_look: 'COALESCE(s.period_start, s.legal_status_since) < :no_panel_look AND (s.last_panel IS NULL OR s.last_panel < :no_panel_look)',
  pwp_no_discharge_plan: `${placedWithParents} AND COALESCE(s.placement_start, s.legal_status_since) < :pwp_no_discharge_plan
    AND NOT EXISTS (SELECT 1 FROM discharge_application da WHERE da.child_id = s.child_id AND da.planned_date <= :d)`
}

const driftParams = (asOf: string, t: DriftThresholds): Params => ({
  fco_no_decision: addMonths(asOf, -t.fcoMonths),
  s20_no_decision: addMonths(asOf, -t.s20Months),
  placement_moves: t.placementsIn12Months,
  no_panel_look: addMonths(asOf, -t.panelLookMonths),
  pwp_no_discharge_plan: addMonths(asOf, -t.pwpMonths)
})

/**
 * The latest oversight on or before :d (manager entry or panel alike, as flags.ts orders
 * them) as a one-row table l of its date and next review: one look-up answers both.
 */
const latestOversight = `(SELECT o.date, o.next FROM (
    SELECT entry_date AS date, next_review_date AS next, recorded_at AS at, 0 AS panel, id AS rid FROM oversight_entry
    WHERE child_id = s.child_id AND entry_date <= :d
    UNION ALL
    SELECT decision_date, return_date, recorded_at, 1, id FROM decision
    WHERE child_id = s.child_id AND outcome = 'oversight' AND superseded = 0 AND decision_date <= :d) o
  ORDER BY o.date DESC, o.at DESC, o.panel DESC, o.rid DESC LIMIT 1) l`

const flagSql: Record<TrackerFlag, string> = {
  carers_changed: 's.carers_changed = 1',
  placed_with_parents: placedWithParents,
  // IN over the plans, not a look-up per child: the engine builds the set of confirmed plans once.
  plan_confirmed_no_decision: `s.status NOT IN ('agreed', 'not_agreed')
    AND s.child_id IN (SELECT cp.child_id FROM care_plan cp WHERE cp.confirmed_date <= :d)`,
  // Only an entry in the current period is the one behind the row's oversight.
  oversight_review_overdue: `s.status = 'oversight' AND EXISTS (SELECT 1 FROM ${latestOversight} WHERE l.date = s.last_oversight AND l.next < :d)`
}

/** Sort terms by column id; the direction is applied to each term, `invert` ones the other way. */
const sortSql = (db: Db): Record<TrackerSortColumn, { terms: string[]; invert?: boolean }> => ({
  name: { terms: ['s.name'] },
  childId: { terms: ['s.child_id'] },
  // Older children were born earlier.
  age: { terms: ['s.dob'], invert: true },
  legalStatusGroup: { terms: ['s.ls_group', 's.ls'] },
  placement: { terms: ['s.place'] },
  placementProvider: { terms: ['s.place_provider'] },
  carer: { terms: [spanCarers(db)] },
  carersSince: { terms: ['s.carers_since'] },
  carePlan: { terms: ['(SELECT cp.plan FROM care_plan cp WHERE cp.child_id = s.child_id)'] },
  periodStart: { terms: ['s.period_start'] },
  // An earlier start is longer in placement.
  timeInPlacement: { terms: ['s.placement_start'], invert: true },
  placementsLast12Months: { terms: [placementsLast12Months] },
  status: { terms: ['s.status'] },
  lastPanelDate: { terms: ['s.last_panel'] },
  nextAction: {
    terms: [
      `(SELECT x.description FROM action x
      WHERE x.child_id = s.child_id AND substr(x.created_at, 1, 10) <= :d AND (x.done_at IS NULL OR substr(x.done_at, 1, 10) > :d)
      ORDER BY x.due_date IS NULL, x.due_date, x.id LIMIT 1)`
    ]
  }
})

type Input = z.output<typeof trackerPageInput>

/** The WHERE clause for the day, tile filters and search, and its parameters. */
function filterSql(db: Db, input: Pick<Input, 'asOf' | 'filters' | 'search'>, thresholds: DriftThresholds): { where: string; params: Params } {
  const params: Params = { d: input.asOf, yearAgo: addMonths(input.asOf, -12) }
  const where = [containsDay]
  const list = (key: string, values: readonly string[]): string => values.map((v, i) => ((params[`${key}${i}`] = v), `:${key}${i}`)).join(', ')
  const { statuses, groups, drift, flags } = input.filters
  if (statuses?.length) where.push(`s.status IN (${list('st', statuses)})`)
  if (groups?.length) where.push(`s.ls_group IN (${list('gr', groups)})`)
  // A drift tile shows children with any of its codes; flag tiles need every flag.
  if (drift?.length) where.push(`(${drift.map((c) => `(${driftSql[c]})`).join(' OR ')})`)
  for (const f of flags ?? []) where.push(`(${flagSql[f]})`)
  if (drift?.length) Object.assign(params, driftParams(input.asOf, thresholds))
  if (input.search) {
    params.q = `%${input.search}%`
    where.push(`(s.child_id ${db.sql.like} :q OR s.name ${db.sql.like} :q OR EXISTS (
      SELECT 1 FROM placement_carer pc JOIN carer k ON k.id = pc.carer_id
      WHERE pc.child_id = s.child_id AND pc.placement_start = s.carers_key AND k.name ${db.sql.like} :q))`)
  }
  return { where: where.join(' AND '), params }
}

/** ORDER BY for the requested sort, ending with the child (one span per child on a day): a total order. */
function orderSql(db: Db, sort: Input['sort']): string {
  const terms = sortSql(db)
  const order: string[] = []
  for (const { column, direction } of sort) {
    const spec = terms[column]
    const asc = (direction === 'asc') !== (spec.invert ?? false)
    // NULLs first going up, last going down: SQLite's order, spelt out for PostgreSQL.
    for (const t of spec.terms) order.push(`${t} ${asc ? 'ASC NULLS FIRST' : 'DESC NULLS LAST'}`)
  }
  return [...order, 's.child_id'].join(', ')
}

/** The grid's rows for one page of children, in the page's order, with drift and flags as the full view gives them. */
async function gridRows(db: Db, asOf: string, rows: TrackerRow[], thresholds: DriftThresholds): Promise<TrackerGridRow[]> {
  const facts = await childFacts(
    db,
    asOf,
    rows.map((r) => r.childId)
  )
  return rows.map((row) => {
    row.age = row.dob === null ? null : ageOn(row.dob, asOf)
    const extra = withFacts(row, factsFor(facts, row.childId), asOf)
    return { ...row, drift: driftFlags({ ...row, dischargeStatus: extra.dischargeStatus }, asOf, thresholds), ...extra }
  })
}

/** The query's rows as keys (child IDs) in the grid's order; `listing` a whole list, a first page otherwise. */
function childrenSql(db: Db, input: Pick<Input, 'asOf' | 'filters' | 'search' | 'sort'>, thresholds: DriftThresholds, listing: boolean) {
  const { where, params } = filterSql(db, input, thresholds)
  // A whole list reads the spans on the day through their index; the top of a list in child order walks the key itself and stops early.
  const from = listing ? spansBy(db, 'tracker_span_on_day') : 'tracker_span s'
  return { sql: `SELECT s.child_id FROM ${from} WHERE ${where} ORDER BY ${orderSql(db, input.sort)}`, where, params }
}

/** The keys of one page of the grid, and how many children match in all. */
async function pageChildren(db: Db, input: Input, thresholds: DriftThresholds): Promise<{ keys: string[]; total: number }> {
  const query = JSON.stringify(['tracker', input.asOf, input.filters, input.search, input.sort, thresholds])
  return await pageKeys(db, query, input, {
    all: async () => await orderedChildren(db, input, thresholds),
    first: async (limit) => {
      const { sql, where, params } = childrenSql(db, input, thresholds, false)
      const total = (await db.prepare(`SELECT COUNT(*) FROM tracker_span s WHERE ${where}`).pluck().get(params)) as number
      const keys = (await db
        .prepare(`${sql} LIMIT :limit`)
        .pluck()
        .all({ ...params, limit })) as string[]
      return { keys, total: Number(total) }
    }
  })
}

/** Every child the grid's query matches, in its order. */
async function orderedChildren(db: Db, input: Pick<Input, 'asOf' | 'filters' | 'search' | 'sort'>, thresholds: DriftThresholds): Promise<string[]> {
  const { sql, params } = childrenSql(db, input, thresholds, true)
  return (await db.prepare(sql).pluck().all(params)) as string[]
}

/** One page of the tracker grid on `asOf`, and how many rows match in all. */
export async function trackerPage(db: Db, input: Input): Promise<TrackerPage> {
  await ensureTrackerSpans(db)
  const thresholds = await getDriftThresholds(db)
  const { keys, total } = await pageChildren(db, input, thresholds)
  const list = keyList(keys)
  const page = (await db
    .prepare(
      `SELECT ${trackerRowJson(db)} AS row FROM (
         SELECT s.* FROM tracker_span s WHERE s.child_id IN (${list.sql}) AND ${containsDay}) s
       ${nextActionJoin}`
    )
    .pluck()
    .all({ ...list.params, d: input.asOf, yearAgo: addMonths(input.asOf, -12) })) as string[]
  const rows = inKeyOrder(
    keys,
    page.map((json) => JSON.parse(json) as TrackerRow),
    (r) => r.childId
  )
  return { rows: await gridRows(db, input.asOf, rows, thresholds), total }
}

/** The children on `asOf` matching the tile filters and search, in the order of `sort`: what an export or print of the grid holds. */
export async function trackerMatchingChildren(db: Db, input: Pick<Input, 'asOf' | 'filters' | 'search' | 'sort'>): Promise<string[]> {
  await ensureTrackerSpans(db)
  return await orderedChildren(db, input, await getDriftThresholds(db))
}

/** The tracker's tiles on `asOf`: the counts, and how many children have each drift code and flag, in one pass. */
export async function trackerSummary(db: Db, asOf: string): Promise<TrackerSummary> {
  const counts = await trackerCounts(db, asOf)
  const thresholds = await getDriftThresholds(db)
  const sums = [...driftCodes.map((c) => driftSql[c]), ...trackerFlags.map((f) => flagSql[f])]
    .map((cond, i) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS n${i}`)
    .join(', ')
  const row = (await db
    .prepare(`SELECT ${sums} FROM tracker_span s WHERE ${containsDay}`)
    .raw()
    .get({ d: asOf, yearAgo: addMonths(asOf, -12), ...driftParams(asOf, thresholds) })) as (number | string | null)[]
  const n = (i: number): number => Number(row[i] ?? 0)
  return {
    counts,
    thresholds,
    driftCounts: Object.fromEntries(driftCodes.map((c, i) => [c, n(i)])) as TrackerSummary['driftCounts'],
    flagCounts: Object.fromEntries(trackerFlags.map((f, i) => [f, n(driftCodes.length + i)])) as TrackerSummary['flagCounts']
  }
}
