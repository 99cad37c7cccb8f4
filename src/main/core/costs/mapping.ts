import type { PlacementMappingRow } from '../../../shared/api'
import { audit } from '../store/audit'
import type { Db } from '../store/db'

const select = 'SELECT place, place_provider AS placeProvider, option_code AS optionCode FROM placement_mapping'

export function listPlacementMappings(db: Db): PlacementMappingRow[] {
  return db.prepare(`${select} ORDER BY place, place_provider`).all() as PlacementMappingRow[]
}

/** Sets (or with a null option removes) the option for one PLACE + PLACE_PROVIDER pair. */
export function setPlacementMapping(db: Db, who: string, input: { place: string; placeProvider: string; optionCode: string | null }): PlacementMappingRow | null {
  return db.transaction(() => {
    const before = (db.prepare(`${select} WHERE place = ? AND place_provider = ?`).get(input.place, input.placeProvider) as PlacementMappingRow | undefined) ?? null
    const after = input.optionCode === null ? null : { place: input.place, placeProvider: input.placeProvider, optionCode: input.optionCode }
    if (before?.optionCode === after?.optionCode) return after
    if (after) {
      db.prepare('INSERT INTO placement_mapping (place, place_provider, option_code) VALUES (?, ?, ?) ON CONFLICT (place, place_provider) DO UPDATE SET option_code = excluded.option_code').run(
        after.place,
        after.placeProvider,
        after.optionCode
      )
    } else {
      db.prepare('DELETE FROM placement_mapping WHERE place = ? AND place_provider = ?').run(input.place, input.placeProvider)
    }
    audit(db, { who, action: after ? 'placement_mapping.set' : 'placement_mapping.remove', entity: 'placement_mapping', entityId: `${input.place}/${input.placeProvider}`, before, after })
    return after
  })()
}
