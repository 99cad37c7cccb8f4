import type { TrackerViewDefinition } from '../../../../shared/api'
import { driftCodes, legalStatusGroups, permanenceStatuses, trackerFlags } from '../../../../shared/tracker-terms'

/** What the tracker grid is narrowed to: the same shape as a saved view's definition. */
export type TrackerFilter = Pick<TrackerViewDefinition, 'statuses' | 'groups' | 'drift' | 'flags'>

const same = <T>(a: readonly T[] | undefined, b: readonly T[]): boolean => (a ?? []).length === b.length && b.every((x) => a!.includes(x))

/** Clicking a tile selects exactly what it counts; clicking it again clears the filter. */
export function toggleTile(current: TrackerFilter, tile: TrackerFilter): TrackerFilter {
  const isCurrent =
    same(current.statuses, tile.statuses ?? []) &&
    same(current.groups, tile.groups ?? []) &&
    same(current.drift, tile.drift ?? []) &&
    same(current.flags, tile.flags ?? [])
  return isCurrent ? {} : tile
}

export const isTileActive = (current: TrackerFilter, tile: TrackerFilter): boolean =>
  Boolean((tile.statuses?.length || tile.groups?.length || tile.drift?.length || tile.flags?.length) && toggleTile(current, tile) !== tile)

const listFrom = <T extends string>(query: URLSearchParams, key: string, allowed: readonly T[]): T[] | undefined => {
  const values = (query.get(key) ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v))
  return values.length ? values : undefined
}

/**
 * The filter as it is kept in the page's address (`#/tracker?asOf=…&statuses=none&groups=FCO`),
 * so going back from a child finds the tracker as it was left. Unknown values are dropped.
 */
export function filterFromQuery(query: URLSearchParams): TrackerFilter {
  return {
    statuses: listFrom(query, 'statuses', permanenceStatuses),
    groups: listFrom(query, 'groups', legalStatusGroups),
    drift: listFrom(query, 'drift', driftCodes),
    flags: listFrom(query, 'flags', trackerFlags)
  }
}

export function trackerQuery(asOf: string, filter: TrackerFilter, search: string): string {
  const query = new URLSearchParams({ asOf })
  for (const key of ['statuses', 'groups', 'drift', 'flags'] as const) if (filter[key]?.length) query.set(key, filter[key].join(','))
  if (search) query.set('q', search)
  return query.toString()
}
