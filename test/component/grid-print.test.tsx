import { act, render, screen, waitFor } from '@testing-library/react'
import type { ColDef, GridApi } from 'ag-grid-community'
import { describe, expect, it } from 'vitest'
import { Grid, ukDateCell } from '../../src/renderer/src/components/Grid'
import { addDays, ukDate } from '../../src/shared/days'

interface Row {
  id: string
  name: string
  team: 'North' | 'South'
  born: string
  visits: number
}

// 300 children, alternately North and South, each born a day after the one before.
const rows: Row[] = Array.from({ length: 300 }, (_, i) => ({
  id: `C${String(i).padStart(4, '0')}`,
  name: `Child ${i}`,
  team: i % 2 === 0 ? 'North' : 'South',
  born: addDays('2010-01-01', i),
  visits: i % 7
}))

const columns: ColDef<Row>[] = [
  { field: 'id', headerName: 'ID' },
  { field: 'name', headerName: 'Name', cellRenderer: (p: { value: string }) => <a href="#/child">{p.value}</a> },
  { field: 'team', headerName: 'Team' },
  { field: 'born', headerName: 'Born', valueFormatter: ukDateCell, sort: 'desc' },
  { colId: 'visitsText', headerName: 'Visits', valueGetter: (p) => p.data && `${p.data.visits} visits`, type: 'numericColumn' },
  // Controls only: nothing to read on paper.
  { colId: 'open', headerName: 'Open', cellRenderer: () => <button type="button">Open</button> }
]

describe('a grid on paper', () => {
  it('prints every row it shows, filtered and sorted as on screen, with the screen’s headings and formatted cells, and no column of controls', async () => {
    let api: GridApi<Row> | undefined
    const { container } = render(<Grid rows={rows} columns={columns} label="Children" getRowId={(r) => r.id} quickFilter="North" onReady={(a) => (api = a)} />)
    await waitFor(() => expect(screen.getByTestId('row-count').textContent).toBe('150 of 300 rows'))
    // The grid's window draws only some of them.
    await waitFor(() => expect(container.querySelector('.ag-row')).not.toBeNull())
    expect(container.querySelectorAll('.ag-row').length).toBeLessThan(150)
    expect(screen.queryByRole('table', { name: 'Children' })).toBeNull()

    act(() => {
      window.dispatchEvent(new Event('beforeprint'))
    })
    const paper = screen.getByRole('table', { name: 'Children' })
    expect([...paper.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['ID', 'Name', 'Team', 'Born', 'Visits'])
    const printed = [...paper.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))
    const expected = rows
      .filter((r) => r.team === 'North')
      .sort((a, b) => b.born.localeCompare(a.born))
      .map((r) => [r.id, r.name, r.team, ukDate(r.born), `${r.visits} visits`])
    expect(printed).toHaveLength(150)
    expect(printed).toEqual(expected)
    expect(printed.at(-1)).toEqual(['C0000', 'Child 0', 'North', '01/01/2010', '0 visits'])
    // A number column keeps its alignment.
    expect(paper.querySelector('tbody tr td:last-child')!.className).toBe('num')

    // Printed again after the user sorts by name and hides a column: the paper follows the grid as it is then.
    act(() => {
      api!.applyColumnState({ state: [{ colId: 'name', sort: 'asc' }], defaultState: { sort: null } })
      api!.setColumnsVisible(['team'], false)
    })
    act(() => {
      window.dispatchEvent(new Event('beforeprint'))
    })
    const again = screen.getByRole('table', { name: 'Children' })
    expect([...again.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['ID', 'Name', 'Born', 'Visits'])
    expect([...again.querySelectorAll('tbody tr td:nth-child(2)')].map((td) => td.textContent)).toEqual(
      expected.map((r) => r[1]!).sort((a, b) => a.localeCompare(b))
    )
  })
})
