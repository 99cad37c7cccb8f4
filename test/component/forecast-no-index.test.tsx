import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { forecastAgeBands, forecastCategories, type Band, type ForecastResult } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const none: Band = { p10: 0, p50: 0, p90: 0 }

/** What the core answers with no child looked after: a flat forecast of nobody, and an index of 1 it cannot have measured. */
const empty = (lookedAfter: number, demandIndex: number[]): ForecastResult => ({
  asOf: '2026-11-30',
  reference: { from: '2024-11-30', to: '2026-11-30' },
  observedChildMonths: 1000,
  lookedAfter,
  runs: 200,
  model: { transitions: {}, entries: {}, exposure: {}, byAge: {} } as unknown as ForecastResult['model'],
  series: Array.from({ length: 12 }, (_, m) => ({
    month: `2027-${String(m + 1).padStart(2, '0')}`,
    total: { p10: lookedAfter, p50: lookedAfter, p90: lookedAfter },
    byCategory: Object.fromEntries(forecastCategories.map((c) => [c, none])) as ForecastResult['series'][number]['byCategory'],
    byAgeBand: Object.fromEntries(forecastAgeBands.map((b) => [b, none])) as ForecastResult['series'][number]['byAgeBand']
  })),
  demandIndex,
  backtest: null
})

async function renderWith(f: ForecastResult): Promise<ReturnType<typeof vi.fn>> {
  window.api = fakeApi({ demandForecast: f }).api
  vi.resetModules()
  const { ForecastPanel } = await import('../../src/renderer/src/pages/costs/ForecastPanel')
  const onUse = vi.fn()
  render(<ForecastPanel today="2026-11-30" years={1} ready onUse={onUse} />)
  await screen.findByTestId('forecast-index')
  return onUse
}

describe('the demand forecast with no child looked after', () => {
  it('states no demand index, and offers none to the scenario', async () => {
    const onUse = await renderWith(empty(0, [1]))
    expect(screen.getByTestId('forecast-index').textContent).toBe('none, as no child is looked after on the date to measure demand against')
    const use = screen.getByRole('button', { name: "Use the forecast for the scenario's demand" })
    expect((use as HTMLButtonElement).disabled).toBe(true)
    use.click()
    expect(onUse).not.toHaveBeenCalled()
  })

  it('keeps the index, and the button, where children are looked after', async () => {
    const onUse = await renderWith(empty(12, [1.25]))
    expect(screen.getByTestId('forecast-index').textContent).toBe('1.250')
    screen.getByRole('button', { name: "Use the forecast for the scenario's demand" }).click()
    expect(onUse).toHaveBeenCalledWith([1.25], 'Forecast from 30/11/2026, reference 30/11/2024 – 30/11/2026')
  })
})

describe('the demand forecast on a busy page', () => {
  it('is not asked for until the page says its other figures are in, then is', async () => {
    const fake = fakeApi({ demandForecast: empty(12, [1.25]) })
    window.api = fake.api
    vi.resetModules()
    const { ForecastPanel } = await import('../../src/renderer/src/pages/costs/ForecastPanel')
    const { rerender } = render(<ForecastPanel today="2026-11-30" years={1} ready={false} onUse={vi.fn()} />)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fake.calls.filter((c) => c.name === 'demandForecast')).toHaveLength(0)
    expect(screen.getByText(/Loading the forecast/)).toBeTruthy()
    rerender(<ForecastPanel today="2026-11-30" years={1} ready onUse={vi.fn()} />)
    expect((await screen.findByTestId('forecast-index')).textContent).toBe('1.250')
    expect(fake.calls.filter((c) => c.name === 'demandForecast')).toHaveLength(1)
  })
})
