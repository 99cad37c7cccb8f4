import {
  CellStyleModule,
  ColumnApiModule,
  createGrid,
  InfiniteRowModelModule,
  TooltipModule,
  type ColDef,
  type Column,
  type GridApi,
  type IDatasource,
  type Module,
  type SortDirection as GridSortDirection,
  type ValueFormatterParams,
  type ValueGetterParams
} from 'ag-grid-community'
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { largestPage, type Page, type SortDirection } from '../../../shared/contract/paging'
import { gridTheme, styleNonce } from './Grid'
import { PaperTable, paperColumns, type Paper } from './GridPaper'
import { readAhead } from './read-ahead'
import type { GridSort } from './grid-sort'
import { countOf, figure } from '../../../shared/plural'
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
  /**
   * Printed in the grid's place when its rows are not: where to print the list from (its rows
   * are read a screen at a time, so the page cannot print any number of them).
   */
  onPaper: ReactNode
  /**
   * Prints the rows themselves when the query has at most this many: they are read for
   * paper, in the grid's order, once its first block is in.
   */
  printsUpTo?: number
}

/** Rows per block, the page size each request asks for. */
export const blockSize = 100

/**
 * A cell's text as the grid writes it, for a row read for paper: the column's getter and
 * formatter are given the row and its value (the row has no node in the grid).
 */
function cellText<T>(column: Column, data: T): string {
  const def = column.getColDef() as ColDef<T>
  const value: unknown =
    typeof def.valueGetter === 'function'
      ? def.valueGetter({ data, colDef: def, column } as ValueGetterParams<T>)
      : def.field
        ? (data as Record<string, unknown>)[def.field]
        : undefined
  const text: unknown = typeof def.valueFormatter === 'function' ? def.valueFormatter({ data, value, colDef: def, column } as ValueFormatterParams<T>) : value
  return text === null || text === undefined ? '' : String(text)
}

/** `rows` on paper, under the grid's displayed columns, each cell as the grid writes it. */
function rowsOnPaper<T>(api: GridApi<T>, rows: T[], rowId: (row: T) => string): Paper {
  const { shown, heads } = paperColumns(api)
  return { columns: heads, rows: rows.map((row) => ({ id: rowId(row), cells: shown.map((column) => cellText(column, row)) })) }
}

/** The rows read for paper for a query (in the grid's sort): `rows` once all are in. */
interface PaperRead<T> {
  query: string
  total: number
  rows?: T[]
  failure?: string
}

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
  onPaper,
  printsUpTo
}: PagedGridProps<T, C>): ReactNode {
  const [total, setTotal] = useState<number | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [forPaper, setForPaper] = useState<PaperRead<T> | null>(null)
  // The query and sort whose rows are being read for paper, or were.
  const paperKey = useRef<string | null>(null)
  // The latest callbacks, read when a block is asked for (the datasource changes only with the query).
  const latest = useRef({ fetchPage, onTotal, onFailure, sortable, printsUpTo })
  useEffect(() => {
    latest.current = { fetchPage, onTotal, onFailure, sortable, printsUpTo }
  })
  const datasource = useMemo<IDatasource>(() => {
    const read = readAhead((request: PageRequest<C>) => latest.current.fetchPage(request))
    // Every row of the query for paper, read once its first block is in (again only for another sort).
    const readForPaper = (sort: PageRequest<C>['sort'], first: Page<T>): void => {
      const limit = latest.current.printsUpTo
      const key = JSON.stringify([queryKey, sort])
      if (limit === undefined || paperKey.current === key) return
      paperKey.current = key
      setForPaper({ query: queryKey, total: first.total })
      if (first.total > limit) return
      const held = (): boolean => paperKey.current === key
      void (async () => {
        const rows = [...first.rows]
        try {
          while (rows.length < first.total && held()) rows.push(...(await latest.current.fetchPage({ offset: rows.length, limit: largestPage, sort })).rows)
          if (held()) setForPaper({ query: queryKey, total: first.total, rows })
        } catch (error) {
          if (held()) setForPaper({ query: queryKey, total: first.total, failure: error instanceof Error ? error.message : String(error) })
        }
      })()
    }
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
            if (p.startRow === 0) readForPaper(sort, page)
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
          // The rows read for paper are in the old order: the first block in the new one reads them again.
          paperKey.current = null
          setForPaper(null)
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
  // The rows on paper, written as printing starts (as Grid's are) from the rows read for it.
  const held = forPaper?.query === queryKey ? forPaper : null
  const printable = useRef<T[] | null>(null)
  useEffect(() => {
    printable.current = held?.rows ?? null
  })
  const [paper, setPaper] = useState<Paper | null>(null)
  useEffect(() => {
    const write = (): void => {
      const api = grid.current?.api
      const rows = printable.current
      // In the DOM before the event returns: Chromium lays the page out right after it.
      flushSync(() => setPaper(api && rows ? rowsOnPaper(api, rows, handlers.current.getRowId) : null))
    }
    window.addEventListener('beforeprint', write)
    return () => window.removeEventListener('beforeprint', write)
  }, [])
  const reading = printsUpTo !== undefined && !held?.rows && !held?.failure && !(held && held.total > printsUpTo)
  const why =
    printsUpTo === undefined || held?.rows
      ? 'not printed from this page.'
      : held?.failure
        ? `not printed, as they could not be read (${held.failure}).`
        : reading
          ? 'still being read for paper: print again in a moment.'
          : `more than the ${figure(printsUpTo)} this page prints.`
  return (
    <div className="grid-wrap">
      <div className="grid-window" style={{ height }} aria-label={label} ref={host} />
      {paper ? (
        paper.rows.length > 0 && <PaperTable paper={paper} label={label} />
      ) : (
        <p className="print-only paged-grid-paper">
          {label}: {total === null ? 'the rows' : countOf(total, 'row')}, {why} {!reading && onPaper}
        </p>
      )}
      <div className="grid-status no-print" data-testid="row-count" role="status">
        {failure ? `Could not load the rows: ${failure}` : total === null ? 'Loading rows…' : countOf(total, 'row')}
      </div>
    </div>
  )
}
