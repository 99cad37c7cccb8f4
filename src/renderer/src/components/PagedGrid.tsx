import {
  CellStyleModule,
  ColumnApiModule,
  createGrid,
  InfiniteRowModelModule,
  TooltipModule,
  type ColDef,
  type GridApi,
  type IDatasource,
  type Module,
  type SortDirection as GridSortDirection
} from 'ag-grid-community'
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Page, SortDirection } from '../../../shared/contract/paging'
import { gridTheme, styleNonce } from './Grid'
import { readAhead } from './read-ahead'
import type { GridSort } from './grid-sort'
import { countOf } from '../../../shared/plural'
import { gridKeyModules, cellControlKeys, openOnEnter, tabLeavesGrid } from './grid-keys'

const pagedGridModules: Module[] = [InfiniteRowModelModule, CellStyleModule, TooltipModule, ColumnApiModule, ...gridKeyModules]

/** The rows one block asks for: the grid's sort as column ids (only the page's sortable columns). */
export interface PageRequest<C extends string> {
  offset: number
  limit: number
  sort: { column: C; direction: SortDirection }[]
}

export interface PagedGridProps<T, C extends string> {
  columns: ColDef<T>[]
  label: string
  /** Column ids the query sorts by; every other column is not sortable. */
  sortable: readonly C[]
  fetchPage: (request: PageRequest<C>) => Promise<Page<T>>
  /** Changes whenever the filters or search do: the grid starts again from the top. */
  queryKey: string
  getRowId: (row: T) => string
  onRowOpen?: (row: T) => void
  height?: number | string
  onReady?: (api: GridApi<T>) => void
  /** The page's total, once each query is answered (an empty result is the page's to explain). */
  onTotal?: (total: number) => void
  /** A block could not be loaded (the grid's status line says why). */
  onFailure?: () => void
  /** The order the grid opens in (e.g. from the address). */
  initialSort?: GridSort<C> | null
  /** The header's sort after each click (null: the query's default order). */
  onSortChange?: (sort: GridSort<C> | null) => void
  /** Printed in the grid's place: where to print the list from (its rows are read a screen at a time, so the page cannot print them all). */
  onPaper: ReactNode
}

/** Rows per block, the page size each request asks for. */
export const blockSize = 100

/**
 * ag-grid's infinite row model over a paged query: the grid asks for a block
 * of rows as they scroll into view, sorted in SQL, so the window holds a few hundred rows
 * of any number. Read in order, the next block is asked for ahead (read-ahead.ts), so
 * scrolling on seldom waits for one. The row count is the query's total. Enter or double-click opens a row
 * (Enter on a cell's link activates it), Tab leaves the grid (grid-keys.ts).
 */
export function PagedGrid<T, C extends string>({
  columns,
  label,
  sortable,
  fetchPage,
  queryKey,
  getRowId,
  onRowOpen,
  height = '70vh',
  onReady,
  onTotal,
  onFailure,
  initialSort,
  onSortChange,
  onPaper
}: PagedGridProps<T, C>): ReactNode {
  const [total, setTotal] = useState<number | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  // The latest callbacks, read when a block is asked for (the datasource changes only with the query).
  const latest = useRef({ fetchPage, onTotal, onFailure, sortable })
  useEffect(() => {
    latest.current = { fetchPage, onTotal, onFailure, sortable }
  })
  const datasource = useMemo<IDatasource>(() => {
    const read = readAhead((request: PageRequest<C>) => latest.current.fetchPage(request))
    return {
      getRows: (p) => {
        // A saved view may name a column that no longer sorts: leave it out rather than fail.
        const sort = p.sortModel
          .filter((s) => latest.current.sortable.includes(s.colId as C))
          .map((s) => ({ column: s.colId as C, direction: s.sort as Exclude<GridSortDirection, null> }))
        read({ offset: p.startRow, limit: p.endRow - p.startRow, sort }).then(
          (page) => {
            setFailure(null)
            setTotal(page.total)
            latest.current.onTotal?.(page.total)
            p.successCallback(page.rows, page.total)
          },
          (error: unknown) => {
            setFailure(error instanceof Error ? error.message : String(error))
            latest.current.onFailure?.()
            p.failCallback()
          }
        )
      }
    }
    // A new datasource for each query: ag-grid drops its blocks and asks again from row 0.
  }, [queryKey])
  // The sort on its column definition (ag-grid's `initialSort`, applied once), so the first block is already asked for in that order.
  const [openingSort] = useState(initialSort)
  const columnDefs = useMemo(
    () =>
      columns.map((c) => {
        const id = (c.colId ?? c.field) as C
        return { ...c, sortable: sortable.includes(id), ...(openingSort?.column === id ? { initialSort: openingSort.direction } : {}) }
      }),
    [columns, sortable, openingSort]
  )
  const handlers = useRef({ getRowId, onRowOpen, onReady, onSortChange })
  useEffect(() => {
    handlers.current = { getRowId, onRowOpen, onReady, onSortChange }
  })
  const host = useRef<HTMLDivElement>(null)
  const grid = useRef<{ api: GridApi<T>; datasource: IDatasource; columnDefs: ColDef<T>[] } | null>(null)
  // ag-grid's own DOM rendering rather than AgGridReact's: a jump down the grid draws a screen
  // of new rows, and React reconciling every row and cell made each jump cost about twice as much.
  useEffect(() => {
    const api = createGrid<T>(
      host.current!,
      {
        theme: gridTheme,
        styleNonce,
        rowModelType: 'infinite',
        datasource,
        cacheBlockSize: blockSize,
        // Keep a few screens of blocks either way; scrolling far away fetches again.
        maxBlocksInCache: 20,
        // No rows drawn beyond the screen: a jump draws every row anew, and ag-grid draws the
        // rows coming into view in the frame they scroll in (arrow keys and Page Down included).
        rowBuffer: 0,
        animateRows: false,
        // An empty result is the page's to explain (what was searched, what to try): not ag-grid's "No Rows To Show" under it.
        suppressNoRowsOverlay: true,
        columnDefs,
        defaultColDef: { resizable: true, filter: false, ...cellControlKeys },
        ...tabLeavesGrid,
        getRowId: (p) => handlers.current.getRowId(p.data),
        onSortChanged: (e) => {
          const sorted = e.api.getColumnState().find((c) => c.sort)
          handlers.current.onSortChange?.(sorted?.sort ? { column: sorted.colId as C, direction: sorted.sort } : null)
        },
        onRowDoubleClicked: (e) => e.data && handlers.current.onRowOpen?.(e.data),
        onCellKeyDown: (e) => openOnEnter(e, (row) => handlers.current.onRowOpen?.(row))
      },
      { modules: pagedGridModules }
    )
    grid.current = { api, datasource, columnDefs }
    handlers.current.onReady?.(api)
    return () => {
      grid.current = null
      api.destroy()
    }
  }, [])
  useEffect(() => {
    if (!grid.current || grid.current.datasource === datasource) return
    grid.current.datasource = datasource
    grid.current.api.setGridOption('datasource', datasource)
  }, [datasource])
  useEffect(() => {
    if (!grid.current || grid.current.columnDefs === columnDefs) return
    grid.current.columnDefs = columnDefs
    grid.current.api.setGridOption('columnDefs', columnDefs)
  }, [columnDefs])
  return (
    <div className="grid-wrap">
      <div className="grid-window" style={{ height }} aria-label={label} ref={host} />
      <p className="print-only paged-grid-paper">
        {label}: {total === null ? 'the rows' : countOf(total, 'row')}, not printed from this page. {onPaper}
      </p>
      <div className="grid-status no-print" data-testid="row-count" role="status">
        {failure ? `Could not load the rows: ${failure}` : total === null ? 'Loading rows…' : countOf(total, 'row')}
      </div>
    </div>
  )
}
