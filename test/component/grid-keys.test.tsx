import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ColDef } from 'ag-grid-community'
import { describe, expect, it, vi } from 'vitest'
import { Grid } from '../../src/renderer/src/components/Grid'

interface Row {
  id: string
  name: string
}

const rows: Row[] = [
  { id: 'A', name: 'Ash' },
  { id: 'B', name: 'Birch' }
]

/** The grid's cell for a row and column, once jsdom has drawn it. */
const cell = async (container: HTMLElement, row: number, column: string): Promise<HTMLElement> => {
  await waitFor(() => expect(container.querySelector(`.ag-row[row-index="${row}"] .ag-cell[col-id="${column}"]`)).not.toBeNull())
  return container.querySelector<HTMLElement>(`.ag-row[row-index="${row}"] .ag-cell[col-id="${column}"]`)!
}

describe('grid keys', () => {
  it('Tab from a cell leaves the grid to the browser instead of moving to the next cell', async () => {
    const columns: ColDef<Row>[] = [{ field: 'id' }, { field: 'name' }]
    const { container } = render(<Grid rows={rows} columns={columns} label="Trees" getRowId={(r) => r.id} />)
    const first = await cell(container, 0, 'id')
    first.focus()
    // Not prevented: the browser's own Tab takes the focus past the grid's last element.
    expect(fireEvent.keyDown(first, { key: 'Tab' })).toBe(true)
    expect(document.activeElement?.closest('.ag-cell')).toBeNull()
    // Shift+Tab from a cell with cells before it is the browser's too (jsdom does not move the focus for it).
    const last = await cell(container, 1, 'name')
    last.focus()
    expect(fireEvent.keyDown(last, { key: 'Tab', shiftKey: true })).toBe(true)
  })

  it('Enter or Space on a cell holding one button presses it, and does not also open the row', async () => {
    const pressed = vi.fn()
    const opened = vi.fn()
    const columns: ColDef<Row>[] = [
      { field: 'id' },
      {
        colId: 'report',
        cellRenderer: (p: { data?: Row }) => (
          <button type="button" onClick={() => pressed(p.data?.id)}>
            Report
          </button>
        )
      }
    ]
    const { container } = render(<Grid rows={rows} columns={columns} label="Trees" getRowId={(r) => r.id} onRowOpen={opened} />)
    const report = await cell(container, 1, 'report')
    await screen.findAllByRole('button', { name: 'Report' })
    report.focus()
    fireEvent.keyDown(report, { key: 'Enter' })
    fireEvent.keyDown(report, { key: ' ' })
    expect(pressed.mock.calls).toEqual([['B'], ['B']])
    // A cell with no control opens its row, as before.
    const id = await cell(container, 0, 'id')
    id.focus()
    fireEvent.keyDown(id, { key: 'Enter' })
    await waitFor(() => expect(opened).toHaveBeenCalledWith(rows[0]))
    expect(opened).toHaveBeenCalledTimes(1)
  })

  it('Enter on a cell holding several buttons moves the focus to the first, Tab to the next, Escape back to the cell', async () => {
    const columns: ColDef<Row>[] = [
      { field: 'id' },
      {
        colId: 'formats',
        cellRenderer: () => (
          <span>
            <button type="button">CSV</button> <button type="button">xlsx</button>
          </span>
        )
      }
    ]
    const { container } = render(<Grid rows={rows} columns={columns} label="Trees" getRowId={(r) => r.id} />)
    const formats = await cell(container, 0, 'formats')
    await screen.findAllByRole('button', { name: 'xlsx' })
    formats.focus()
    fireEvent.keyDown(formats, { key: 'Enter' })
    const [csv, xlsx] = formats.querySelectorAll('button')
    expect(document.activeElement).toBe(csv)
    // Tab to the cell's next button is the browser's to do: the grid leaves it alone.
    expect(fireEvent.keyDown(csv!, { key: 'Tab' })).toBe(true)
    expect(document.activeElement).toBe(csv)
    xlsx!.focus()
    fireEvent.keyDown(xlsx!, { key: 'Escape' })
    await waitFor(() => expect(document.activeElement).toBe(formats))
  })
})
