import type { TrackerGridRow, TrackerViewDefinition } from '../../../../shared/api'

/** What the tracker grid is narrowed to: the same shape as a saved view's definition. */
export type TrackerFilter = Pick<TrackerViewDefinition, 'statuses' | 'groups' | 'drift' | 'flags'>

const matches = <T>(wanted: readonly T[] | undefined, value: T): boolean => !wanted || wanted.length === 0 || wanted.includes(value)

export function applyFilter(rows: readonly TrackerGridRow[], filter: TrackerFilter): TrackerGridRow[] {
  return rows.filter(
    (r) =>
      matches(filter.statuses, r.status) &&
      matches(filter.groups, r.legalStatusGroup) &&
      (!filter.drift?.length || filter.drift.some((d) => r.drift.includes(d))) &&
      (!filter.flags?.length || filter.flags.every((f) => r.flags.includes(f)))
  )
}

const same = <T>(a: readonly T[] | undefined, b: readonly T[]): boolean => (a ?? []).length === b.length && b.every((x) => a!.includes(x))

/** Clicking a tile selects exactly what it counts; clicking it again clears the filter. */
export function toggleTile(current: TrackerFilter, tile: TrackerFilter): TrackerFilter {
  const isCurrent =
    same(current.statuses, tile.statuses ?? []) && same(current.groups, tile.groups ?? []) && same(current.drift, tile.drift ?? []) && same(current.flags, tile.flags ?? [])
  return isCurrent ? {} : tile
}

export const isTileActive = (current: TrackerFilter, tile: TrackerFilter): boolean =>
  Boolean((tile.statuses?.length || tile.groups?.length || tile.drift?.length || tile.flags?.length) && toggleTile(current, tile) !== tile)
