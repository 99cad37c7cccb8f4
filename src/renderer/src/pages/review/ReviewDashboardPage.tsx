import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Title, Tooltip } from 'chart.js'
import type { ColDef } from 'ag-grid-community'
import type { ReactNode } from 'react'
import { Bar, Line } from 'react-chartjs-2'
import { statusLabels, figureLabels, groupLabels, legalStatusGroups, type OverdueOversight, type ReviewDashboard } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { useCall } from '../../api'
import { Grid, ukDateCell } from '../../components/Grid'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { href, navigate } from '../../router'
import { duration, legalStatusName } from './labels'
import { ProgressBar } from './ProgressBar'
import { figure } from '../../../../shared/plural'

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Title, Tooltip, Legend)

const groupColours: Record<string, string> = { FCO: '#1d5c8f', ICO: '#8a5300', S20: '#a4262c', PO: '#1e6b35', REMAND: '#6b4c9a', OTHER: '#5b6470' }
const statusColours = { agreed: '#1e6b35', notAgreed: '#a4262c', oversight: '#d99a00', none: '#8d96a0' }

const overdueColumns: ColDef<OverdueOversight>[] = [
  { field: 'childId', headerName: 'ID', width: 130 },
  {
    field: 'name',
    headerName: 'Name',
    flex: 1,
    minWidth: 170,
    // A link as on the longest-waits table, so the child opens by a click too, not only by Enter or a double-click.
    cellRenderer: (p: { data?: OverdueOversight; value: string }) => p.data && <a href={href('child', p.data.childId)}>{p.value}</a>
  },
  { field: 'ls', headerName: 'Legal status', width: 190, valueFormatter: (p) => legalStatusName(p.value as string | null) },
  { field: 'lastOversightDate', headerName: 'Last oversight', width: 165, valueFormatter: ukDateCell },
  { field: 'manager', headerName: 'Manager', flex: 1, minWidth: 200 },
  { field: 'nextReviewDate', headerName: 'Review was due', width: 170, valueFormatter: ukDateCell },
  { field: 'daysOverdue', headerName: 'Overdue by', width: 150, valueFormatter: (p) => duration(p.value as number), sort: 'desc' }
]

function Charts({ d }: { d: ReviewDashboard }): ReactNode {
  const labels = d.trend.map((t) => ukDate(t.asOf))
  return (
    <div className="chart-row">
      <figure className="chart">
        <Line
          aria-label={`Children with ${figureLabels.noDecisionNoOversight}, by legal status, month by month`}
          role="img"
          data={{
            labels,
            datasets: legalStatusGroups.map((g) => ({
              label: groupLabels[g],
              data: d.trend.map((t) => t.noDecisionByLegalStatus[g]),
              borderColor: groupColours[g],
              backgroundColor: groupColours[g],
              tension: 0.2
            }))
          }}
          options={{
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            plugins: { title: { display: true, text: 'No panel decision and no oversight, by legal status' } },
            scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
          }}
        />
      </figure>
      <figure className="chart">
        <Bar
          aria-label="Looked-after children by permanence status, month by month"
          role="img"
          data={{
            labels,
            datasets: (['agreed', 'notAgreed', 'oversight', 'none'] as const).map((k) => ({
              label: k === 'notAgreed' ? statusLabels.not_agreed : statusLabels[k],
              data: d.trend.map((t) => t.permanence[k]),
              backgroundColor: statusColours[k]
            }))
          }}
          options={{
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            plugins: { title: { display: true, text: 'Permanence status of looked-after children' } },
            scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }
          }}
        />
      </figure>
    </div>
  )
}

/** The Head of Service's picture: where decisions are missing, who waits longest, lapsed oversight, the cycle. */
export function ReviewDashboardPage(): ReactNode {
  const dash = useCall('reviewDashboard', {})
  if (dash.error) return <ErrorState error={dash.error} onRetry={dash.reload} />
  if (!dash.data) return <Loading what="the dashboard" />
  const d = dash.data
  const now = d.trend.at(-1)!
  return (
    <section className="review-dashboard">
      <h1>Head of Service dashboard</h1>
      <p className="lead">As on {ukDate(d.asOf)}, by the permanence tracker's rules.</p>
      <div className="tiles">
        {legalStatusGroups.map((g) => (
          <div key={g} className="tile">
            <span className="tile-number">{figure(now.noDecisionByLegalStatus[g])}</span>
            <span className="tile-label">
              {groupLabels[g]}, {figureLabels.noDecisionNoOversight}
            </span>
          </div>
        ))}
        <div className="tile">
          <span className="tile-number">{figure(now.permanence.oversight)}</span>
          <span className="tile-label">under oversight only, of which {d.oversight.reviewOverdue} review overdue</span>
        </div>
        <div className="tile">
          <span className="tile-number">{figure(d.overdueOversight.length)}</span>
          <span className="tile-label">oversight reviews overdue</span>
        </div>
      </div>
      <h2>Review cycle</h2>
      {d.cycle ? (
        <div className="review-progress-block">
          <ProgressBar progress={d.cycle.progress} label={`${d.cycle.label} (${d.cycle.status})`} />
          <p>
            <a href={href('review', String(d.cycle.id))}>Go to the cycle</a>
          </p>
        </div>
      ) : (
        <EmptyState title="No review cycle yet.">
          <a href={href('review')}>Open one</a> for the quarter.
        </EmptyState>
      )}
      <h2>Trend over {d.trend.length} months</h2>
      <Charts d={d} />
      <h2>Longest waits for a permanence decision (full care order and section 20)</h2>
      {d.longestWaits.length === 0 ? (
        <p className="muted">
          {now.lookedAfter === 0 ? `No child is looked after on ${ukDate(d.asOf)}.` : 'Every child on a full care order or section 20 has an agreed decision.'}
        </p>
      ) : (
        <table className="table" aria-label="Longest waits">
          <thead>
            <tr>
              <th>Child</th>
              <th>Legal status</th>
              <th>Since</th>
              <th>Waiting</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {d.longestWaits.map((w) => (
              <tr key={w.childId}>
                <td>
                  <a href={href('child', w.childId)}>{w.name}</a> <span className="muted">{w.childId}</span>
                </td>
                <td>{legalStatusName(w.ls)}</td>
                <td>{ukDate(w.legalStatusSince)}</td>
                <td>{duration(w.daysWaiting)}</td>
                <td>{statusLabels[w.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Overdue oversight reviews</h2>
      {d.overdueOversight.length === 0 ? (
        <p className="muted">No oversight is past its review date.</p>
      ) : (
        <Grid
          rows={d.overdueOversight}
          columns={overdueColumns}
          label="Overdue oversight reviews"
          getRowId={(o) => o.childId}
          onRowOpen={(o) => navigate('child', o.childId)}
          height={360}
        />
      )}
    </section>
  )
}
