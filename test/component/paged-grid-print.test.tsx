import { act, render, screen, waitFor } from '@testing-library/react'
import type { ColDef, GridApi } from 'ag-grid-community'
import { describe, expect, it } from 'vitest'
import { ukDateCell } from '../../src/renderer/src/components/Grid'
import { PagedGrid, type PagedGridProps, type PageRequest } from '../../src/renderer/src/components/PagedGrid'
import type { Page } from '../../src/shared/contract/paging'
import { addDays, ukDate } from '../../src/shared/days'

interface Row {
  id: string
  name: string
  born: string
  episodes: number
}
type SortColumn = 'name' | 'born'

/** `n` children, each born a day after the one before, their names in the reverse order. */
const childrenOf = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `C${String(i).padStart(5, '0')}`,
    name: `Child ${String(n - i).padStart(5, '0')}`,
    born: addDays('2005-01-01', i),
    episodes: i % 4
  }))

const columns: ColDef<Row>[] = [
  { field: 'id', headerName: 'ID' },
  { field: 'name', headerName: 'Name' },
  { field: 'born', headerName: 'Date of birth', valueFormatter: ukDateCell },
  { colId: 'episodesText', headerName: 'Episodes', valueGetter: (p) => p.data && `${p.data.episodes} episodes`, type: 'numericColumn' }
]

/** The core's paged query over `rows`, sorted as asked, with every request it answered. */
function pagedQuery(rows: Row[]): { fetchPage: (r: PageRequest<SortColumn>) => Promise<Page<Row>>; requests: PageRequest<SortColumn>[] } {
  const requests: PageRequest<SortColumn>[] = []
  return {
    requests,
    fetchPage: async (request) => {
      requests.push(request)
      const [term] = request.sort
      const sorted = term ? [...rows].sort((a, b) => a[term.column].localeCompare(b[term.column]) * (term.direction === 'asc' ? 1 : -1)) : rows
      return { rows: sorted.slice(request.offset, request.offset + request.limit), total: rows.length }
    }
  }
}

const print = (): void =>
  act(() => {
    window.dispatchEvent(new Event('beforeprint'))
  })

const printedRows = (): string[][] =>
  [...screen.getByRole('table', { name: 'Children' }).querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')
  )

type GridProps = PagedGridProps<Row, 'name' | 'born'>

/** The children's paged grid as the page has it, printing up to 2,000 rows. */
const renderChildren = (fetchPage: GridProps['fetchPage'], more: Partial<GridProps> = {}) =>
  render(
    <PagedGrid
      columns={columns}
      label="Children"
      onPaper="Narrow it to print it."
      printsUpTo={2000}
      sortable={['name', 'born']}
      fetchPage={fetchPage}
      queryKey="all"
      getRowId={(r) => r.id}
      {...more}
    />
  )

describe('a paged grid on paper', () => {
  it('prints every row of a list it may print, read in its order, under its headings with cells as the screen writes them', async () => {
    const rows = childrenOf(250)
    const { fetchPage, requests } = pagedQuery(rows)
    let api: GridApi<Row> | undefined
    renderChildren(fetchPage, { initialSort: { column: 'born', direction: 'desc' }, onReady: (a) => (api = a) })
    // The rows past the first block are read for paper in pages as large as a call gives.
    await waitFor(() => expect(requests).toContainEqual({ offset: 100, limit: 1000, sort: [{ column: 'born', direction: 'desc' }] }))
    await waitFor(() => {
      print()
      expect(screen.queryByRole('table', { name: 'Children' })).not.toBeNull()
    })
    const table = screen.getByRole('table', { name: 'Children' })
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['ID', 'Name', 'Date of birth', 'Episodes'])
    const newestFirst = [...rows].reverse()
    expect(printedRows()).toEqual(newestFirst.map((r) => [r.id, r.name, ukDate(r.born), `${r.episodes} episodes`]))
    expect(screen.queryByText(/not printed|Narrow it/)).toBeNull()

    // Sorted again, the paper follows the new order, read again.
    act(() => {
      api!.applyColumnState({ state: [{ colId: 'name', sort: 'asc' }], defaultState: { sort: null } })
    })
    await waitFor(() => expect(requests).toContainEqual({ offset: 100, limit: 1000, sort: [{ column: 'name', direction: 'asc' }] }))
    await waitFor(() => {
      print()
      expect(printedRows().map((r) => r[1])).toEqual(rows.map((r) => r.name).sort())
    })
  })

  it('says how many rows there are and where to get them, and reads none for paper, past the most it prints', async () => {
    const { fetchPage, requests } = pagedQuery(childrenOf(2001))
    renderChildren(fetchPage)
    await waitFor(() => expect(screen.getByTestId('row-count').textContent).toBe('2,001 rows'))
    print()
    expect(screen.queryByRole('table', { name: 'Children' })).toBeNull()
    expect(screen.getByText(/^Children: 2,001 rows/).textContent).toBe('Children: 2,001 rows, more than the 2,000 this page prints. Narrow it to print it.')
    expect(requests.every((r) => r.limit < 1000)).toBe(true)
  })
})
