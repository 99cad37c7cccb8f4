import { BarController, BarElement, BasicPlatform, CategoryScale, Chart, LinearScale } from 'chart.js'
import { describe, expect, it } from 'vitest'
import { moneyAxis } from '../../src/renderer/src/pages/costs/CostCharts'

Chart.register(BarController, BarElement, CategoryScale, LinearScale)

/** The y axis's tick labels that chart.js lays out for these bars, on a canvas that only measures text. */
function yTicks(data: number[]): string[] {
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
    options: { responsive: false, animation: false, scales: { y: moneyAxis } }
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
