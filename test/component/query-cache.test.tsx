import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { ApiClient, AppInfo, BackupFile, BackupList, CallName } from '../../src/shared/api'

/** A desk's backups folder: backupNow adds a file, listBackups answers what is there now. */
function backupsDesk(options: { backupFails?: boolean } = {}) {
  const backups: BackupFile[] = [{ name: 'daily-1.sqlite', path: '/b/daily-1.sqlite', kind: 'daily', createdAt: '2026-11-29T08:00:00Z', bytes: 2048 }]
  const calls: CallName[] = []
  const api = {
    listBackups: async () => {
      calls.push('listBackups')
      const list: BackupList = { folder: '/b', dbPath: '/d/permanence.sqlite', keep: 7, backups: backups.map((b) => ({ ...b })) }
      return { ok: true, value: list }
    },
    backupNow: async () => {
      calls.push('backupNow')
      if (options.backupFails) return { ok: false, error: { code: 'internal', message: 'The disk is full.' } }
      const made: BackupFile = { name: 'manual-2.sqlite', path: '/b/manual-2.sqlite', kind: 'manual', createdAt: '2026-11-30T09:30:00Z', bytes: 4096 }
      backups.unshift(made)
      return { ok: true, value: { path: made.path, bytes: made.bytes } }
    }
  } as unknown as ApiClient
  return { api, calls, count: (name: CallName) => calls.filter((c) => c === name).length }
}

const rowsShown = (): number => within(screen.getByRole('table', { name: 'Backups' })).getAllByRole('row').length - 1

describe('the renderer’s query cache', () => {
  it('loads a list again after a write call succeeds, though the page never asks for it', async () => {
    const desk = backupsDesk()
    window.api = desk.api
    vi.resetModules()
    const { BackupsPage } = await import('../../src/renderer/src/pages/backups/BackupsPage')
    render(<BackupsPage />)
    await waitFor(() => expect(rowsShown()).toBe(1))
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }))
    await waitFor(() => expect(rowsShown()).toBe(2))
    expect(screen.getByText('manual-2.sqlite')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('Backed up (4 KB) to /b/manual-2.sqlite.')
    expect(desk.calls).toEqual(['listBackups', 'backupNow', 'listBackups'])
  })

  it('leaves the reads alone when the write fails, and says why', async () => {
    const desk = backupsDesk({ backupFails: true })
    window.api = desk.api
    vi.resetModules()
    const { BackupsPage } = await import('../../src/renderer/src/pages/backups/BackupsPage')
    render(<BackupsPage />)
    await waitFor(() => expect(rowsShown()).toBe(1))
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }))
    expect((await screen.findByRole('status')).textContent).toBe('Not backed up: The disk is full.')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(desk.count('listBackups')).toBe(1)
    expect(rowsShown()).toBe(1)
  })

  it('fetches appInfo once for every component that shows it, and again only after a write', async () => {
    let appInfoCalls = 0
    const info: AppInfo = { version: '1', schemaVersion: 14, dbPath: '/d', user: 'ada', shell: 'browser', demo: false, today: '2026-11-30', counts: {} }
    window.api = {
      appInfo: async () => (appInfoCalls++, { ok: true, value: info }),
      setActionDone: async () => ({ ok: true, value: null }),
      importProgress: async () => ({ ok: true, value: null })
    } as unknown as ApiClient
    vi.resetModules()
    const { useCall, callApi } = await import('../../src/renderer/src/api')
    const Today = ({ n }: { n: number }): ReactNode => <p data-testid={`today-${n}`}>{useCall('appInfo', {}).data?.today ?? 'loading'}</p>
    const { rerender } = render(
      <>
        <Today n={1} />
        <Today n={2} />
      </>
    )
    await waitFor(() => expect(screen.getByTestId('today-2').textContent).toBe('2026-11-30'))
    // A component that mounts later is served from the cache.
    rerender(
      <>
        <Today n={1} />
        <Today n={2} />
        <Today n={3} />
      </>
    )
    expect(screen.getByTestId('today-3').textContent).toBe('2026-11-30')
    expect(appInfoCalls).toBe(1)
    // A read call (writes: false) changes nothing; a write call refreshes what is on screen.
    await callApi('importProgress', { jobId: 'j' })
    expect(appInfoCalls).toBe(1)
    await callApi('setActionDone', { actionId: 1, done: true })
    await waitFor(() => expect(appInfoCalls).toBe(2))
  })

  it('leaves the demand forecast on screen alone after a write (only an import changes it), and loads the rest again', async () => {
    const counts = { demandForecast: 0, listScenarios: 0 }
    window.api = {
      demandForecast: async () => (counts.demandForecast++, { ok: true, value: { months: [] } }),
      listScenarios: async () => (counts.listScenarios++, { ok: true, value: [] }),
      saveScenario: async () => ({ ok: true, value: { id: 1, name: 'S' } })
    } as unknown as ApiClient
    vi.resetModules()
    const { useCall, callApi } = await import('../../src/renderer/src/api')
    const Costs = (): ReactNode => {
      const forecast = useCall('demandForecast', { asOf: '2020-03-31' })
      const scenarios = useCall('listScenarios', {})
      return <p data-testid="costs">{forecast.data && scenarios.data ? 'shown' : 'loading'}</p>
    }
    render(<Costs />)
    await waitFor(() => expect(screen.getByTestId('costs').textContent).toBe('shown'))
    await callApi('saveScenario', { definition: {} } as never)
    await waitFor(() => expect(counts.listScenarios).toBe(2))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(counts.demandForecast).toBe(1)
  })
})
