import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { AppInfo, Me } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const info = { version: '0.1.0', schemaVersion: 14, dbPath: 'demo.db', user: 'chair', shell: 'browser', demo: true, today: '2020-03-31', counts: {} } as AppInfo
const carer = { id: 4, name: 'Robin Carer', kind: 'ifa' as const, approvalNumber: null, agency: null, approvedFrom: null, approvedTo: null }
const placement = { start: '2019-03-28', startKnown: true, end: null, place: 'U6', placeProvider: 'PR4', episodes: 1, carers: [carer] }

async function renderCarers() {
  const fake = fakeApi({ appInfo: info, childPlacements: [placement] as never, listCarers: [], unlinkPlacementCarer: { ...placement, carers: [] } as never })
  window.api = fake.api
  vi.resetModules()
  const { MeContext } = await import('../../src/renderer/src/me')
  const { CarersSection } = await import('../../src/renderer/src/pages/child/CarersSection')
  const me: Me = { user: 'chair', roles: ['chair'], chosen: true, source: 'team' }
  render(
    <MeContext.Provider value={{ me }}>
      <CarersSection childId="C1" />
    </MeContext.Provider>
  )
  const unlink = await screen.findByRole('button', { name: 'Unlink Robin Carer' })
  const unlinks = () => fake.calls.filter((c) => c.name === 'unlinkPlacementCarer')
  return { unlink, unlinks }
}

describe("unlinking a child's carer", () => {
  it('asks first; Escape cancels, unlinking nothing, and gives the focus back to the ×', async () => {
    const { unlink, unlinks } = await renderCarers()
    unlink.focus()
    fireEvent.click(unlink)
    const confirm = await screen.findByRole('group', { name: 'Confirm unlinking Robin Carer' })
    await waitFor(() => expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Unlink' })))
    expect(unlinks()).toEqual([])
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Unlink Robin Carer' })))
    expect(screen.queryByRole('group', { name: 'Confirm unlinking Robin Carer' })).toBeNull()
    expect(unlinks()).toEqual([])
  })

  it('unlinks once confirmed, then takes the focus to the placement’s carer field with a notice', async () => {
    const { unlink, unlinks } = await renderCarers()
    fireEvent.click(unlink)
    const confirm = await screen.findByRole('group', { name: 'Confirm unlinking Robin Carer' })
    fireEvent.click(within(confirm).getByRole('button', { name: 'Unlink' }))
    await waitFor(() => expect(unlinks().map((c) => c.input)).toEqual([{ childId: 'C1', placementStart: '2019-03-28', carerId: 4 }]))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Unlinked Robin Carer from the placement from 28/03/2019.'))
    expect(document.activeElement).toBe(screen.getByLabelText('Carer for the placement from 28/03/2019'))
  })
})
