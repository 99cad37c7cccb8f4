import { describe, expect, it, vi } from 'vitest'
import type { LegendItem } from 'chart.js'
import { forecastAgeBands, forecastCategories, type Band, type ForecastResult } from '../../src/shared/api'
import { forecastChart } from '../../src/renderer/src/pages/costs/ForecastPanel'

const band = (p50: number): Band => ({ p10: p50 - 10, p50, p90: p50 + 10 })

const forecast: ForecastResult = {
  asOf: '2026-11-30',
  reference: { from: '2024-11-30', to: '2026-11-30' },
  observedChildMonths: 1000,
  lookedAfter: 600,
  runs: 200,
  model: {} as ForecastResult['model'],
  series: Array.from({ length: 12 }, (_, m) => ({
    month: `2027-${String(m + 1).padStart(2, '0')}`,
    total: band(600 + m),
    byCategory: Object.fromEntries(forecastCategories.map((c) => [c, band(1)])) as ForecastResult['series'][number]['byCategory'],
    byAgeBand: Object.fromEntries(forecastAgeBands.map((b) => [b, band(1)])) as ForecastResult['series'][number]['byAgeBand']
  })),
  demandIndex: [1.02],
  backtest: null
}

/** The few methods of a chart the legend calls on, over three datasets all shown at first. */
function fakeChart() {
  const visible = [true, true, true]
  return {
    visible,
    isDatasetVisible: (i: number) => visible[i]!,
    setDatasetVisibility: vi.fn((i: number, v: boolean) => (visible[i] = v)),
    update: vi.fn()
  }
}

describe("the forecast chart's legend", () => {
  const { data, options } = forecastChart(forecast)
  const legend = options.plugins!.legend!
  const items = (chart: ReturnType<typeof fakeChart>): LegendItem[] => (legend.labels!.generateLabels as unknown as (c: typeof chart) => LegendItem[])(chart)

  it('has one entry for the p10–p90 band and one for the median, each drawn differently', () => {
    const [bandItem, medianItem, ...rest] = items(fakeChart())
    expect(rest).toEqual([])
    expect(bandItem!.text).toMatch(/^p10–p90 band/)
    expect(medianItem!.text).toMatch(/^p50/)
    expect(bandItem!.fillStyle).not.toBe(medianItem!.fillStyle)
    expect(bandItem!.lineDash).toEqual(data.datasets[0]!.borderDash)
  })

  it('still names each edge of the band in the tooltip, and draws the edges dashed and the median solid', () => {
    expect(data.datasets.map((d) => d.label)).toEqual(['p90', 'p10', 'p50 (median)'])
    expect(data.datasets[0]!.borderDash).toEqual(data.datasets[1]!.borderDash)
    expect(data.datasets[0]!.borderDash).not.toEqual([])
    expect(data.datasets[2]!.borderDash).toBeUndefined()
  })

  it('hides and shows both edges of the band from its one entry', () => {
    const chart = fakeChart()
    const click = legend.onClick as unknown as (e: unknown, item: LegendItem, l: { chart: typeof chart }) => void
    click({}, items(chart)[0]!, { chart })
    expect(chart.visible).toEqual([false, false, true])
    expect(items(chart)[0]!.hidden).toBe(true)
    click({}, items(chart)[0]!, { chart })
    expect(chart.visible).toEqual([true, true, true])
    click({}, items(chart)[1]!, { chart })
    expect(chart.visible).toEqual([true, true, false])
  })
})
