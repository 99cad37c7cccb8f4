import type { ReactNode } from 'react'
import { useCall } from '../../api'
import { ErrorState, SkeletonLines } from '../../components/States'
import { href } from '../../router'
import { duration } from '../review/labels'

const shown = 5

/** The Head of Service's overview: review cycle progress, the longest waits, overdue oversight. */
export function HeadOfServiceHome({ today }: { today: string }): ReactNode {
  const cycles = useCall('listReviewCycles', {})
  const dashboard = useCall('reviewDashboard', { asOf: today, months: 1 })
  const open = cycles.data?.filter((c) => c.status === 'open') ?? []
  return (
    <section className="card" aria-labelledby="home-hos">
      <h2 id="home-hos">Head of Service</h2>
      <h3>Review cycle</h3>
      {cycles.error ? (
        <ErrorState error={cycles.error} onRetry={cycles.reload} />
      ) : !cycles.data ? (
        <SkeletonLines what="review cycles" lines={1} />
      ) : open.length === 0 ? (
        <p>
          No review cycle open. <a href={href('review')}>Open this quarter's</a>
        </p>
      ) : (
        open.map((c) => (
          <p key={c.id}>
            <a href={href('review', String(c.id))}>{c.label}</a>: {c.progress.reviewed} of {c.progress.total} reviewed
            <progress max={c.progress.total} value={c.progress.reviewed} aria-label={`${c.label} progress`} />
          </p>
        ))
      )}
      {dashboard.error ? (
        <ErrorState error={dashboard.error} onRetry={dashboard.reload} />
      ) : !dashboard.data ? (
        <SkeletonLines what="longest waits and overdue oversight" lines={3} />
      ) : (
        <>
          <h3>Longest waits for a decision</h3>
          {dashboard.data.longestWaits.length === 0 ? (
            <p className="muted">No child is waiting for a permanence decision.</p>
          ) : (
            <ol className="compact-list">
              {dashboard.data.longestWaits.slice(0, shown).map((w) => (
                <li key={w.childId}>
                  <a href={href('child', w.childId)}>{w.name}</a> <span className="muted">{duration(w.daysWaiting)}</span>
                </li>
              ))}
            </ol>
          )}
          <h3>Overdue oversight</h3>
          {dashboard.data.overdueOversight.length === 0 ? (
            <p className="muted">No management oversight is overdue.</p>
          ) : (
            <p>
              <a href={href('review-dashboard')}>
                <strong className="flag">{dashboard.data.overdueOversight.length} overdue</strong>
              </a>
              , longest {dashboard.data.overdueOversight[0] ? duration(dashboard.data.overdueOversight[0].daysOverdue) : ''}
            </p>
          )}
        </>
      )}
    </section>
  )
}
