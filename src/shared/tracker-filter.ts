import type { TrackerGridFilters, TrackerGridRow } from './contract/tracker'

const matches = <T>(wanted: readonly T[] | undefined, value: T): boolean => !wanted || wanted.length === 0 || wanted.includes(value)

/**
 * The tracker's tile filters in code, for rows already fetched (the print view); the grid
 * filters the same way in SQL (core/tracker/page.ts), and a test holds the two together.
 */
export function applyFilter(rows: readonly TrackerGridRow[], filter: TrackerGridFilters): TrackerGridRow[] {
  return rows.filter(
    (r) =>
      matches(filter.statuses, r.status) &&
      matches(filter.groups, r.legalStatusGroup) &&
      (!filter.drift?.length || filter.drift.some((d) => r.drift.includes(d))) &&
      (!filter.flags?.length || filter.flags.every((f) => r.flags.includes(f)))
  )
}
