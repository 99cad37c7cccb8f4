import { notCosted, placementOptions, type CostBaseline, type PlacementOption } from '../../../shared/api'
import { codeListsByYear, codesFor, firstKnownYear, lastKnownYear } from '../io/codes'
import type { Db } from '../store/db'
import { ensureTrackerSpans } from '../tracker/refresh'

/*
 * Arrangements after care that the council still pays for: the child's latest episode
 * that started on or before :date ended on or before it with one of the reasons, and
 * the young person is under the age limit on :date. Only episodes with those reasons
 * are read; "latest" is one indexed probe on (child_id, decom) each.
 */
const stayingPutReasons = ['E17']
/**
 * Leaving codes that meant a special guardianship order. E43/E44 (SGO to former foster
 * carers / to other carers) were replaced by E45–E48; each counts only on a DEC in a
 * collection year whose 903 code list carries it (io/codes.ts), so a code reused later
 * for something else would not be read as an SGO.
 */
const sgoReasons = ['E43', 'E44', 'E45', 'E46', 'E47', 'E48']
const inList = (codes: readonly string[]): string => codes.map((c) => `'${c}'`).join(', ')

/** SQL test that `e.rec` is an SGO code valid in the collection year of `e.dec`. */
function sgoOnDecSql(): string {
  const years = [...codeListsByYear.keys()].sort((a, b) => a - b)
  const terms = sgoReasons.map((code) => {
    const valid = years.filter((y) => codesFor('REC', y).has(code))
    if (valid.length === 0) return null
    // Years outside the known lists take the nearest one (codes.ts), so the ends stay open.
    const from = valid[0] === firstKnownYear ? null : `${valid[0] - 1}-04-01`
    const to = valid.at(-1) === lastKnownYear ? null : `${valid.at(-1)!}-03-31`
    return [`e.rec = '${code}'`, from && `e.dec >= '${from}'`, to && `e.dec <= '${to}'`].filter(Boolean).join(' AND ')
  })
  return terms.filter((t): t is string => t !== null).map((t) => `(${t})`).join(' OR ')
}

const endedArrangementsSql = `
  SELECT COALESCE(SUM(e.rec IN (${inList(stayingPutReasons)}) AND date(c.dob, '+21 years') > :date), 0) AS stayingPut,
         COALESCE(SUM((${sgoOnDecSql()}) AND date(c.dob, '+18 years') > :date), 0) AS sgo
  FROM episode e JOIN child c ON c.child_id = e.child_id
  WHERE e.rec IN (${inList([...stayingPutReasons, ...sgoReasons])}) AND e.dec <= :date AND c.dob IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM episode later WHERE later.child_id = e.child_id AND later.decom <= :date
                    AND (later.decom > e.decom OR (later.decom = e.decom AND later.seq > e.seq)))`

export const baselineRules: readonly string[] = [
  'Looked after on the date: by the permanence tracker\'s rule — an episode other than a short-break series (LS V3/V4) is open on it (start on or before the date, end blank or after it); where such episodes overlap, the latest start wins.',
  'Each looked-after child is counted under the option its episode\'s PLACE and PLACE_PROVIDER map to in the placement mapping (an exact provider wins over "any provider"); children whose placement has no mapping are shown as unmapped, never costed silently. Children\'s homes run by the council (K2/R1 with PR1) map to in-house residential.',
  'Staying Put: young people whose latest episode ended on or before the date with REC E17 (aged 18, stayed with carers) and who are under 21 on the date.',
  'SGO: children whose latest episode ended on or before the date with a special guardianship leaving code — E45–E48, or E43/E44 on episodes that ended in a collection year whose 903 code list still had them (to 31/03/2019) — and who are under 18 on the date (the SGO allowance runs to 18).',
  'Placed with parents (P1) and placed for adoption (A3–A6) carry no placement cost by default and are counted as not costed.'
]

/*
 * Children looked after on :date and their placement, straight from the permanence
 * tracker's status spans (tracker/spans.ts: the rule of rules.ts episodeOnDay, kept per
 * child by tracker/refresh.ts), so the two can never disagree on who is looked after.
 */
const lookedAfterPlacementsSql = `
  WITH open_on AS (
    SELECT s.place, s.place_provider, COUNT(*) AS children
    FROM tracker_span s INDEXED BY tracker_span_on_day
    WHERE s.span_end > :date AND s.span_start <= :date
    GROUP BY s.place, s.place_provider
  )
  SELECT o.place, o.place_provider AS placeProvider, COALESCE(exact.option_code, anyProvider.option_code) AS optionCode, o.children
  FROM open_on o
  LEFT JOIN placement_mapping exact ON exact.place = o.place AND exact.place_provider = o.place_provider
  LEFT JOIN placement_mapping anyProvider ON anyProvider.place = o.place AND anyProvider.place_provider = '*'`

interface PlacementCount {
  place: string | null
  placeProvider: string | null
  optionCode: string | null
  children: number
}

/** Counts per option on `date`: numbers only, never who the children are. */
export function costBaseline(db: Db, date: string): CostBaseline {
  ensureTrackerSpans(db)
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
  const { stayingPut, sgo } = db.prepare(endedArrangementsSql).get({ date }) as { stayingPut: number; sgo: number }
  if (stayingPut) counts.STAYING_PUT = (counts.STAYING_PUT ?? 0) + stayingPut
  if (sgo) counts.SGO = (counts.SGO ?? 0) + sgo
  unmapped.sort((a, b) => b.children - a.children || `${a.place}/${a.placeProvider}`.localeCompare(`${b.place}/${b.placeProvider}`))
  return {
    date,
    // In the table's order, so every listing reads the same way.
    counts: Object.fromEntries(placementOptions.filter((o) => counts[o] !== undefined).map((o) => [o, counts[o]])),
    lookedAfter,
    notCosted: notCostedChildren,
    unmapped,
    unmappedTotal: unmapped.reduce((n, u) => n + u.children, 0),
    rules: [...baselineRules]
  }
}
