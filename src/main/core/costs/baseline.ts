import { notCosted, type CostBaseline, type PlacementOption } from '../../../shared/api'
import type { Db } from '../store/db'

/*
 * Looked after on D: an episode open on D (DECOM ≤ D and DEC blank or after D); when
 * episodes overlap the latest DECOM (then import order) is the child's episode, and a
 * child whose episode is a short-break series (V3/V4) is not counted.
 */
const lookedAfterPlacementsSql = `
  WITH open_on AS (
    SELECT e.child_id, e.ls, e.place, e.place_provider,
           ROW_NUMBER() OVER (PARTITION BY e.child_id ORDER BY e.decom DESC, e.seq DESC) AS rn
    FROM episode e
    WHERE e.decom <= :date AND (e.dec IS NULL OR e.dec > :date)
  )
  SELECT o.place, o.place_provider AS placeProvider, COALESCE(exact.option_code, anyProvider.option_code) AS optionCode,
         COUNT(*) AS children
  FROM open_on o
  LEFT JOIN placement_mapping exact ON exact.place = o.place AND exact.place_provider = o.place_provider
  LEFT JOIN placement_mapping anyProvider ON anyProvider.place = o.place AND anyProvider.place_provider = '*'
  WHERE o.rn = 1 AND COALESCE(o.ls, '') NOT IN ('V3', 'V4')
  GROUP BY o.place, o.place_provider`

/*
 * Arrangements after care that the council still pays for: the child's latest episode
 * that started on or before D ended on or before D with one of the given reasons, and
 * the young person is under the age limit on D.
 */
const endedArrangementsSql = (reasons: readonly string[]): string => `
  WITH latest AS (
    SELECT e.child_id, e.dec, e.rec, ROW_NUMBER() OVER (PARTITION BY e.child_id ORDER BY e.decom DESC, e.seq DESC) AS rn
    FROM episode e WHERE e.decom <= :date
  )
  SELECT COUNT(*) FROM latest l JOIN child c ON c.child_id = l.child_id
  WHERE l.rn = 1 AND l.dec IS NOT NULL AND l.dec <= :date AND l.rec IN (${reasons.map((r) => `'${r}'`).join(', ')})
    AND c.dob IS NOT NULL AND date(c.dob, '+' || :ageLimit || ' years') > :date`

const stayingPutReasons = ['E17']
const sgoReasons = ['E45', 'E46', 'E47', 'E48']

export const baselineRules: readonly string[] = [
  'Looked after on the date: an episode is open on it (start on or before the date, end blank or after it); where episodes overlap the latest start wins; short-break series (LS V3/V4) are not counted.',
  'Each looked-after child is counted under the option its episode\'s PLACE and PLACE_PROVIDER map to in the placement mapping (an exact provider wins over "any provider"); children whose placement has no mapping are shown as unmapped, never costed silently.',
  'Staying Put: young people whose latest episode ended on or before the date with REC E17 (aged 18, stayed with carers) and who are under 21 on the date.',
  'SGO: children whose latest episode ended on or before the date with REC E45–E48 (special guardianship order) and who are under 18 on the date (the SGO allowance runs to 18).',
  'Placed with parents (P1) and placed for adoption (A3–A6) carry no placement cost by default and are counted as not costed.'
]

interface PlacementCount {
  place: string | null
  placeProvider: string | null
  optionCode: string | null
  children: number
}

/** Counts per option on `date`: numbers only, never who the children are. */
export function costBaseline(db: Db, date: string): CostBaseline {
  const counts: Partial<Record<PlacementOption, number>> = {}
  const unmapped: CostBaseline['unmapped'] = []
  let lookedAfter = 0
  let notCostedChildren = 0
  for (const row of db.prepare(lookedAfterPlacementsSql).all({ date }) as PlacementCount[]) {
    lookedAfter += row.children
    if (row.optionCode === null) unmapped.push({ place: row.place, placeProvider: row.placeProvider, children: row.children })
    else if (row.optionCode === notCosted) notCostedChildren += row.children
    else counts[row.optionCode as PlacementOption] = (counts[row.optionCode as PlacementOption] ?? 0) + row.children
  }
  const ended = (reasons: readonly string[], ageLimit: number): number => db.prepare(endedArrangementsSql(reasons)).pluck().get({ date, ageLimit }) as number
  const stayingPut = ended(stayingPutReasons, 21)
  const sgo = ended(sgoReasons, 18)
  if (stayingPut) counts.STAYING_PUT = (counts.STAYING_PUT ?? 0) + stayingPut
  if (sgo) counts.SGO = (counts.SGO ?? 0) + sgo
  unmapped.sort((a, b) => b.children - a.children)
  return {
    date,
    counts,
    lookedAfter,
    notCosted: notCostedChildren,
    unmapped,
    unmappedTotal: unmapped.reduce((n, u) => n + u.children, 0),
    rules: [...baselineRules]
  }
}
