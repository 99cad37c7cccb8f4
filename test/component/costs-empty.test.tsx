import { render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ForecastResult } from '../../src/shared/api'
import { emptyBaseline, fakeApi } from './fake-api'

/** A council with no 903 history yet: the commissioner's panels say so, and draw nothing impossible. */
describe('placement costs with no children on record', () => {
  it("says there is nothing to cost instead of an empty table under today's mix", async () => {
    window.api = fakeApi({
      costBaseline: emptyBaseline('2026-11-30'),
      previewMapping: { date: '2026-11-30', rows: [], unmapped: [], unmappedTotal: 0 },
      listOptions: []
    }).api
    vi.resetModules()
    const { BaselinePanel } = await import('../../src/renderer/src/pages/costs/BaselinePanel')
    render(<BaselinePanel today="2026-11-30" onUse={() => undefined} />)
    expect(await screen.findByText('No placement to cost on 30/11/2026.')).toBeTruthy()
    expect(screen.queryByRole('table', { name: 'Children per placement option' })).toBeNull()
  })

  it('keeps the forecast chart at none or more children, in whole children', async () => {
    const { forecastCountAxis } = await import('../../src/renderer/src/pages/costs/ForecastPanel')
    const flat = (p10: number): ForecastResult => ({ series: [{ month: '2026-12', total: { p10, p50: p10, p90: p10 } }] }) as unknown as ForecastResult
    expect(forecastCountAxis(flat(0))).toEqual({ ticks: { precision: 0 }, min: 0 })
    // A real cohort keeps the axis Chart.js chooses around it.
    expect(forecastCountAxis(flat(650))).toEqual({ ticks: { precision: 0 } })
  })
})

describe('the forecast and the cost summary with no children on record', () => {
  it('says the forecast has no history to learn from, with a link to import one, instead of a table of "0 (0–0)"', async () => {
    const forecast = {
      asOf: '2026-11-30',
      reference: { from: '2024-11-30', to: '2026-11-30' },
      observedChildMonths: 0,
      lookedAfter: 0,
      runs: 200,
      model: {},
      series: [],
      demandIndex: [1],
      backtest: null
    } as unknown as ForecastResult
    window.api = fakeApi({ demandForecast: forecast }).api
    vi.resetModules()
    const { ForecastPanel } = await import('../../src/renderer/src/pages/costs/ForecastPanel')
    render(<ForecastPanel today="2026-11-30" years={1} ready onUse={() => undefined} />)
    expect(await screen.findByText('No forecast: no child is on record between 30/11/2024 and 30/11/2026.')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Import & export' }).getAttribute('href')).toBe('#/import')
    expect(screen.queryByRole('table', { name: 'Forecast by age band' })).toBeNull()
    expect(screen.queryByText(/model fitted on/)).toBeNull()
    expect((screen.getByRole('button', { name: "Use the forecast for the scenario's demand" }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('says there is nothing to cost, and why, instead of £0 tiles', async () => {
    const nothing = {
      name: 'Scenario from 30/11/2026',
      years: 5,
      weeksPerYear: 52,
      demandGrowth: 0,
      inflation: 0,
      baseline: {},
      proposed: {},
      services: {},
      unitCosts: {}
    }
    const zero = { baseline: 0, proposed: 0, saving: 0 }
    window.api = fakeApi({
      appInfo: { today: '2026-11-30' } as never,
      draftScenario: nothing,
      listScenarios: [],
      listUnitCosts: [],
      runScenario: {
        name: nothing.name,
        years: [1, 2, 3, 4, 5].map((year) => ({ year, ...zero })),
        total: zero,
        breakEven: {},
        byOption: { baseline: {}, proposed: {} },
        sensitivity: [],
        unitCosts: {}
      }
    }).api
    vi.resetModules()
    const { CostsPage } = await import('../../src/renderer/src/pages/CostsPage')
    render(<CostsPage />)
    const empty = await screen.findByText('Nothing to cost: this scenario places no child and runs no service.')
    expect(empty.parentElement!.textContent).toMatch(/The data holds no child in a costed placement on 30\/11\/2026/)
    expect(within(empty.parentElement!).getByRole('link', { name: 'Import & export' }).getAttribute('href')).toBe('#/import')
    expect(screen.queryByTestId('total-baseline')).toBeNull()
    expect(screen.queryByTestId('chart-cost-by-option')).toBeNull()
  })
})
