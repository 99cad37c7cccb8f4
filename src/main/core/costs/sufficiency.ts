import type { ComparatorKind, SufficiencyMeasure, SufficiencyReport, SufficiencyRow } from '../../../shared/api'
import { audit } from '../store/audit'
import type { Db } from '../store/db'
import { readSetting, writeSetting } from '../store/settings'
import type { Engine } from '../store/engine/store'
import { sgoOnDecSql } from './baseline'
import { lookedAfterOn, placementsInWindow } from './sources'
import { ensureCommissioningSpans } from './trackerReady'

const comparatorKey = 'sufficiency.comparators'
type Comparators = Partial<Record<SufficiencyMeasure, Partial<Record<ComparatorKind, number>>>>

/** England's kinship share from the 2019-20 report; every other comparator is the commissioner's to enter. */
const defaultComparators: Comparators = { kinshipShare: { england: 0.115 } }

export async function readComparators(db: Db): Promise<Comparators> {
  const stored = await readSetting(db, comparatorKey)
  return stored === undefined ? defaultComparators : (JSON.parse(stored) as Comparators)
}

export async function setSufficiencyComparator(
  db: Db,
  who: string,
  input: { measure: SufficiencyMeasure; comparator: ComparatorKind; value: number | null }
): Promise<Partial<Record<ComparatorKind, number>>> {
  return await db.transaction(async () => {
    const before = await readComparators(db)
    const after: Comparators = { ...before, [input.measure]: { ...before[input.measure] } }
    if (input.value === null) delete after[input.measure]![input.comparator]
    else after[input.measure]![input.comparator] = input.value
    await writeSetting(db, comparatorKey, JSON.stringify(after))
    await audit(db, {
      who,
      action: 'sufficiency.comparator',
      entity: 'setting',
      entityId: `${comparatorKey}.${input.measure}.${input.comparator}`,
      before: before[input.measure] ?? null,
      after: after[input.measure]
    })
    return after[input.measure]!
  })()
}

const placementType = `CASE
  WHEN s.place IN ('U1', 'U2', 'U3') THEN 'Kinship foster care'
  WHEN s.place IN ('U4', 'U5', 'U6') THEN 'Foster care'
  WHEN s.place IN ('A3', 'A4', 'A5', 'A6') THEN 'Placed for adoption'
  WHEN s.place = 'P1' THEN 'Placed with parents'
  WHEN s.place IN ('H5', 'P2') THEN 'Semi-independent / independent living'
  WHEN s.place IN ('K1', 'K2', 'R1', 'S1') THEN 'Residential (homes, secure, schools)'
  ELSE 'Other (NHS, family centres, YOI, temporary, other)' END`

/** Looked-after children on :date (the tracker's rule, from its spans), grouped by placement type and provider. */
const stockSql = (engine: Engine): string => `
  SELECT ${placementType} AS type,
         SUM(CASE WHEN s.place_provider = 'PR1' THEN 1 ELSE 0 END) AS "inHouse",
         SUM(CASE WHEN s.place_provider IN ('PR2', 'PR3', 'PR4', 'PR5') THEN 1 ELSE 0 END) AS external,
         SUM(CASE WHEN s.place_provider IS NULL OR s.place_provider NOT IN ('PR1', 'PR2', 'PR3', 'PR4', 'PR5') THEN 1 ELSE 0 END) AS other,
         COUNT(*) AS children,
         SUM(CASE WHEN s.place IN ('U1', 'U2', 'U3') THEN 1 ELSE 0 END) AS kinship,
         SUM(CASE WHEN s.place IN ('U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'A3', 'A4', 'A5', 'A6') THEN 1 ELSE 0 END) AS "familyBased"
  FROM ${lookedAfterOn(engine)} s
  GROUP BY 1 ORDER BY 1`

/** How many rows meet `condition`: 0, not NULL, over no rows. */
const countWhen = (condition: string): string => `COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`

/*
 * Long-term stability (DfE): children under 16 on :date looked after for 2½ years or more,
 * and of them those in the same placement for 2 years or more. The cut-off dates are
 * bound (monthsBefore), not computed in SQL: the engines disagree at month ends.
 */
const longTermSql = (engine: Engine): string => `
  SELECT COUNT(*) AS cohort, ${countWhen('s.placement_start <= :stableSince')} AS stable
  FROM ${lookedAfterOn(engine)} s
  WHERE s.age < 16 AND s.period_start <= :inCareSince`

/**
 * `months` months before an ISO date, as SQLite's date(x, '-N months') has always
 * counted it: a day the month lacks runs on into the next (31/03/2020 less 30 months is
 * 01/10/2017), where PostgreSQL's interval would stop at the month's end.
 */
export function monthsBefore(iso: string, months: number): string {
  const [y = NaN, m = NaN, d = NaN] = iso.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1 - months, d)).toISOString().slice(0, 10)
}

/*
 * Short-term stability (DfE): children looked after on :date with 3 or more placements in
 * the 12 months to it. Placements = those begun in the window (care episodes, not short
 * breaks, other than legal-status-only changes) plus the one held at its start, if any.
 */
const threePlusSql = (engine: Engine): string =>
  `SELECT COUNT(*) AS cohort, ${countWhen('p.placements >= 3')} AS "threePlus" FROM ${placementsInWindow(engine)} p`

const careEpisode = "COALESCE(e.ls, '') NOT IN ('V3', 'V4')"
const flowNames = ['admissions', 'leavers', 'adoptions', 'sgos', 'caos'] as const
type Flows = Record<(typeof flowNames)[number], number>

/** Admissions, leavers and orders in the window (from, to] (bound names), as `<measure><suffix>`. */
function flowColumns(from: string, to: string, suffix: string): string {
  const started = `e.decom > ${from} AND e.decom <= ${to}`
  const ended = `e.dec > ${from} AND e.dec <= ${to}`
  const conditions: Record<keyof Flows, string> = {
    admissions: `e.rne = 'S' AND ${started} AND ${careEpisode}`,
    leavers: `${ended} AND e.rec IS NOT NULL AND e.rec <> 'X1' AND ${careEpisode}`,
    adoptions: `${ended} AND e.rec IN ('E11', 'E12')`,
    sgos: `${ended} AND (${sgoOnDecSql()})`,
    caos: `${ended} AND e.rec = 'E41'`
  }
  return flowNames.map((name) => `${countWhen(conditions[name])} AS "${name}${suffix}"`).join(',\n    ')
}

/**
 * Admissions, leavers and orders in the 12 months to :date and in the 12 months before
 * those (:before, :from]; care episodes only, never short breaks. One pass over the
 * episodes that start or end in the two years, not one per measure or per year (at 100k
 * children each pass reads about 280,000 of a million episodes).
 */
const flowsSql = `
  SELECT
    ${flowColumns(':from', ':date', 'Now')},
    ${flowColumns(':before', ':from', 'Before')}
  FROM commissioning_episode e
  WHERE (e.decom > :before AND e.decom <= :date) OR (e.dec > :before AND e.dec <= :date)`

async function flowsOver(db: Db, date: string): Promise<{ now: Flows; before: Flows }> {
  const from = yearBefore(date)
  const row = (await db.prepare(flowsSql).get({ date, from, before: yearBefore(from) })) as Record<string, number>
  const pick = (suffix: string): Flows => Object.fromEntries(flowNames.map((name) => [name, row[`${name}${suffix}`] ?? 0])) as Flows
  return { now: pick('Now'), before: pick('Before') }
}

export const sufficiencyRules: readonly string[] = [
  "Looked after on the date: the permanence tracker's rule (an episode other than a short-break series V3/V4 open on it). Numbers only: no child is named or identified.",
  'In-house: placements provided by the council (PLACE_PROVIDER PR1); external: other councils, other public bodies, private and voluntary providers (PR2–PR5); other: with parents (PR0) or no provider.',
  'Family-based: foster care including kinship (PLACE U1–U6) and placed for adoption (A3–A6), as a share of those looked after. Kinship: U1–U3.',
  '3+ placements: children looked after on the date with three or more placements in the 12 months to it — placements begun in the window (any care episode other than a legal-status-only change, RNE L) plus the one held at its start.',
  'Long-term stability: children under 16 on the date looked after for 2½ years or more, and the share of them in the same placement for 2 years or more.',
  "Admissions: periods of care starting (RNE S) in the 12 months; leavers: episodes ending with a reason other than X1; adoptions: REC E11/E12; SGOs: E45–E48, and E43/E44 where the year's 903 code list had them; CAOs: REC E41.",
  'Change: the same measure a year earlier; comparators are figures the commissioner enters (statistical neighbours, England).'
]

interface Stock {
  type: string
  inHouse: number
  external: number
  other: number
  children: number
  kinship: number
  familyBased: number
}

const yearBefore = (iso: string): string => `${Number(iso.slice(0, 4)) - 1}${iso.slice(4)}`.replace(/-02-29$/, '-02-28')

async function measuresOn(
  db: Db,
  date: string,
  flows: Flows
): Promise<{ values: Record<SufficiencyMeasure, number | null>; of: Partial<Record<SufficiencyMeasure, number>>; stock: Stock[] }> {
  const from = yearBefore(date)
  const stock = (await db.prepare(stockSql(db.engine)).all({ date })) as Stock[]
  const sum = (k: keyof Omit<Stock, 'type'>): number => stock.reduce((n, r) => n + r[k], 0)
  const lookedAfter = sum('children')
  // A share of no children is no figure at all, not 0%.
  const share = (n: number, d: number): number | null => (d > 0 ? n / d : null)
  const longTerm = (await db.prepare(longTermSql(db.engine)).get({ date, stableSince: monthsBefore(date, 24), inCareSince: monthsBefore(date, 30) })) as {
    cohort: number
    stable: number
  }
  const three = (await db.prepare(threePlusSql(db.engine)).get({ date, from })) as { cohort: number; threePlus: number }
  const placedInOrOut = sum('inHouse') + sum('external')
  return {
    values: {
      lookedAfter,
      inHouseShare: share(sum('inHouse'), placedInOrOut),
      familyBasedShare: share(sum('familyBased'), lookedAfter),
      kinshipShare: share(sum('kinship'), lookedAfter),
      threePlusPlacements: share(three.threePlus, three.cohort),
      longTermStability: share(longTerm.stable, longTerm.cohort),
      ...flows
    },
    of: {
      inHouseShare: placedInOrOut,
      familyBasedShare: lookedAfter,
      kinshipShare: lookedAfter,
      threePlusPlacements: three.cohort,
      longTermStability: longTerm.cohort
    },
    stock
  }
}

const labels: Record<SufficiencyMeasure, [label: string, unit: SufficiencyRow['unit']]> = {
  lookedAfter: ['Looked after on the date', 'count'],
  inHouseShare: ['In-house placements (of in-house + external)', 'percent'],
  familyBasedShare: ['Family-based placements', 'percent'],
  kinshipShare: ['Kinship foster care', 'percent'],
  threePlusPlacements: ['3+ placements in 12 months', 'percent'],
  longTermStability: ['Long-term stability (under 16s in care 2½+ years)', 'percent'],
  admissions: ['Admissions in 12 months', 'count'],
  leavers: ['Leavers in 12 months', 'count'],
  adoptions: ['Adoption orders in 12 months', 'count'],
  sgos: ['Special guardianship orders in 12 months', 'count'],
  caos: ['Child arrangements orders in 12 months', 'count']
}

const difference = (now: number | null, before: number | null): number | null => (now === null || before === null ? null : now - before)

/** The commissioners' sufficiency and stability measures on a date, a year earlier and against comparators. */
export async function sufficiency(db: Db, asOf: string): Promise<SufficiencyReport> {
  await ensureCommissioningSpans(db)
  const flows = await flowsOver(db, asOf)
  const now = await measuresOn(db, asOf, flows.now)
  const before = await measuresOn(db, yearBefore(asOf), flows.before)
  const comparators = await readComparators(db)
  const rows = (Object.keys(labels) as SufficiencyMeasure[]).map((measure): SufficiencyRow => ({
    measure,
    label: labels[measure][0],
    unit: labels[measure][1],
    value: now.values[measure],
    of: now.of[measure] ?? null,
    yearEarlier: before.values[measure],
    change: difference(now.values[measure], before.values[measure]),
    comparators: comparators[measure] ?? {}
  }))
  return {
    asOf,
    yearFrom: yearBefore(asOf),
    rows,
    byPlacementType: now.stock.map(({ type, inHouse, external, other }) => ({ type, inHouse, external, other })),
    rules: [...sufficiencyRules]
  }
}
