import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  DateFilterModule,
  NumberFilterModule,
  QuickFilterModule,
  TextFilterModule,
  themeQuartz,
  TooltipModule,
  type ColDef,
  type GridApi,
  type Module
} from 'ag-grid-community'
import { AgGridReact } from 'ag-grid-react'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { ukDate } from '../../../shared/days'
import { countOf, figure } from '../../../shared/plural'
import { gridKeyModules, cellControlKeys, openOnEnter, tabLeavesGrid } from './grid-keys'
import { PaperTable, paperColumns, type Paper } from './GridPaper'

/**
 * What every grid of rows held in the window uses: the grid registers only these (and
 * a page's `modules`) rather than all of ag-grid, which keeps the grid's script small.
 */
const clientGridModules: Module[] = [
  ClientSideRowModelModule,
  // The rows in the grid's order and each cell's shown text, for paper (paperOf).
  ClientSideRowModelApiModule,
  CellApiModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  QuickFilterModule,
  CellStyleModule,
  TooltipModule,
  ColumnApiModule,
  ...gridKeyModules
]

/** A grid column of ISO dates: sorts as ISO, shows DD/MM/YYYY. */
export const ukDateCell = (p: { value?: unknown }): string => ukDate(p.value as string | null)

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  accentColor: '#1d5c8f',
  rowHeight: 32,
  headerHeight: 36
})

/** The page's CSP nonce (src/main/shell/csp.ts): ag-grid's injected theme styles must carry it. */
export const styleNonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined

/** Every row the grid shows (after its filters, sort and quick filter), in its order, as its displayed columns write them. */
function paperOf<T>(api: GridApi<T>): Paper {
  const { shown, heads } = paperColumns(api)
  const rows: Paper['rows'] = []
  api.forEachNodeAfterFilterAndSort((node) => {
    if (!node.data) return
    rows.push({
      id: node.id ?? String(rows.length),
      cells: shown.map((column) => {
        const text: unknown = api.getCellValue({ rowNode: node, colKey: column, useFormatter: true })
        return text === null || text === undefined ? '' : String(text)
      })
    })
  })
  return { columns: heads, rows }
}

export interface GridProps<T> {
  rows: T[]
  columns: ColDef<T>[]
  label: string
  getRowId?: (row: T) => string
  onRowOpen?: (row: T) => void
  quickFilter?: string
  height?: number | string
  onReady?: (api: GridApi<T>) => void
  /** Called after the user edits a cell of an `editable` column. */
  onCellValueChanged?: (row: T, value: unknown, field: string) => void
  /** ag-grid modules this grid needs beyond the common ones (an editor, say). */
  modules?: Module[]
  /** What the row count counts, when a row is not the thing the page counts elsewhere (e.g. 'problem'). */
  rowNoun?: string
}

/**
 * ag-grid with the app's theme and behaviour: a visible row count (the grid virtualises
 * rows, so the DOM never holds them all), Enter or double-click opens a row (Enter on a
 * cell's link or button activates it), Tab leaves the grid (grid-keys.ts).
 *
 * On paper the grid is a table of all its rows: its window holds only the rows in view,
 * and printed only those (or only its row count). The table is written as printing starts
 * (`beforeprint`, which Chromium sends before laying the page out for print, from Ctrl+P,
 * `window.print()` or a PDF), so the screen pays nothing for it and it is as the grid is then.
 */
export function Grid<T>({
  rows,
  columns,
  label,
  getRowId,
  onRowOpen,
  quickFilter,
  height = '70vh',
  onReady,
  onCellValueChanged,
  modules = [],
  rowNoun = 'row'
}: GridProps<T>): ReactNode {
  const [shown, setShown] = useState(rows.length)
  const update = useCallback((api: GridApi<T>) => setShown(api.getDisplayedRowCount()), [])
  const grid = useRef<GridApi<T> | null>(null)
  const [paper, setPaper] = useState<Paper | null>(null)
  useEffect(() => {
    const write = (): void => {
      const api = grid.current
      // In the DOM before the event returns: Chromium lays the page out right after it.
      if (api && !api.isDestroyed()) flushSync(() => setPaper(paperOf(api)))
    }
    window.addEventListener('beforeprint', write)
    return () => window.removeEventListener('beforeprint', write)
  }, [])
  return (
    <div className="grid-wrap">
      <div className="grid-window" style={{ height }} aria-label={label}>
        <AgGridReact<T>
          modules={[...clientGridModules, ...modules]}
          theme={gridTheme}
          styleNonce={styleNonce}
          rowData={rows}
          columnDefs={columns}
          defaultColDef={{ sortable: true, filter: true, resizable: true, ...cellControlKeys }}
          {...tabLeavesGrid}
          getRowId={getRowId ? (p) => getRowId(p.data) : undefined}
          quickFilterText={quickFilter}
          onGridReady={(e) => {
            grid.current = e.api
            update(e.api)
            onReady?.(e.api)
          }}
          onModelUpdated={(e) => update(e.api)}
          onCellValueChanged={(e) => e.data && e.colDef.field && onCellValueChanged?.(e.data, e.newValue, e.colDef.field)}
          onRowDoubleClicked={(e) => e.data && onRowOpen?.(e.data)}
          onCellKeyDown={(e) => openOnEnter(e, (row) => onRowOpen?.(row))}
        />
      </div>
      {paper && <PaperTable paper={paper} label={label} />}
      <div className="grid-status" data-testid="row-count">
        {shown === rows.length ? countOf(rows.length, rowNoun) : `${figure(shown)} of ${countOf(rows.length, rowNoun)}`}
      </div>
    </div>
  )
}
