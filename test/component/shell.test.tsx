import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { roles, type AppInfo, type Me } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const info: AppInfo = {
  version: '0.1.0',
  schemaVersion: 1,
  dbPath: '/tmp/x.db',
  user: 'chair',
  shell: 'electron',
  demo: true,
  today: '2020-03-31',
  counts: { children: 1234, episodes: 5678, panelMeeting: 24, decision: 227 }
}

const everyRole: Me = { user: 'chair', roles: [...roles], chosen: false, source: 'desk' }

// The renderer module picks window.api at import time, as the preload sets it before any script runs.
async function renderApp(answers: Parameters<typeof fakeApi>[0]) {
  const fake = fakeApi({ getMe: everyRole, ...answers })
  window.api = fake.api
  const { vi } = await import('vitest')
  vi.resetModules()
  const { App } = await import('../../src/renderer/src/App')
  render(<App />)
  return fake
}

describe('renderer shell', () => {
  const zero = { FCO: 0, ICO: 0, S20: 0, PO: 0, REMAND: 0, OTHER: 0 }
  const counts = {
    asOf: '2020-03-31',
    lookedAfter: 657,
    byLegalStatus: { ...zero, FCO: 400 },
    permanence: { agreed: 169, notAgreed: 31, oversight: 192, none: 265 },
    noDecisionByLegalStatus: { ...zero, FCO: 94 },
    carersChangedSinceDecision: 0
  }
  const nextMeeting = {
    id: 7,
    date: '2020-04-15',
    startTime: '10:00',
    place: null,
    online: false,
    chair: 'Chair',
    status: 'planned' as const,
    items: 2,
    decided: 0,
    signedBy: null,
    signedAt: null
  }
  const paper = (received: boolean) => ({ kind: 'Carer assessment', received, file: null })
  const item = (id: number, received: boolean) => ({
    id,
    childId: `C${id}`,
    childName: `Child ${id}`,
    position: id,
    slotTime: null,
    socialWorker: null,
    reason: null,
    papers: [paper(true), paper(received)],
    decision: null,
    superseded: [],
    referralWithdrawn: null,
    alsoOnAgendaOf: [],
    version: 1
  })
  const chairAnswers = {
    trackerCounts: counts,
    listMeetings: [nextMeeting, { ...nextMeeting, id: 3, date: '2020-02-12', status: 'signed' as const, items: 9, decided: 9 }],
    getMeeting: {
      ...nextMeeting,
      notes: null,
      quorumRule: { minMembers: 3, requireChair: true, requireRoles: [] },
      quorum: { quorate: false, present: 2, shortfalls: ['3 members needed, 2 present'] },
      members: [],
      agenda: [item(1, true), item(2, false)],
      lastSave: null,
      upcoming: false,
      version: 1
    },
    actionSummary: { open: 2, overdue: 1, dueSoon: 1, byOwner: [] }
  }
  const as = (...mine: Me['roles']): Me => ({ user: 'someone', roles: mine, chosen: true, source: 'desk' })

  it("shows a chair the status tiles adding up to the children looked after, the next meeting's readiness and actions", async () => {
    const fake = await renderApp({ appInfo: info, getMe: as('chair'), ...chairAnswers })
    const tiles = await screen.findByLabelText('Permanence status today')
    expect([...tiles.querySelectorAll('.tile-number')].map((t) => t.textContent)).toEqual(['657', '169', '31', '192', '265'])
    expect(screen.getByTestId('tiles-sum').textContent).toContain('169 + 31 + 192 + 265 = 657')
    expect(await screen.findByText('15/04/2020')).toBeTruthy()
    expect((await screen.findByTestId('agenda-readiness')).textContent).toMatch(
      /1 of 2 children have every paper received.*Not yet quorate: 3 members needed, 2 present/
    )
    expect(await screen.findByText(/1 overdue/)).toBeTruthy()
    // Only the chair's pages in the sidebar, and none of the other roles' calls made.
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Permanence Panel', 'Permanence tracker'])
    expect(fake.calls.map((c) => c.name)).not.toContain('reviewDashboard')
    expect(fake.calls.map((c) => c.name)).not.toContain('costBaseline')
    expect(screen.getByText('Demo data: fictional children')).toBeTruthy()
  })

  it('never says "No meeting planned" while the meetings are still loading', async () => {
    let answer: (v: unknown) => void = () => undefined
    const fake = fakeApi({ appInfo: info, getMe: as('chair'), ...chairAnswers })
    const slow = { ...fake.api, listMeetings: () => new Promise((resolve) => (answer = resolve as (v: unknown) => void)) } as typeof fake.api
    window.api = slow
    const { vi } = await import('vitest')
    vi.resetModules()
    const { App } = await import('../../src/renderer/src/App')
    render(<App />)
    expect(await screen.findByText('Loading the next meeting…')).toBeTruthy()
    expect(screen.queryByText(/No meeting planned/)).toBeNull()
    answer({ ok: true, value: [] })
    expect(await screen.findByText(/No meeting planned/)).toBeTruthy()
  })

  it('shows the Head of Service the cycle, the longest waits and overdue oversight', async () => {
    await renderApp({
      appInfo: info,
      getMe: as('head_of_service'),
      trackerCounts: counts,
      listReviewCycles: [
        { id: 2, label: 'Q4 2019-20', status: 'open', openedAt: '2020-03-01', openedBy: 'x', date: '2020-03-01', progress: { reviewed: 3, total: 10 } }
      ] as never,
      reviewDashboard: {
        asOf: '2020-03-31',
        trend: [],
        cycle: null,
        longestWaits: [{ childId: 'C9', name: 'Ann Example', ls: 'C2', legalStatusSince: '2018-01-01', daysWaiting: 820, status: 'none' }],
        oversight: { total: 192, reviewOverdue: 1 },
        overdueOversight: [
          { childId: 'C8', name: 'Bo Example', ls: 'C2', lastOversightDate: '2019-01-01', manager: 'M', nextReviewDate: '2019-07-01', daysOverdue: 274 }
        ]
      }
    })
    expect(await screen.findByText(/3 of 10 reviewed/)).toBeTruthy()
    expect((await screen.findByRole('link', { name: 'Ann Example' })).getAttribute('href')).toBe('#/child/C9')
    expect(screen.getByText('1 overdue')).toBeTruthy()
    // Waits read as on the dashboard ("2 years 2 months", "9 months"), never "1 months" or "274 days".
    expect(screen.getByRole('link', { name: 'Ann Example' }).closest('li')!.textContent).toBe('Ann Example 2 years 2 months')
    expect(screen.getByText('1 overdue').closest('p')!.textContent).toBe('1 overdue, longest 9 months')
    expect([...screen.getByRole('navigation', { name: 'Main' }).querySelectorAll('a')].map((a) => a.textContent)).toEqual([
      'Permanence tracker',
      'Head of Service review',
      'Head of Service dashboard'
    ])
  })

  it('shows a commissioner numbers only: no tiles of children, no child-level pages, and refuses them', async () => {
    const fake = await renderApp({
      appInfo: info,
      getMe: as('commissioner'),
      draftScenario: {
        name: 'Today',
        years: 5,
        weeksPerYear: 52,
        demandGrowth: 0,
        inflation: 0,
        baseline: { IFA: 10 },
        proposed: { IFA: 10 },
        services: {},
        unitCosts: {}
      },
      runScenario: {
        years: [{ year: 1, baseline: 1_000_000, proposed: 1_000_000, saving: 0 }],
        total: { baseline: 5_000_000, proposed: 5_000_000, saving: 0 },
        breakEven: {}
      } as never,
      listScenarios: [],
      costBaseline: {
        date: '2020-03-31',
        counts: { IFA: 10, SGO: 3 },
        afterCare: ['STAYING_PUT', 'SGO'],
        lookedAfter: 12,
        notCosted: 2,
        unmapped: [],
        unmappedTotal: 0,
        rules: []
      }
    })
    expect((await screen.findByTestId('cost-headline')).textContent).toContain('£1,000,000')
    expect(await screen.findByText('Not costed (placed with parents, for adoption)')).toBeTruthy()
    // The mix adds up to its total: SGO is paid for after care, apart from the looked-after rows.
    const mix = screen.getByRole('table', { name: 'Children per placement option today' })
    expect([...mix.querySelectorAll('tbody')].map((body) => [...body.querySelectorAll('tr')].map((r) => r.textContent))).toEqual([
      ['IFA10', 'Not costed (placed with parents, for adoption)2', 'Looked after12'],
      ['After care, still paid for (not looked after)', 'SGO3']
    ])
    expect(screen.queryByLabelText('Permanence status today')).toBeNull()
    expect([...screen.getByRole('navigation', { name: 'Main' }).querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Placement costs'])
    expect(fake.calls.map((c) => c.name)).not.toContain('trackerCounts')

    window.location.hash = '#/child/C1'
    expect(await screen.findByRole('heading', { name: 'Not available for your role' })).toBeTruthy()
    window.location.hash = '#/tracker'
    expect(await screen.findByRole('heading', { name: 'Not available for your role' })).toBeTruthy()
    expect(fake.calls.map((c) => c.name)).not.toContain('childTimeline')
    expect(fake.calls.map((c) => c.name)).not.toContain('trackerSummary')
  })

  it('shows a data officer the recent imports and their rejected rows', async () => {
    await renderApp({
      appInfo: info,
      getMe: as('data_officer'),
      trackerCounts: counts,
      importHistory: [
        {
          id: 1,
          kind: '903',
          fileName: 'Episodes.csv',
          sha256: 'x',
          importedAt: '2020-03-30T09:05:00',
          importedBy: 'x',
          inserted: 12,
          updated: 3,
          unchanged: 100,
          rejected: 4
        }
      ]
    })
    const table = await screen.findByRole('table', { name: 'Recent imports' })
    expect(table.textContent).toContain('30/03/2020 09:05')
    expect(table.textContent).toContain('Episodes.csv')
    expect(table.querySelector('td.flag')?.textContent).toBe('4')
  })

  it('gives several roles the union of their home sections and pages', async () => {
    await renderApp({ appInfo: info, getMe: as('chair', 'data_officer'), ...chairAnswers, importHistory: [] })
    expect(await screen.findByRole('heading', { name: 'Permanence Panel' })).toBeTruthy()
    expect(await screen.findByRole('heading', { name: 'Imports' })).toBeTruthy()
    expect([...screen.getByRole('navigation', { name: 'Main' }).querySelectorAll('a')].map((a) => a.textContent)).toEqual([
      'Permanence Panel',
      'Permanence tracker',
      'Children',
      'Import & export',
      'Backups'
    ])
  })

  it('saves the chosen roles through the contract call', async () => {
    window.location.hash = '#/roles'
    const fake = await renderApp({ appInfo: info, setMyRoles: as('commissioner') })
    fireEvent.click(await screen.findByLabelText(/Commissioner/))
    fireEvent.click(screen.getByRole('button', { name: 'Save roles' }))
    await waitFor(() => expect(fake.calls.find((c) => c.name === 'setMyRoles')?.input).toEqual({ roles: ['commissioner'] }))
    expect(await screen.findByText(/Saved\./)).toBeTruthy()
  })

  // The children page draws its grid even when empty: the first visit imports ag-grid, slow on a busy machine.
  it('"Skip to content" focuses the current page, and a new page focuses its heading', async () => {
    window.location.hash = '#/children'
    await renderApp({ appInfo: info, childrenPage: { rows: [], total: 0 } })
    await screen.findByText('No children yet.')
    fireEvent.click(screen.getByText('Skip to content'))
    expect(window.location.hash).toBe('#/children')
    expect(document.activeElement?.textContent).toBe('Children')
    expect(document.activeElement?.tagName).toBe('H1')
    window.location.hash = '#/roles'
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Your roles'))
  })

  it('on a printable document, starts the page at its Back and Print, not inside the document', async () => {
    window.location.hash = '#/roles'
    await renderApp({
      appInfo: info,
      renderMinutes: { title: 'Minutes 15/04/2020', html: '<h1>Permanence Panel — minutes</h1><p>Text</p>', draft: false }
    })
    await screen.findByRole('heading', { name: 'Your roles' })
    window.location.hash = '#/panel-print/minutes/1'
    const start = await screen.findByRole('group', { name: 'Minutes 15/04/2020: back or print' })
    await waitFor(() => expect(document.activeElement).toBe(start))
  })

  it('says plainly when there are no children yet', async () => {
    window.location.hash = '#/children'
    const fake = await renderApp({ appInfo: { ...info, demo: false }, childrenPage: { rows: [], total: 0 } })
    expect(await screen.findByText('No children yet.')).toBeTruthy()
    await waitFor(() =>
      expect(fake.calls.find((c) => c.name === 'childrenPage')?.input).toEqual({
        filters: { lookedAfterOnly: true },
        search: '',
        offset: 0,
        limit: 100,
        sort: []
      })
    )
  })

  it('shows an API error with a retry that calls again', async () => {
    window.location.hash = '#/child/DEMO000001'
    const fake = await renderApp({ appInfo: info, childTimeline: new Error('No child with ID DEMO000001') })
    expect(await screen.findByText(/No child with ID DEMO000001/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(fake.calls.filter((c) => c.name === 'childTimeline')).toHaveLength(2))
  })

  it('moves between pages with Alt+number', async () => {
    await renderApp({ appInfo: info, childrenPage: { rows: [], total: 0 } })
    const { pages } = await import('../../src/renderer/src/routes')
    const position = pages.filter((p) => p.group).findIndex((p) => p.page === 'children') + 1
    expect(position).toBeGreaterThan(0)
    await screen.findByRole('link', { name: 'Children' })
    fireEvent.keyDown(window, { key: String(position), altKey: true })
    await waitFor(() => expect(window.location.hash).toBe('#/children'))
  })
})
