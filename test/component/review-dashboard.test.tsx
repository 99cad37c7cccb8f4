import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ReviewDashboard, TrackerCounts } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const zero = { FCO: 0, ICO: 0, S20: 0, PO: 0, REMAND: 0, OTHER: 0 }
const counts = (lookedAfter: number): TrackerCounts => ({
  asOf: '2026-11-30',
  lookedAfter,
  byLegalStatus: { ...zero, FCO: lookedAfter },
  permanence: { agreed: lookedAfter, notAgreed: 0, oversight: 0, none: 0 },
  noDecisionByLegalStatus: zero,
  carersChangedSinceDecision: 0
})
const dashboard = (lookedAfter: number): ReviewDashboard => ({
  asOf: '2026-11-30',
  trend: [counts(lookedAfter)],
  longestWaits: [],
  oversight: { total: 0, reviewOverdue: 0 },
  overdueOversight: [],
  cycle: null
})

async function renderDashboard(d: ReviewDashboard): Promise<void> {
  window.api = fakeApi({ reviewDashboard: d }).api
  vi.resetModules()
  const { ReviewDashboardPage } = await import('../../src/renderer/src/pages/review/ReviewDashboardPage')
  render(<ReviewDashboardPage />)
  await screen.findByRole('heading', { name: /Longest waits/ })
}

// The page imports chart.js and ag-grid: slow to load on a shared machine.
describe('Head of Service dashboard with nobody waiting', () => {
  it('says nobody is looked after on an empty database, not that every child has a decision', async () => {
    await renderDashboard(dashboard(0))
    expect(screen.getByText('No child is looked after on 30/11/2026.')).toBeTruthy()
    expect(screen.queryByText(/has an agreed decision/)).toBeNull()
  })

  it('says every child has an agreed decision when children are looked after and none waits', async () => {
    await renderDashboard(dashboard(12))
    expect(screen.getByText('Every child on a full care order or section 20 has an agreed decision.')).toBeTruthy()
  })
})
