import { notCosted, type CostBaseline, type PlacementOption } from '../../../shared/api'
import type { Db } from '../store/db'
import { trackerRows } from '../tracker/queries'

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
  'Looked after on the date: by the permanence tracker\'s rule — an episode other than a short-break series (LS V3/V4) is open on it (start on or before the date, end blank or after it); where such episodes overlap, the latest start wins.',
  'Each looked-after child is counted under the option its episode\'s PLACE and PLACE_PROVIDER map to in the placement mapping (an exact provider wins over "any provider"); children whose placement has no mapping are shown as unmapped, never costed silently.',
  'Staying Put: young people whose latest episode ended on or before the date with REC E17 (aged 18, stayed with carers) and who are under 21 on the date.',
  'SGO: children whose latest episode ended on or before the date with REC E45–E48 (special guardianship order) and who are under 18 on the date (the SGO allowance runs to 18).',
  'Placed with parents (P1) and placed for adoption (A3–A6) carry no placement cost by default and are counted as not costed.'
]

interface PlacementCount {
  place: string | null
  placeProvider: string | null
  children: number
}

/** PLACE + PLACE_PROVIDER → option, an exact provider before '*' (any provider). */
function mappingLookup(db: Db): (place: string | null, provider: string | null) => string | null {
  const map = new Map((db.prepare('SELECT place, place_provider, option_code FROM placement_mapping').all() as { place: string; place_provider: string; option_code: string }[]).map((m) => [`${m.place}/${m.place_provider}`, m.option_code]))
  return (place, provider) => (place === null ? null : (map.get(`${place}/${provider ?? ''}`) ?? map.get(`${place}/*`) ?? null))
}

/** Counts per option on `date`: numbers only, never who the children are. */
export function costBaseline(db: Db, date: string): CostBaseline {
  // The tracker's looked-after rows, reduced at once to counts per placement code.
  const byPlacement = new Map<string, PlacementCount>()
  for (const row of trackerRows(db, date)) {
    const key = `${row.placement}/${row.placementProvider}`
    const entry = byPlacement.get(key)
    if (entry) entry.children++
    else byPlacement.set(key, { place: row.placement, placeProvider: row.placementProvider, children: 1 })
  }
  const optionOf = mappingLookup(db)
  const counts: Partial<Record<PlacementOption, number>> = {}
  const unmapped: CostBaseline['unmapped'] = []
  let lookedAfter = 0
  let notCostedChildren = 0
  for (const row of byPlacement.values()) {
    const optionCode = optionOf(row.place, row.placeProvider)
    lookedAfter += row.children
    if (optionCode === null) unmapped.push(row)
    else if (optionCode === notCosted) notCostedChildren += row.children
    else counts[optionCode as PlacementOption] = (counts[optionCode as PlacementOption] ?? 0) + row.children
  }
  const ended = (reasons: readonly string[], ageLimit: number): number => db.prepare(endedArrangementsSql(reasons)).pluck().get({ date, ageLimit }) as number
  const stayingPut = ended(stayingPutReasons, 21)
  const sgo = ended(sgoReasons, 18)
  if (stayingPut) counts.STAYING_PUT = (counts.STAYING_PUT ?? 0) + stayingPut
  if (sgo) counts.SGO = (counts.SGO ?? 0) + sgo
  unmapped.sort((a, b) => b.children - a.children || `${a.place}/${a.placeProvider}`.localeCompare(`${b.place}/${b.placeProvider}`))
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
