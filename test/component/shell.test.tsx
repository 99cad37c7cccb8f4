import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { AppInfo } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const info: AppInfo = {
  version: '0.1.0', schemaVersion: 1, dbPath: '/tmp/x.db', user: 'chair', shell: 'electron', demo: true, today: '2020-03-31',
  counts: { children: 1234, episodes: 5678, panelMeeting: 24, decision: 227 }
}

// The renderer module picks window.api at import time, as the preload sets it before any script runs.
async function renderApp(answers: Parameters<typeof fakeApi>[0]) {
  const fake = fakeApi(answers)
  window.api = fake.api
  const { vi } = await import('vitest')
  vi.resetModules()
  const { App } = await import('../../src/renderer/src/App')
  render(<App />)
  return fake
}

describe('renderer shell', () => {
  it("shows today's permanence counts, the next meeting and open reviews on Home", async () => {
    const zero = { FCO: 0, ICO: 0, S20: 0, PO: 0, REMAND: 0, OTHER: 0 }
    const fake = await renderApp({
      appInfo: info,
      trackerCounts: { asOf: '2020-03-31', lookedAfter: 1657, byLegalStatus: { ...zero, FCO: 900 }, permanence: { agreed: 169, notAgreed: 31, oversight: 192, none: 265 }, noDecisionByLegalStatus: { ...zero, FCO: 94 } },
      listMeetings: [
        { id: 7, date: '2020-04-15', startTime: '10:00', place: null, online: false, chair: 'Chair', status: 'planned', items: 6, decided: 0, signedBy: null, signedAt: null },
        { id: 3, date: '2020-02-12', startTime: '10:00', place: null, online: false, chair: 'Chair', status: 'signed', items: 9, decided: 9, signedBy: 'Chair', signedAt: '2020-02-12' }
      ],
      listReviewCycles: [],
      actionSummary: { open: 2, overdue: 1, dueSoon: 1, byOwner: [] }
    })
    expect(await screen.findByText('1,657')).toBeTruthy()
    expect(screen.getByText('265')).toBeTruthy()
    expect(screen.getByText('no decision, no oversight')).toBeTruthy()
    expect(await screen.findByText('15/04/2020')).toBeTruthy()
    expect(screen.getByText(/6 children on the agenda, 0 decided/)).toBeTruthy()
    expect(screen.getByText(/No review cycle open/)).toBeTruthy()
    expect(screen.getByText('Demo data: fictional children')).toBeTruthy()
    expect(screen.getByText('Desktop')).toBeTruthy()
    expect(fake.calls.find((c) => c.name === 'trackerCounts')?.input).toEqual({ asOf: '2020-03-31' })
  })

  it('says plainly when there are no children yet', async () => {
    window.location.hash = '#/children'
    const fake = await renderApp({ appInfo: { ...info, demo: false }, listChildren: [] })
    expect(await screen.findByText('No children yet.')).toBeTruthy()
    expect(fake.calls.find((c) => c.name === 'listChildren')?.input).toEqual({ lookedAfterOnly: true })
  })

  it('shows an API error with a retry that calls again', async () => {
    window.location.hash = '#/child/DEMO000001'
    const fake = await renderApp({ appInfo: info, childTimeline: new Error('No child with ID DEMO000001') })
    expect(await screen.findByText(/No child with ID DEMO000001/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(fake.calls.filter((c) => c.name === 'childTimeline')).toHaveLength(2))
  })

  it('moves between pages with Alt+number', async () => {
    await renderApp({ appInfo: info, listChildren: [] })
    const { pages } = await import('../../src/renderer/src/routes')
    const position = pages.filter((p) => p.group).findIndex((p) => p.page === 'children') + 1
    expect(position).toBeGreaterThan(0)
    fireEvent.keyDown(window, { key: String(position), altKey: true })
    await waitFor(() => expect(window.location.hash).toBe('#/children'))
  })
})
