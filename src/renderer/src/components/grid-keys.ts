import {
  RowApiModule,
  ScrollApiModule,
  type CellKeyDownEvent,
  type ColDef,
  type FullWidthCellKeyDownEvent,
  type GridOptions,
  type Module,
  type SuppressKeyboardEventParams
} from 'ag-grid-community'

/** The grid API `tabLeavesGrid` calls: a grid using it registers these. */
export const gridKeyModules: Module[] = [RowApiModule, ScrollApiModule]

/** The links and buttons a cell's renderer drew. */
const controlsIn = (cell: Element): HTMLElement[] => [...cell.querySelectorAll<HTMLElement>('a[href], button:not(:disabled)')]

/**
 * Tab and Shift+Tab leave a grid, as they leave any other control, instead of walking
 * every cell (657 rows × 16 columns on the tracker: the page below was out of reach).
 * The arrow keys move between cells and up to the header.
 * Tab while editing a cell saves the edit and leaves too, as it does from a form field:
 * ag-grid's own habit of opening the next row's cell for editing would trap the user
 * again, a row at a time. Escape still cancels an edit and Enter saves it in place.
 */
export const tabLeavesGrid: Pick<GridOptions, 'tabToNextCell' | 'tabToNextHeader' | 'focusGridInnerElement'> = {
  tabToNextCell: () => false,
  tabToNextHeader: () => false,
  // Tabbing back in, from above or below, returns to the cell last left: ag-grid's own is the
  // first header from above and the last row's last cell from below (the end of 657 rows).
  focusGridInnerElement: ({ api }) => {
    const cell = api.getFocusedCell()
    if (!cell || cell.rowPinned || cell.rowIndex >= api.getDisplayedRowCount()) return false
    api.ensureIndexVisible(cell.rowIndex)
    api.setFocusedCell(cell.rowIndex, cell.column)
    return true
  }
}

/**
 * Keys for the links and buttons a cell's renderer drew, handled before the grid's own (and in
 * time to stop the browser's: the grid tells `onCellKeyDown` only after the event).
 * On a focused cell, Enter or Space activates the cell's one link or button (a report
 * download, a child's page) or, when it holds several, moves the focus to the first of them;
 * then Tab moves between them (from the last it leaves the grid, as from any cell) and
 * Escape brings the focus back to the cell.
 */
export const cellControlKeys: Pick<ColDef, 'suppressKeyboardEvent'> = {
  suppressKeyboardEvent: ({ event, api, node, column, editing }: SuppressKeyboardEventParams) => {
    if (editing || event.type !== 'keydown' || !(event.target instanceof HTMLElement)) return false
    const cell = event.target.closest('.ag-cell')
    if (!cell) return false
    const controls = controlsIn(cell)
    if (cell === event.target) {
      if ((event.key !== 'Enter' && event.key !== ' ') || controls.length === 0) return false
      event.preventDefault()
      if (controls.length === 1) controls[0]!.click()
      else controls[0]!.focus()
      return true
    }
    if (event.key === 'Escape' && node.rowIndex !== null) {
      api.setFocusedCell(node.rowIndex, column, node.rowPinned)
      return true
    }
    const at = controls.indexOf(event.target)
    return event.key === 'Tab' && at >= 0 && controls[at + (event.shiftKey ? -1 : 1)] !== undefined
  }
}

/** Enter on a focused cell opens its row, unless the cell's own control took the key (above). */
export function openOnEnter<T>(e: CellKeyDownEvent<T> | FullWidthCellKeyDownEvent<T>, openRow: (row: T) => void): void {
  const event = e.event as KeyboardEvent | null | undefined
  if (event?.key === 'Enter' && !event.defaultPrevented && event.target instanceof HTMLElement && event.target.classList.contains('ag-cell') && e.data)
    openRow(e.data)
}
