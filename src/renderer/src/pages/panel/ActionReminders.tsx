import type { ReactNode } from 'react'
import { useCall } from '../../api'
import { ErrorState } from '../../components/States'
import { href } from '../../router'

/** Home-screen reminder of panel actions that are overdue or due within two weeks. */
export function ActionReminders(): ReactNode {
  const summary = useCall('actionSummary', { soonDays: 14 })
  if (summary.error) return <ErrorState error={summary.error} onRetry={summary.reload} />
  if (!summary.data) return null
  const { overdue, dueSoon, byOwner } = summary.data
  const behind = byOwner.filter((o) => o.overdue > 0).slice(0, 5)
  return (
    <section className="reminders" aria-label="Panel action reminders">
      <h2>Panel actions</h2>
      {overdue === 0 && dueSoon === 0 ? (
        <p className="muted">No panel actions are overdue or due in the next two weeks.</p>
      ) : (
        <p>
          <a href={href('panel-actions')}>
            <strong className={overdue ? 'flag' : undefined}>{overdue} overdue</strong>, {dueSoon} due in the next two weeks
          </a>
          {behind.length > 0 && <span className="muted"> · overdue with {behind.map((o) => `${o.owner} (${o.overdue})`).join(', ')}</span>}
        </p>
      )}
    </section>
  )
}
