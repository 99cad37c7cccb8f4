import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { TrackerGridRow, TrackerPageInput, TrackerSummary } from '../../src/shared/api'
import { fakeApi } from './fake-api'
import { chairInfo, trackerRow } from './tracker-fixtures'

const row = (i: number): TrackerGridRow => trackerRow(`C${String(i).padStart(6, '0')}`, { name: `Child ${i}`, carer: null, carersSince: null, episodeId: i })

const summary = (lookedAfter: number): TrackerSummary => ({
  counts: {
    asOf: '2020-03-31',
    lookedAfter,
    byLegalStatus: { FCO: lookedAfter, ICO: 0, S20: 0, PO: 0, REMAND: 0, OTHER: 0 },
    permanence: { agreed: 0, notAgreed: 0, oversight: 0, none: lookedAfter },
    noDecisionByLegalStatus: { FCO: lookedAfter, ICO: 0, S20: 0, PO: 0, REMAND: 0, OTHER: 0 },
    carersChangedSinceDecision: 0
  },
  thresholds: { fcoMonths: 6, s20Months: 12, placementsIn12Months: 3, panelLookMonths: 12, pwpMonths: 6 },
  driftCounts: { fco_no_decision: 0, s20_no_decision: 0, placement_moves: 0, no_panel_look: 0, pwp_no_discharge_plan: 0 },
  flagCounts: { carers_changed: 0, placed_with_parents: 0, plan_confirmed_no_decision: 0, oversight_review_overdue: 0 }
})

/** The print view over a tracker of `total` children, its pages cut from them as the core would. */
async function renderPrint(total: number) {
  window.location.hash = '#/tracker-print?asOf=2020-03-31'
  const fake = fakeApi({ appInfo: chairInfo, getMe: { user: 'chair', roles: ['chair'], chosen: true, source: 'desk' }, trackerSummary: summary(total) })
  const pages: TrackerPageInput[] = []
  fake.api.trackerPage = async (input) => {
    const { offset = 0, limit = 100 } = input as TrackerPageInput
    pages.push(input as TrackerPageInput)
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => row(offset + k))
    return { ok: true, value: { rows, total } }
  }
  window.api = fake.api
  vi.resetModules()
  const { App } = await import('../../src/renderer/src/App')
  render(<App />)
  await screen.findByRole('heading', { name: /Permanence tracker/ })
  return { pages }
}

describe('tracker print view', () => {
  it('lists every child of a council-sized tracker, reading it a thousand at a time in the grid order', async () => {
    const { pages } = await renderPrint(1500)
    const table = await screen.findByRole('table', { name: 'Children on the tracker' })
    expect(table.querySelectorAll('tbody tr')).toHaveLength(1500)
    expect(table.querySelector('tbody tr:last-child td:nth-child(2)')!.textContent).toBe('C001499')
    expect(pages.map((p) => [p.offset, p.limit])).toEqual([
      [0, 1000],
      [1000, 1000]
    ])
    expect(screen.getByText(/Every looked-after child: 1,500 of 1,500 children\./)).toBeTruthy()
  })

  it('leaves out the list of a tracker too long to print, says why and what to do, and keeps the counts', async () => {
    const { pages } = await renderPrint(53_020)
    expect((await screen.findByRole('status')).textContent).toMatch(/^53,020 children would fill about 1,326 pages, so the list of children is left out/)
    expect(screen.queryByRole('table', { name: 'Children on the tracker' })).toBeNull()
    expect(screen.getByRole('table', { name: 'Permanence status' }).textContent).toContain('53,020')
    // Only the first page was read, for its total.
    expect(pages).toHaveLength(1)
  })
})
