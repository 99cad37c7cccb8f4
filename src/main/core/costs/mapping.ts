import type { MappingPreview, PlacementMappingRow } from '../../../shared/api'
import { invalidInput } from '../errors'
import { audit } from '../store/audit'
import type { Db } from '../store/db'
import { systemClock } from '../clock'
import type { Engine } from '../store/engine/store'
import { isLiveTarget } from './catalogue'
import { lookedAfterOn } from './sources'
import { ensureCommissioningSpans } from './trackerReady'

const select = 'SELECT place, place_provider AS "placeProvider", age_from AS "ageFrom", age_to AS "ageTo", option_code AS "optionCode" FROM placement_mapping'

export async function listPlacementMappings(db: Db): Promise<PlacementMappingRow[]> {
  return (await db.prepare(`${select} ORDER BY place, place_provider, age_from, age_to`).all()) as PlacementMappingRow[]
}

const band = (m: { ageFrom: number; ageTo: number }): string => (m.ageFrom === 0 && m.ageTo === 99 ? 'any age' : `aged ${m.ageFrom}–${m.ageTo - 1}`)
const mappingId = (m: { place: string; placeProvider: string; ageFrom: number; ageTo: number }): string =>
  `${m.place}/${m.placeProvider}${m.ageFrom === 0 && m.ageTo === 99 ? '' : `/${m.ageFrom}-${m.ageTo - 1}`}`

/**
 * Sets (or with a null option removes) the option for one PLACE + PLACE_PROVIDER and age
 * band. Bands of one placement may not overlap unless one covers every age (the narrower
 * band wins there), so every child resolves to exactly one row.
 */
export async function setPlacementMapping(
  db: Db,
  who: string,
  input: { place: string; placeProvider: string; ageFrom?: number; ageTo?: number; optionCode: string | null },
  today = systemClock.today()
): Promise<PlacementMappingRow | null> {
  const ageFrom = input.ageFrom ?? 0
  const ageTo = input.ageTo ?? 99
  if (ageTo <= ageFrom) throw invalidInput(`ageTo: ${ageTo} must be above ageFrom ${ageFrom}`)
  return await db.transaction(async () => {
    const before =
      ((await db
        .prepare(`${select} WHERE place = ? AND place_provider = ? AND age_from = ? AND age_to = ?`)
        .get(input.place, input.placeProvider, ageFrom, ageTo)) as PlacementMappingRow | undefined) ?? null
    const after = input.optionCode === null ? null : { place: input.place, placeProvider: input.placeProvider, ageFrom, ageTo, optionCode: input.optionCode }
    if (after && !(await isLiveTarget(db, after.optionCode, today))) {
      throw invalidInput(`optionCode: ${after.optionCode} is not a current placement option in the catalogue`)
    }
    if (after) {
      const clash = (
        (await db
          .prepare(`${select} WHERE place = ? AND place_provider = ? AND NOT (age_from = ? AND age_to = ?)`)
          .all(input.place, input.placeProvider, ageFrom, ageTo)) as PlacementMappingRow[]
      ).find((m) => m.ageFrom < ageTo && ageFrom < m.ageTo && !(m.ageFrom === 0 && m.ageTo === 99) && !(ageFrom === 0 && ageTo === 99))
      if (clash)
        throw invalidInput(`ageFrom: ${band(after)} overlaps the mapping of ${input.place}/${input.placeProvider} ${band(clash)} to ${clash.optionCode}`)
    }
    if (before?.optionCode === after?.optionCode) return after
    if (after) {
      await db
        .prepare(
          `INSERT INTO placement_mapping (place, place_provider, age_from, age_to, option_code) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (place, place_provider, age_from, age_to) DO UPDATE SET option_code = excluded.option_code`
        )
        .run(after.place, after.placeProvider, ageFrom, ageTo, after.optionCode)
    } else {
      await db
        .prepare('DELETE FROM placement_mapping WHERE place = ? AND place_provider = ? AND age_from = ? AND age_to = ?')
        .run(input.place, input.placeProvider, ageFrom, ageTo)
    }
    await audit(db, {
      who,
      action: after ? 'placement_mapping.set' : 'placement_mapping.remove',
      entity: 'placement_mapping',
      entityId: mappingId({ place: input.place, placeProvider: input.placeProvider, ageFrom, ageTo }),
      before,
      after
    })
    return after
  })()
}

/** Children looked after on a date by placement and age: numbers, never who. */
export interface PlacementGroup {
  place: string | null
  placeProvider: string | null
  age: number | null
  children: number
}

/*
 * Children looked after on :date, by placement and whole years of age, from the
 * permanence tracker's status spans (tracker/spans.ts) through the commissioning source,
 * so the two can never disagree on who is looked after and no child is identified.
 */
const groupsSql = (engine: Engine): string =>
  `SELECT s.place, s.place_provider AS "placeProvider", s.age, COUNT(*) AS children FROM ${lookedAfterOn(engine)} s GROUP BY 1, 2, 3`

export async function placementGroups(db: Db, date: string): Promise<PlacementGroup[]> {
  await ensureCommissioningSpans(db)
  return (await db.prepare(groupsSql(db.engine)).all({ date })) as PlacementGroup[]
}

const covers = (m: PlacementMappingRow, age: number | null): boolean => (age === null ? m.ageFrom === 0 && m.ageTo >= 99 : age >= m.ageFrom && age < m.ageTo)

/**
 * The mapping row a placement resolves to: an exact provider before '*', and within
 * one provider the narrowest age band holding the child's age; a row whose option is
 * retired on the date does not count.
 */
export async function resolver(db: Db, date: string): Promise<(g: PlacementGroup) => Promise<PlacementMappingRow | null>> {
  const live = new Map<string, boolean>()
  const isLive = async (code: string): Promise<boolean> => {
    if (!live.has(code)) live.set(code, await isLiveTarget(db, code, date))
    return live.get(code)!
  }
  const rows = (await listPlacementMappings(db)).sort((a, b) => a.ageTo - a.ageFrom - (b.ageTo - b.ageFrom))
  return async (g) => {
    if (g.place === null || g.placeProvider === null) return null
    for (const provider of [g.placeProvider, '*']) {
      const hit = rows.find((m) => m.place === g.place && m.placeProvider === provider && covers(m, g.age))
      if (hit) return (await isLive(hit.optionCode)) ? hit : null
    }
    return null
  }
}

/** How many children each mapping row catches on `date`, and which placements stay unmapped. */
export async function previewMapping(db: Db, date: string): Promise<MappingPreview> {
  const resolve = await resolver(db, date)
  const caught = new Map<PlacementMappingRow, number>()
  const unmapped = new Map<string, MappingPreview['unmapped'][number]>()
  for (const g of await placementGroups(db, date)) {
    const hit = await resolve(g)
    if (hit) caught.set(hit, (caught.get(hit) ?? 0) + g.children)
    else {
      const key = `${g.place}/${g.placeProvider}`
      const u = unmapped.get(key) ?? { place: g.place, placeProvider: g.placeProvider, children: 0 }
      u.children += g.children
      unmapped.set(key, u)
    }
  }
  const list = sortUnmapped([...unmapped.values()])
  return {
    date,
    rows: (await listPlacementMappings(db)).map((m) => ({
      ...m,
      children:
        [...caught].find(([k]) => k.place === m.place && k.placeProvider === m.placeProvider && k.ageFrom === m.ageFrom && k.ageTo === m.ageTo)?.[1] ?? 0
    })),
    unmapped: list,
    unmappedTotal: list.reduce((n, u) => n + u.children, 0)
  }
}

export const sortUnmapped = <T extends { place: string | null; placeProvider: string | null; children: number }>(list: T[]): T[] =>
  list.sort((a, b) => b.children - a.children || `${a.place}/${a.placeProvider}`.localeCompare(`${b.place}/${b.placeProvider}`))
