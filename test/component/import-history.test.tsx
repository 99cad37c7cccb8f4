import { render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { fakeApi } from './fake-api'

describe('import history', () => {
  it('shows counts with thousands separators, as the preview tiles do', async () => {
    window.api = fakeApi({
      importHistory: [
        {
          id: 3,
          kind: '903',
          fileName: 'Header.csv, Episodes.csv',
          sha256: 'x',
          importedAt: '2026-11-30T19:28:00.000Z',
          importedBy: 'officer',
          inserted: 12_345,
          updated: 0,
          unchanged: 1_150,
          rejected: 2
        }
      ]
    }).api
    vi.resetModules()
    const { ImportHistory } = await import('../../src/renderer/src/pages/import/ImportHistory')
    const { container } = render(<ImportHistory />)
    await screen.findByRole('heading', { name: 'Import history' })
    await waitFor(() => expect(container.querySelector('.ag-row [col-id="unchanged"]')?.textContent).toBe('1,150'))
    expect(container.querySelector('.ag-row [col-id="inserted"]')?.textContent).toBe('12,345')
  })
})
