import { render, screen } from '@testing-library/react'
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
