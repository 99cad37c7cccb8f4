import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { TrackerGridRow, TrackerSummary } from '../../src/shared/api'
import { fakeApi } from './fake-api'
import { chairInfo, trackerRow } from './tracker-fixtures'

const row = (childId: string, status: TrackerGridRow['status'], group: TrackerGridRow['legalStatusGroup']): TrackerGridRow =>
  trackerRow(childId, {
    status,
    legalStatusGroup: group,
    drift: status === 'none' ? ['fco_no_decision'] : [],
    flags: childId === 'C' ? ['carers_changed'] : []
  })

const rows = [row('A', 'agreed', 'FCO'), row('B', 'none', 'FCO'), row('C', 'none', 'S20')]

const summary: TrackerSummary = {
  counts: {
    asOf: '2020-03-31',
    lookedAfter: 3,
    byLegalStatus: { FCO: 2, ICO: 0, S20: 1, PO: 0, REMAND: 0, OTHER: 0 },
    permanence: { agreed: 1, notAgreed: 0, oversight: 0, none: 2 },
    noDecisionByLegalStatus: { FCO: 1, ICO: 0, S20: 1, PO: 0, REMAND: 0, OTHER: 0 },
    carersChangedSinceDecision: 0
  },
  thresholds: { fcoMonths: 6, s20Months: 12, placementsIn12Months: 3, panelLookMonths: 12, pwpMonths: 6 },
  driftCounts: { fco_no_decision: 2, s20_no_decision: 0, placement_moves: 0, no_panel_look: 0, pwp_no_discharge_plan: 0 },
  flagCounts: { carers_changed: 1, placed_with_parents: 0, plan_confirmed_no_decision: 0, oversight_review_overdue: 0 }
}

async function renderTracker(answers: Parameters<typeof fakeApi>[0]) {
  window.location.hash = '#/tracker'
  const fake = fakeApi({
    appInfo: chairInfo,
    getMe: { user: 'chair', roles: ['chair'], chosen: true, source: 'desk' },
    trackerSummary: summary,
    getDriftThresholds: summary.thresholds,
    trackerPage: { rows, total: 3 },
    trackerTrend: [summary.counts],
    listTrackerViews: [],
    ...answers
  })
  window.api = fake.api
  const { vi } = await import('vitest')
  vi.resetModules()
  const { App } = await import('../../src/renderer/src/App')
  const { container } = render(<App />)
  // The page's code loads on first visit (its own chunk, with ag-grid).
  await screen.findByText('looked after')
  return { fake, tile: (name: string) => container.querySelector(`button[data-tile="${name}"]`) as HTMLButtonElement }
}

// The first render imports ag-grid and chart.js, which is slow on a busy machine.
describe('tracker page', () => {
  it('asks for today by default and shows the counts on the tiles', async () => {
    const { fake, tile } = await renderTracker({})
    expect(fake.calls.find((c) => c.name === 'trackerSummary')?.input).toEqual({ asOf: '2020-03-31' })
    expect(tile('all').textContent).toContain('3')
    expect(tile('agreed').textContent).toContain('1')
    expect(tile('none').textContent).toContain('2')
    expect(tile('none-S20').textContent).toContain('1')
    expect(tile('fco_no_decision').textContent).toContain('FCO over 6 months, no panel decision (oversight or none)')
  })

  it('exports once however often the button is pressed while the workbook is prepared, and counts one child as "1 child"', async () => {
    const { fake } = await renderTracker({})
    let answer: (value: { ok: true; value: unknown }) => void = () => undefined
    fake.api.exportTracker = (input) => {
      fake.calls.push({ name: 'exportTracker', input })
      return new Promise((resolve) => (answer = resolve as typeof answer))
    }
    // jsdom has no object URLs; the download itself is the e2e test's.
    URL.createObjectURL = () => 'blob:test'
    URL.revokeObjectURL = () => undefined
    const button = (await screen.findByRole('button', { name: 'Export to Excel' })) as HTMLButtonElement
    await waitFor(() => expect(button.disabled).toBe(false))
    fireEvent.click(button)
    fireEvent.click(button)
    expect(screen.getByText('Preparing the workbook…')).toBeTruthy()
    expect(button.disabled).toBe(true)
    answer({ ok: true, value: { fileName: 'permanence-tracker-2020-03-31.xlsx', base64: btoa('PK'), rows: 1 } })
    expect(await screen.findByText('Downloaded permanence-tracker-2020-03-31.xlsx (1 child).')).toBeTruthy()
    expect(button.disabled).toBe(false)
    expect(fake.calls.filter((c) => c.name === 'exportTracker')).toHaveLength(1)
  })

  it('asks the core for the first page of rows, and again with the filter when a tile is clicked', async () => {
    const { fake, tile } = await renderTracker({})
    const pages = () => fake.calls.filter((c) => c.name === 'trackerPage').map((c) => c.input)
    await waitFor(() => expect(pages()[0]).toEqual({ asOf: '2020-03-31', filters: {}, search: '', offset: 0, limit: 100, sort: [] }))
    // The rows first: the tiles' counts (every looked-after child) are asked for once the first block is in.
    const names = fake.calls.map((c) => c.name)
    expect(names.indexOf('trackerPage')).toBeLessThan(names.indexOf('trackerSummary'))
    expect((await screen.findByTestId('row-count')).textContent).toBe('3 rows')
    fireEvent.click(tile('none-FCO'))
    await waitFor(() => expect(pages().at(-1)).toMatchObject({ filters: { statuses: ['none'], groups: ['FCO'] }, offset: 0 }))
  })

  it('filters with a tile and saves the filter as a named view', async () => {
    const saved = {
      id: 7,
      name: 'Undecided FCO',
      definition: { statuses: ['none' as const], groups: ['FCO' as const] },
      createdBy: 'chair',
      updatedAt: '2020-03-31T10:00:00Z'
    }
    const { fake, tile } = await renderTracker({ saveTrackerView: saved })
    fireEvent.click(tile('none-FCO'))
    expect(tile('none-FCO').getAttribute('aria-pressed')).toBe('true')
    expect(tile('none').getAttribute('aria-pressed')).toBe('false')
    fireEvent.change(screen.getByPlaceholderText('View name'), { target: { value: 'Undecided FCO' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save view' }))
    await waitFor(() =>
      expect(fake.calls.find((c) => c.name === 'saveTrackerView')?.input).toEqual({
        name: 'Undecided FCO',
        definition: { statuses: ['none'], groups: ['FCO'] }
      })
    )
    expect(await screen.findByText('Saved view “Undecided FCO”.')).toBeTruthy()
    // The Save button is disabled once its name is cleared: the focus goes to the list that now shows the view, not the page body.
    expect(document.activeElement).toBe(screen.getByLabelText('Saved view'))
    // The list of views is read again because the save was a write, not by the page's own hand.
    await waitFor(() => expect(fake.calls.filter((c) => c.name === 'listTrackerViews').length).toBeGreaterThan(1))
    fireEvent.click(tile('none-FCO'))
    expect(tile('none-FCO').getAttribute('aria-pressed')).toBe('false')
  })

  it('counts and filters children whose carers changed since their decision, and saves that filter', async () => {
    const { fake, tile } = await renderTracker({
      saveTrackerView: { id: 8, name: 'Moved', definition: { flags: ['carers_changed'] }, createdBy: 'chair', updatedAt: 'x' }
    })
    expect(tile('carers_changed').textContent).toBe('1Carers changed since decision')
    expect(tile('oversight').textContent).toContain('of which 0 review overdue')
    fireEvent.click(tile('carers_changed'))
    expect(tile('carers_changed').getAttribute('aria-pressed')).toBe('true')
    fireEvent.change(screen.getByPlaceholderText('View name'), { target: { value: 'Moved' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save view' }))
    await waitFor(() =>
      expect(fake.calls.find((c) => c.name === 'saveTrackerView')?.input).toEqual({ name: 'Moved', definition: { flags: ['carers_changed'] } })
    )
  })

  it('applies a saved view when chosen', async () => {
    const views = [{ id: 3, name: 'Drift', definition: { drift: ['fco_no_decision' as const] }, createdBy: 'chair', updatedAt: '2020-03-31T10:00:00Z' }]
    const { tile } = await renderTracker({ listTrackerViews: views })
    await screen.findByRole('option', { name: 'Drift' })
    fireEvent.change(screen.getByLabelText('Saved view'), { target: { value: '3' } })
    expect(tile('fco_no_decision').getAttribute('aria-pressed')).toBe('true')
  })

  it('says so when nobody was looked after on the date', async () => {
    window.location.hash = '#/tracker'
    const empty = { ...summary, counts: { ...summary.counts, lookedAfter: 0 } }
    const fake = fakeApi({
      appInfo: chairInfo,
      getMe: { user: 'chair', roles: ['chair'], chosen: true, source: 'desk' },
      trackerSummary: empty,
      getDriftThresholds: summary.thresholds,
      trackerPage: { rows: [], total: 0 },
      listTrackerViews: []
    })
    window.api = fake.api
    const { vi } = await import('vitest')
    vi.resetModules()
    const { App } = await import('../../src/renderer/src/App')
    render(<App />)
    expect(await screen.findByText('No child was looked after on 31/03/2020.')).toBeTruthy()
  })
})
