import { CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js'
import { memo, useMemo, useState, type ReactNode } from 'react'
import { Line } from 'react-chartjs-2'
import { statusLabels, type TrackerCounts } from '../../../../shared/api'
import { useCall } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorState, Loading } from '../../components/States'
import { addMonths, ukDate } from '../../../../shared/days'

Chart.register(CategoryScale, LinearScale, PointElement, LineElement, Legend, Tooltip)

const series = [
  { key: 'agreed', status: 'agreed', colour: '#1e6b35' },
  { key: 'notAgreed', status: 'not_agreed', colour: '#a4262c' },
  { key: 'oversight', status: 'oversight', colour: '#1d5c8f' },
  { key: 'none', status: 'none', colour: '#8a5300' }
] as const

const options = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  scales: { y: { beginAtZero: true, title: { display: true, text: 'Children' } } }
} as const

/** The chart in words, for those who cannot see it: where each status started and ended. */
function trendSummary(points: readonly TrackerCounts[]): string {
  const first = points[0]
  const last = points.at(-1)
  if (!first || !last) return 'No months in this range.'
  const moves = series.map((s) => `${statusLabels[s.status].toLowerCase()} ${first.permanence[s.key]} → ${last.permanence[s.key]}`)
  return `From ${ukDate(first.asOf)} to ${ukDate(last.asOf)}: looked after ${first.lookedAfter} → ${last.lookedAfter}; ${moves.join(', ')}. Every month is in the table below.`
}

/**
 * Permanence status counts at each month end over a chosen range (default: the year to
 * the tracker's date). Memoised: filtering the grid must not redraw the chart.
 */
export const TrendChart = memo(function TrendChart({ asOf }: { asOf: string }): ReactNode {
  const [range, setRange] = useState<{ from: string; to: string } | null>(null)
  const from = range?.from ?? addMonths(asOf, -12)
  const to = range?.to ?? asOf
  const valid = from <= to
  const trend = useCall('trackerTrend', valid ? { from, to } : { from: to, to })
  const data = useMemo(
    () =>
      trend.data && {
        labels: trend.data.map((c) => ukDate(c.asOf)),
        datasets: series.map((s) => ({
          label: statusLabels[s.status],
          data: trend.data!.map((c) => c.permanence[s.key]),
          borderColor: s.colour,
          backgroundColor: s.colour,
          tension: 0.2
        }))
      },
    [trend.data]
  )
  return (
    <section aria-labelledby="trend-title" className="tracker-trend">
      <h2 id="trend-title">Trend</h2>
      <div className="toolbar">
        <DateField id="trend-from" label="From" value={from} max={to} onChange={(v) => v && setRange({ from: v, to })} />
        <DateField id="trend-to" label="To" value={to} min={from} onChange={(v) => v && setRange({ from, to: v })} />
        {!valid && <span className="error-text">“From” must not be after “To”.</span>}
      </div>
      {trend.error ? (
        <ErrorState error={trend.error} onRetry={trend.reload} />
      ) : !data ? (
        <Loading what="the trend" />
      ) : (
        <>
          <div className="chart-box">
            <Line
              data={data}
              options={options}
              aria-label={`Line chart of permanence status counts by month from ${ukDate(from)} to ${ukDate(to)}`}
              aria-describedby="trend-summary"
            />
          </div>
          <p id="trend-summary" className="muted small" data-testid="trend-summary">
            {trendSummary(trend.data!)}
          </p>
          <details>
            <summary>The trend as a table</summary>
            <table className="table" data-testid="trend-table">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Looked after</th>
                  {series.map((s) => (
                    <th key={s.key}>{statusLabels[s.status]}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {trend.data!.map((c) => (
                  <tr key={c.asOf}>
                    <td>{ukDate(c.asOf)}</td>
                    <td>{c.lookedAfter}</td>
                    {series.map((s) => (
                      <td key={s.key}>{c.permanence[s.key]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  )
})
