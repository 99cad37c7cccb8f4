import {
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Title,
  Tooltip,
  type ChartData,
  type ChartOptions
} from 'chart.js'
import { useState, type ReactNode } from 'react'
import { Line } from 'react-chartjs-2'
import { forecastAgeBands, type ForecastResult } from '../../../../shared/api'
import { ukDate, ukMonth } from '../../../../shared/days'
import { useCall } from '../../api'
import { DateField } from '../../components/DateField'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { ImportHint } from './ImportHint'
import { pct } from './format'
import { figure } from '../../../../shared/plural'
import { forecastsNothing, noForecast, noForecastWhy } from '../../../../shared/forecast-terms'

ChartJS.register(LineElement, PointElement, CategoryScale, LinearScale, Filler, Legend, Tooltip, Title)

const whole = (n: number): string => figure(Math.round(n))

/** The chart's count axis: whole children, never below none (with no history it otherwise ran from -1 to 1 in fifths). */
export function forecastCountAxis(f: ForecastResult): { ticks: { precision: number }; min?: number } {
  const lowest = Math.min(...f.series.map((m) => m.total.p10))
  return lowest < 1 ? { ticks: { precision: 0 }, min: 0 } : { ticks: { precision: 0 } }
}

const band = { edge: '#4292c6', fill: 'rgba(158,202,225,0.45)', dash: [5, 3] }
const median = '#08306b'
const legendText = '#1b1f24'
/** The datasets' order: the band's upper edge fills down to its lower edge; the median is drawn over both. */
const P90 = 0
const P10 = 1
const P50 = 2

interface LegendChart {
  isDatasetVisible: (index: number) => boolean
  setDatasetVisibility: (index: number, visible: boolean) => void
  update: () => void
}

/**
 * The forecast chart's datasets and options. Its legend has one entry for the band and one for
 * the median: the band's two edges had an entry each with the same swatch, so a reader could not
 * tell p10 from p90. The band is told from the median by lightness and dashed edges, not by hue,
 * so it reads the same to a colour-blind reader and in greyscale; the tooltip still names each edge.
 */
export function forecastChart(f: ForecastResult): { data: ChartData<'line'>; options: ChartOptions<'line'> } {
  const bandEdge = { borderColor: band.edge, borderDash: band.dash, borderWidth: 1, backgroundColor: band.fill }
  return {
    data: {
      labels: f.series.map((m) => ukMonth(m.month)),
      datasets: [
        { label: 'p90', data: f.series.map((m) => m.total.p90), ...bandEdge, fill: '+1' },
        { label: 'p10', data: f.series.map((m) => m.total.p10), ...bandEdge, fill: false },
        { label: 'p50 (median)', data: f.series.map((m) => m.total.p50), borderColor: median, backgroundColor: median, borderWidth: 2.5, fill: false }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        title: { display: true, text: 'Children looked after: forecast with p10–p90 band' },
        legend: {
          position: 'bottom',
          labels: {
            color: legendText,
            generateLabels: (chart: LegendChart) => [
              {
                text: 'p10–p90 band (8 in 10 simulations)',
                fillStyle: band.fill,
                strokeStyle: band.edge,
                lineDash: band.dash,
                lineWidth: 1,
                fontColor: legendText,
                hidden: !chart.isDatasetVisible(P90),
                datasetIndex: P90
              },
              {
                text: 'p50 (median)',
                fillStyle: median,
                strokeStyle: median,
                lineWidth: 0,
                fontColor: legendText,
                hidden: !chart.isDatasetVisible(P50),
                datasetIndex: P50
              }
            ]
          },
          // The band's entry shows or hides both its edges (and the fill between them).
          onClick: (_event, item, legend) => {
            const chart = legend.chart as unknown as LegendChart
            const shown = item.datasetIndex === P90 ? [P90, P10] : [item.datasetIndex ?? P50]
            const visible = !chart.isDatasetVisible(shown[0]!)
            for (const index of shown) chart.setDatasetVisibility(index, visible)
            chart.update()
          }
        }
      },
      elements: { point: { radius: 0 } },
      scales: { y: forecastCountAxis(f) }
    }
  }
}

/** The p10–p90 band as a filled area around the p50 line. */
function BandChart({ f }: { f: ForecastResult }): ReactNode {
  const { data, options } = forecastChart(f)
  return (
    <div className="chart" data-testid="chart-forecast">
      <Line
        role="img"
        aria-label="Line chart of the forecast number of children looked after each month, with the p10 to p90 band"
        options={options}
        data={data}
      />
    </div>
  )
}

/**
 * The demand forecast from the imported history, with its back-test; a commissioner
 * can take its yearly demand index into the scenario in place of a flat growth rate.
 */
export function ForecastPanel({
  today,
  years,
  ready,
  onUse
}: {
  today: string
  years: number
  /**
   * False until the page's other figures are in. The forecast takes seconds for a large
   * authority (about 12 s at 100,000 children) and the database worker answers calls in
   * turn, so asked first it held up every other panel on the page.
   */
  ready: boolean
  onUse: (demandIndex: number[], source: string) => void
}): ReactNode {
  const [asOf, setAsOf] = useState(today)
  const forecast = useCall('demandForecast', { asOf, years: Math.min(10, Math.max(1, years)), runs: 200, seed: 20200331 }, { enabled: ready })
  const f = forecast.data
  return (
    <section aria-labelledby="forecast-title" className="no-print">
      <h2 id="forecast-title">Demand forecast</h2>
      <div className="toolbar">
        <DateField id="forecast-date" label="Forecast from" value={asOf} onChange={(v) => v && setAsOf(v)} />
        <button
          type="button"
          // An index over no children is no index: nothing to carry into the scenario.
          disabled={!f || f.lookedAfter === 0 || forecastsNothing(f)}
          onClick={() => {
            const last = f?.demandIndex.at(-1)
            if (!f || last === undefined) return
            // Years past the forecast's last keep its last index.
            const index = Array.from({ length: years }, (_, y) => f.demandIndex[y] ?? last)
            onUse(index, `Forecast from ${ukDate(f.asOf)}, reference ${ukDate(f.reference.from)} – ${ukDate(f.reference.to)}`)
          }}
        >
          Use the forecast for the scenario&apos;s demand
        </button>
      </div>
      {forecast.error ? (
        <ErrorState error={forecast.error} onRetry={forecast.reload} />
      ) : !f ? (
        <Loading what="the forecast" />
      ) : forecastsNothing(f) ? (
        // With nothing to learn from, the model projects a flat nobody: a table of "0 (0–0)" said nothing.
        <EmptyState title={noForecast(f)}>
          {noForecastWhy} <ImportHint or="or forecast from a date the history covers" />
        </EmptyState>
      ) : (
        <div className="forecast">
          <p className="muted">
            {f.lookedAfter} looked after on {ukDate(f.asOf)}; model fitted on {ukDate(f.reference.from)} – {ukDate(f.reference.to)}, {f.runs} simulations.
            Demand index by year:{' '}
            <span data-testid="forecast-index">
              {f.lookedAfter === 0
                ? 'none, as no child is looked after on the date to measure demand against'
                : f.demandIndex.map((x) => x.toFixed(3)).join(' · ')}
            </span>
          </p>
          <BandChart f={f} />
          {f.backtest ? (
            <p data-testid="forecast-backtest">
              Back-test (fitted on {ukDate(f.backtest.reference.from)} – {ukDate(f.backtest.reference.to)}, 12 months projected): mean absolute error{' '}
              {pct(f.backtest.mape)}, last month {pct(f.backtest.finalError)}, actual inside p10–p90 in {Math.round(f.backtest.coverage * 12)} of 12 months.
            </p>
          ) : (
            <p className="muted">Back-test: not enough history before the reference period.</p>
          )}
          <table className="table compact" aria-label="Forecast by age band">
            <thead>
              <tr>
                <th>End of year (p50, p10–p90)</th>
                {forecastAgeBands
                  .filter((b) => b !== 'unknown')
                  .map((b) => (
                    <th key={b} className="num">
                      Aged {b}
                    </th>
                  ))}
              </tr>
            </thead>
            <tbody>
              {f.series
                .filter((_, i) => i % 12 === 11)
                .map((m) => (
                  <tr key={m.month}>
                    <td>{ukMonth(m.month)}</td>
                    {forecastAgeBands
                      .filter((b) => b !== 'unknown')
                      .map((b) => (
                        <td key={b} className="num">
                          {whole(m.byAgeBand[b].p50)} ({whole(m.byAgeBand[b].p10)}–{whole(m.byAgeBand[b].p90)})
                        </td>
                      ))}
                  </tr>
                ))}
            </tbody>
          </table>
          <details>
            <summary>Monthly figures</summary>
            <table className="table compact" aria-label="Forecast by month">
              <thead>
                <tr>
                  <th>Month</th>
                  <th className="num">p10</th>
                  <th className="num">p50</th>
                  <th className="num">p90</th>
                </tr>
              </thead>
              <tbody>
                {f.series.map((m) => (
                  <tr key={m.month}>
                    <td>{ukMonth(m.month)}</td>
                    <td className="num">{whole(m.total.p10)}</td>
                    <td className="num">{whole(m.total.p50)}</td>
                    <td className="num">{whole(m.total.p90)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      )}
    </section>
  )
}
