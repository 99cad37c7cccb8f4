import { notCosted, optionOrder, type CostBaseline, type PlacementOption } from '../../../shared/api'
import { codeListsByYear, codesFor, firstKnownYear, lastKnownYear } from '../io/codes'
import type { Db } from '../store/db'
import type { Engine } from '../store/engine/store'
import { placementGroups, resolver, sortUnmapped } from './mapping'
import { finalEpisodesOn } from './sources'

/*
 * Arrangements after care that the council still pays for: the child's latest episode
 * that started on or before :date ended on or before it with one of the reasons, and
 * the young person is under the age limit on :date (whole years, from the
 * commissioning source, which never hands over who the young person is).
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
export function sgoOnDecSql(): string {
  const years = [...codeListsByYear.keys()].sort((a, b) => a - b)
  const terms = sgoReasons.map((code) => {
    const valid = years.filter((y) => codesFor('REC', y).has(code))
    const [first, last] = [valid[0], valid.at(-1)]
    if (first === undefined || last === undefined) return null
    // Years outside the known lists take the nearest one (codes.ts), so the ends stay open.
    const from = first === firstKnownYear ? null : `${first - 1}-04-01`
    const to = last === lastKnownYear ? null : `${last}-03-31`
    return [`e.rec = '${code}'`, from && `e.dec >= '${from}'`, to && `e.dec <= '${to}'`].filter(Boolean).join(' AND ')
  })
  return terms
    .filter((t): t is string => t !== null)
    .map((t) => `(${t})`)
    .join(' OR ')
}

const endedArrangementsSql = (engine: Engine): string => `
  SELECT COALESCE(SUM(CASE WHEN e.rec IN (${inList(stayingPutReasons)}) AND e.age < 21 THEN 1 ELSE 0 END), 0) AS "stayingPut",
         COALESCE(SUM(CASE WHEN (${sgoOnDecSql()}) AND e.age < 18 THEN 1 ELSE 0 END), 0) AS sgo
  FROM ${finalEpisodesOn(engine)} e
  WHERE e.rec IN (${inList([...stayingPutReasons, ...sgoReasons])})`

export const baselineRules: readonly string[] = [
  "Looked after on the date: by the permanence tracker's rule — an episode other than a short-break series (LS V3/V4) is open on it (start on or before the date, end blank or after it); where such episodes overlap, the latest start wins.",
  "Each looked-after child is counted under the option its episode's PLACE and PLACE_PROVIDER map to in the placement mapping and the child's age on the date (an exact provider wins over \"any provider\", then the narrowest age band); children whose placement has no mapping are shown as unmapped, never costed silently. Children's homes run by the council (K2/R1 with PR1) map to in-house residential.",
  'Staying Put: young people whose latest episode ended on or before the date with REC E17 (aged 18, stayed with carers) and who are under 21 on the date.',
  'SGO: children whose latest episode ended on or before the date with a special guardianship leaving code — E45–E48, or E43/E44 on episodes that ended in a collection year whose 903 code list still had them (to 31/03/2019) — and who are under 18 on the date (the SGO allowance runs to 18).',
  'Placed with parents (P1) and placed for adoption (A3–A6) carry no placement cost by default and are counted as not costed.'
]

/** Counts per option on `date`: numbers only, never who the children are. */
export async function costBaseline(db: Db, date: string): Promise<CostBaseline> {
  const counts: Record<PlacementOption, number> = {}
  const unmapped = new Map<string, CostBaseline['unmapped'][number]>()
  let lookedAfter = 0
  let notCostedChildren = 0
  const resolve = await resolver(db, date)
  for (const group of await placementGroups(db, date)) {
    lookedAfter += group.children
    const optionCode = (await resolve(group))?.optionCode ?? null
    if (optionCode === null) {
      const key = `${group.place}/${group.placeProvider}`
      const u = unmapped.get(key) ?? { place: group.place, placeProvider: group.placeProvider, children: 0 }
      u.children += group.children
      unmapped.set(key, u)
    } else if (optionCode === notCosted) notCostedChildren += group.children
    else counts[optionCode] = (counts[optionCode] ?? 0) + group.children
  }
  const { stayingPut, sgo } = (await db.prepare(endedArrangementsSql(db.engine)).get({ date })) as { stayingPut: number; sgo: number }
  if (stayingPut) counts.STAYING_PUT = (counts.STAYING_PUT ?? 0) + stayingPut
  if (sgo) counts.SGO = (counts.SGO ?? 0) + sgo
  const unmappedList = sortUnmapped([...unmapped.values()])
  return {
    date,
    // In the table's order, so every listing reads the same way.
    counts: Object.fromEntries(optionOrder(Object.keys(counts)).map((o) => [o, counts[o] ?? 0])),
    afterCare: ['STAYING_PUT', 'SGO'],
    lookedAfter,
    notCosted: notCostedChildren,
    unmapped: unmappedList,
    unmappedTotal: unmappedList.reduce((n, u) => n + u.children, 0),
    rules: [...baselineRules]
  }
}
