import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { emptyBaseline, fakeApi } from './fake-api'

/** A commissioner's home on a database with no child looked after: no £0 cost, no table of noughts. */
describe("the commissioner's home with no children on record", () => {
  it('says there is nothing to cost instead of £0 a year, and no mix instead of a table of zeros', async () => {
    const fake = fakeApi({
      draftScenario: { name: 'Today', years: 5, weeksPerYear: 52, demandGrowth: 0, inflation: 0, baseline: {}, proposed: {}, services: {}, unitCosts: {} },
      listScenarios: [],
      costBaseline: emptyBaseline('2026-11-30')
    })
    window.api = fake.api
    vi.resetModules()
    const { CommissionerHome } = await import('../../src/renderer/src/pages/home/CommissionerHome')
    render(<CommissionerHome today="2026-11-30" />)
    const headline = await screen.findByTestId('cost-headline')
    expect(headline.textContent).toBe('No child is in a costed placement today, so there is no yearly cost to show. Model a change')
    expect(await screen.findByText('No child is looked after today: there is no placement mix yet.')).toBeTruthy()
    expect(screen.queryByRole('table', { name: 'Children per placement option today' })).toBeNull()
    expect(screen.getByRole('region', { name: 'Placement costs' }).textContent).not.toMatch(/£0/)
    // Nothing to run: the model of no placements is not asked for a cost.
    expect(fake.calls.map((c) => c.name)).not.toContain('runScenario')
  })
})
