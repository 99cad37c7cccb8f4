import {
  CellStyleModule,
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
import { useCallback, useState, type ReactNode } from 'react'
import { ukDate } from '../../../shared/days'
import { countOf, figure } from '../../../shared/plural'
import { gridKeyModules, cellControlKeys, openOnEnter, tabLeavesGrid } from './grid-keys'

/**
 * What every grid of rows held in the window uses: the grid registers only these (and
 * a page's `modules`) rather than all of ag-grid, which keeps the grid's script small.
 */
const clientGridModules: Module[] = [
  ClientSideRowModelModule,
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
}

/**
 * ag-grid with the app's theme and behaviour: a visible row count (the grid virtualises
 * rows, so the DOM never holds them all), Enter or double-click opens a row (Enter on a
 * cell's link or button activates it), Tab leaves the grid (grid-keys.ts).
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
  modules = []
}: GridProps<T>): ReactNode {
  const [shown, setShown] = useState(rows.length)
  const update = useCallback((api: GridApi<T>) => setShown(api.getDisplayedRowCount()), [])
  return (
    <div className="grid-wrap">
      <div style={{ height }} aria-label={label}>
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
            update(e.api)
            onReady?.(e.api)
          }}
          onModelUpdated={(e) => update(e.api)}
          onCellValueChanged={(e) => e.data && e.colDef.field && onCellValueChanged?.(e.data, e.newValue, e.colDef.field)}
          onRowDoubleClicked={(e) => e.data && onRowOpen?.(e.data)}
          onCellKeyDown={(e) => openOnEnter(e, (row) => onRowOpen?.(row))}
        />
      </div>
      <div className="grid-status" data-testid="row-count">
        {shown === rows.length ? countOf(rows.length, 'row') : `${figure(shown)} of ${countOf(rows.length, 'row')}`}
      </div>
    </div>
  )
}
