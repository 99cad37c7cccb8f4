import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Title, Tooltip, type ChartOptions } from 'chart.js'
import { useState, type ReactNode } from 'react'
import { Bar } from 'react-chartjs-2'
import type { ComparatorKind, SufficiencyRow } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { callApi, useCall } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorState, Loading } from '../../components/States'
import { pct1 } from './format'
import { figure } from '../../../../shared/plural'

ChartJS.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip, Title)

/** Where a share has no children to be taken of: a dash to the eye, the reason in words to a screen reader and on hover. */
function NoFigure({ why }: { why: string }): ReactNode {
  return (
    <span title={why}>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{why}</span>
    </span>
  )
}

const noShare = 'No figure: no children to take a share of'

const show = (row: SufficiencyRow, n: number | null): ReactNode => (n === null ? <NoFigure why={noShare} /> : row.unit === 'percent' ? pct1(n) : figure(n))

function Change({ row }: { row: SufficiencyRow }): ReactNode {
  const { change } = row
  if (change === null) return <NoFigure why={`No change to show: no figure ${row.value === null ? 'on the date' : 'a year earlier'}`} />
  return `${change > 0 ? '+' : ''}${row.unit === 'percent' ? `${(change * 100).toFixed(1)} pts` : change}`
}

function ComparatorInput({ row, kind, onSaved }: { row: SufficiencyRow; kind: ComparatorKind; onSaved: (error?: string) => void }): ReactNode {
  const current = row.comparators[kind]
  const scale = row.unit === 'percent' ? 100 : 1
  const label = `${kind === 'england' ? 'England' : 'Statistical neighbours'} ${row.label}`
  return (
    <input
      type="number"
      min={0}
      step={row.unit === 'percent' ? 0.1 : 1}
      defaultValue={current === undefined ? '' : Math.round(current * scale * 10) / 10}
      aria-label={label}
      placeholder="—"
      onBlur={(e) => {
        const text = e.target.value.trim()
        const value = text === '' ? null : Number(text) / scale
        if (value === (current ?? null) || (value !== null && !Number.isFinite(value))) return
        callApi('setSufficiencyComparator', { measure: row.measure, comparator: kind, value }).then(
          () => onSaved(),
          (error: unknown) => onSaved(error instanceof Error ? error.message : String(error))
        )
      }}
    />
  )
}

/** Commissioners' sufficiency and stability measures: numbers only, never who. */
export function SufficiencyPanel({ today }: { today: string }): ReactNode {
  const [asOf, setAsOf] = useState(today)
  const report = useCall('sufficiency', { asOf })
  const [error, setError] = useState<string | null>(null)
  const r = report.data
  const chartOptions: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    indexAxis: 'y',
    plugins: { title: { display: true, text: 'In-house and external placements by type' }, legend: { position: 'bottom' } },
    scales: { x: { stacked: true }, y: { stacked: true } }
  }
  return (
    <section aria-labelledby="sufficiency-title" className="no-print">
      <h2 id="sufficiency-title">Sufficiency and stability</h2>
      <div className="toolbar">
        <DateField id="sufficiency-date" label="Measures on" value={asOf} onChange={(v) => v && setAsOf(v)} />
        {r && (
          <span className="muted">
            flows over the 12 months from {ukDate(r.yearFrom)} to {ukDate(r.asOf)}
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {report.error ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : !r ? (
        <Loading what="the sufficiency measures" />
      ) : (
        <div className="sufficiency">
          <table className="table compact" aria-label="Sufficiency and stability measures">
            <thead>
              <tr>
                <th>Measure</th>
                <th className="num">On {ukDate(r.asOf)}</th>
                <th className="num">A year earlier</th>
                <th className="num">Change</th>
                <th className="num">Statistical neighbours</th>
                <th className="num">England</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((row) => (
                <tr key={row.measure} data-testid={`sufficiency-${row.measure}`}>
                  <td>
                    {row.label}
                    {row.of !== null && <span className="muted"> (of {row.of})</span>}
                  </td>
                  <td className="num">{show(row, row.value)}</td>
                  <td className="num">{show(row, row.yearEarlier)}</td>
                  <td className="num">
                    <Change row={row} />
                  </td>
                  {(['statisticalNeighbours', 'england'] as const).map((kind) => (
                    <td key={kind} className="num">
                      <ComparatorInput row={row} kind={kind} onSaved={(message) => setError(message ?? null)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {r.byPlacementType.length === 0 ? (
            <p data-testid="sufficiency-no-placements">No child looked after on {ukDate(r.asOf)}: no placement to chart.</p>
          ) : (
            <>
              <div className="chart" data-testid="chart-in-house-external">
                <Bar
                  role="img"
                  aria-label="Bar chart of in-house and external placements by placement type"
                  options={chartOptions}
                  data={{
                    labels: r.byPlacementType.map((t) => t.type),
                    datasets: [
                      { label: 'In-house (PR1)', backgroundColor: '#3182bd', data: r.byPlacementType.map((t) => t.inHouse) },
                      { label: 'External (PR2–PR5)', backgroundColor: '#e6550d', data: r.byPlacementType.map((t) => t.external) },
                      { label: 'Other (with parents / none)', backgroundColor: '#bdbdbd', data: r.byPlacementType.map((t) => t.other) }
                    ]
                  }}
                />
              </div>
              <table className="table compact" aria-label="In-house and external by placement type">
                <thead>
                  <tr>
                    <th>Placement type</th>
                    <th className="num">In-house</th>
                    <th className="num">External</th>
                    <th className="num">Other</th>
                  </tr>
                </thead>
                <tbody>
                  {r.byPlacementType.map((t) => (
                    <tr key={t.type}>
                      <td>{t.type}</td>
                      <td className="num">{t.inHouse}</td>
                      <td className="num">{t.external}</td>
                      <td className="num">{t.other}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <details>
            <summary>How these numbers are made</summary>
            <ul className="small">
              {r.rules.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </details>
        </div>
      )}
    </section>
  )
}
