import { BarController, BarElement, BasicPlatform, CategoryScale, Chart, LinearScale } from 'chart.js'
import { describe, expect, it } from 'vitest'
import { moneyAxis, tornadoAxis, wrapLabel } from '../../src/renderer/src/pages/costs/CostCharts'

Chart.register(BarController, BarElement, CategoryScale, LinearScale)

/** The y axis's tick labels that chart.js lays out for these bars, on a canvas that only measures text. */
function yTicks(data: number[], axis: object = moneyAxis): string[] {
  const context: Record<PropertyKey, unknown> = new Proxy(
    {},
    { get: (target: Record<PropertyKey, unknown>, key) => (key === 'measureText' ? () => ({ width: 40 }) : key in target ? target[key] : () => undefined) }
  )
  const canvas = { width: 400, height: 300, style: {}, getContext: () => context }
  context.canvas = canvas
  const chart = new Chart(canvas as unknown as HTMLCanvasElement, {
    type: 'bar',
    // Not the DOM's platform: jsdom has no canvas to draw on.
    platform: BasicPlatform,
    data: { labels: data.map((_, i) => `Year ${i + 1}`), datasets: [{ data }] },
    options: { responsive: false, animation: false, scales: { y: axis } }
  })
  const labels = chart.scales.y!.ticks.map((t) => String(t.label))
  chart.destroy()
  return labels
}

describe("the costs charts' money axis", () => {
  it('labels a scenario that saves nothing with distinct whole pounds, never £0 £0 £0 … £1 £1', () => {
    const labels = yTicks([0, 0, 0, 0, 0])
    expect(new Set(labels).size).toBe(labels.length)
    expect(labels).toContain('£0')
  })

  it('keeps its whole-pound labels for savings in the millions', () => {
    const labels = yTicks([-114_400, -104_656, 2_000_000])
    expect(new Set(labels).size).toBe(labels.length)
    expect(labels).toContain('£2,000,000')
  })
})

describe("the tornado's axis", () => {
  it('labels the change in short pounds with a typeset minus, kept level and apart, under a title', () => {
    const labels = yTicks([-4_000_000, 4_000_000], tornadoAxis)
    expect(labels).toContain('−£4m')
    expect(labels).toContain('£0')
    // The hyphen of '-£4,000,000' read as a dash.
    expect(labels.join(' ')).not.toMatch(/-/)
    expect(tornadoAxis.title).toEqual({ display: true, text: 'Change in the total saving' })
    expect(tornadoAxis.ticks).toMatchObject({ maxRotation: 0, autoSkipPadding: 12 })
  })

  it('puts a typeset minus on the money axis of the other charts too', () => {
    expect(yTicks([-114_400, 50_000])).toContain('−£100,000')
  })
})

describe("the tornado's labels", () => {
  it('break at spaces into lines that fit half a page, where one line was cut at its start', () => {
    expect(wrapLabel('Residential external weekly cost')).toEqual(['Residential external weekly cost'])
    expect(wrapLabel('Therapeutic fostering for sibling groups weekly cost')).toEqual(['Therapeutic fostering for sibling', 'groups weekly cost'])
    expect(wrapLabel('Inflation')).toEqual(['Inflation'])
  })
})
