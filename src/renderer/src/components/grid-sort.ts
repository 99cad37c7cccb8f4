import type { GridApi } from 'ag-grid-community'
import type { SortDirection } from '../../../shared/contract/paging'

/** One sort term, as the grid's header shows it. */
export interface GridSort<C extends string> {
  column: C
  direction: SortDirection
}

/** A sort as kept in a page's address (`sort=age.desc`), so Back restores the order the list was left in. */
export const sortToParam = (sort: GridSort<string> | null): string => (sort ? `${sort.column}.${sort.direction}` : '')

/** The sort in an address; null when absent or not one of the grid's sortable columns. */
export function sortFromParam<C extends string>(text: string | null, sortable: readonly C[]): GridSort<C> | null {
  const [column, direction] = (text ?? '').split('.')
  return sortable.includes(column as C) && (direction === 'asc' || direction === 'desc') ? { column: column as C, direction } : null
}

/**
 * The sort a grid's headers show, every term in the order it applies (a shift-click adds
 * one): what its blocks are asked for, and so what a print or workbook of it must follow.
 */
export const gridSortTerms = <C extends string>(api: GridApi | null, sortable: readonly C[]): GridSort<C>[] =>
  (api?.getColumnState() ?? [])
    .filter((c) => c.sort && (sortable as readonly string[]).includes(c.colId))
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((c) => ({ column: c.colId as C, direction: c.sort! }))
