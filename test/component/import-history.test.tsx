import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ImportBatch } from '../../src/shared/api'
import { fakeApi } from './fake-api'

/** The history page showing one import: a 903 by officer on 30/11/2026, with `entry`'s differences. */
async function renderHistory(entry: Partial<ImportBatch>) {
  window.api = fakeApi({
    importHistory: [
      {
        id: 3,
        kind: '903',
        fileName: 'Header.csv, Episodes.csv',
        sha256: 'x',
        importedAt: '2026-11-30T19:28:00.000Z',
        importedBy: 'officer',
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        ...entry
      }
    ]
  }).api
  vi.resetModules()
  const { ImportHistory } = await import('../../src/renderer/src/pages/import/ImportHistory')
  return render(<ImportHistory />)
}

describe('import history', () => {
  it('shows counts with thousands separators, as the preview tiles do', async () => {
    const { container } = await renderHistory({ inserted: 12_345, unchanged: 1_150, rejected: 2 })
    await screen.findByRole('heading', { name: 'Import history' })
    await waitFor(() => expect(container.querySelector('.ag-row [col-id="unchanged"]')?.textContent).toBe('1,150'))
    expect(container.querySelector('.ag-row [col-id="inserted"]')?.textContent).toBe('12,345')
  })

  it("offers a carers import's rejected rows, reached from the keyboard: Enter on the Report cell, then Tab between CSV and xlsx", async () => {
    const { container } = await renderHistory({ id: 7, kind: 'carers', fileName: 'carers.csv', rejected: 4 })
    const csv = await screen.findByRole('button', { name: 'Report for import 7 as CSV' })
    const cell = csv.closest<HTMLElement>('.ag-cell')!
    await waitFor(() => expect(container.querySelector('.ag-row')).not.toBeNull())
    // Pinned at the grid's right edge, so a window narrower than the columns never scrolls the buttons out of sight.
    expect(cell.closest('.ag-grid-pinned-right-cells')).not.toBeNull()
    cell.focus()
    fireEvent.keyDown(cell, { key: 'Enter' })
    expect(document.activeElement).toBe(csv)
    expect(fireEvent.keyDown(csv, { key: 'Tab' })).toBe(true)
    expect(screen.getByRole('button', { name: 'Report for import 7 as Excel' })).toBeTruthy()
  })
})
