import { useState, type ReactNode } from 'react'
import { actionStatusLabels, type ActionStatus } from '../../../../shared/api'
import { useCall, useWrite } from '../../api'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { ukDate } from '../../download'
import { useReadsPanelOnly } from '../../me'
import { href } from '../../router'

const statusLabels: Record<ActionStatus | 'all', string> = { ...actionStatusLabels, all: 'All' }
const noneOf: Record<ActionStatus | 'all', string> = {
  overdue: 'No overdue actions',
  open: 'No actions that are not yet due',
  done: 'No actions done',
  all: 'No actions'
}

/** Panel actions across every meeting, filtered by status and owner. */
export function ActionsPage(): ReactNode {
  const [status, setStatus] = useState<ActionStatus | 'all'>('overdue')
  const [owner, setOwner] = useState('')
  const summary = useCall('actionSummary', {})
  const actions = useCall('listActions', { status, owner: owner || null })
  const marking = useWrite('setActionDone')
  // Ticking an action done is the chair's: the team database refuses it to anyone else.
  const readOnly = useReadsPanelOnly()
  const toggle = (id: number, done: boolean): void => void marking.run({ actionId: id, done })
  return (
    <section>
      <h1>Panel actions</h1>
      <p>
        <a href={href('panel')}>← Permanence Panel</a>
      </p>
      <div className="toolbar" role="group" aria-label="Show">
        {(['overdue', 'open', 'done', 'all'] as const).map((s) => (
          <button key={s} type="button" aria-pressed={status === s} className={status === s ? 'primary' : undefined} onClick={() => setStatus(s)}>
            {statusLabels[s]}
            {summary.data && s === 'overdue' && ` (${summary.data.overdue})`}
            {summary.data && s === 'open' && ` (${summary.data.open - summary.data.overdue})`}
          </button>
        ))}
      </div>
      <div className="toolbar">
        <label>
          Owner{' '}
          <select value={owner} onChange={(e) => setOwner(e.target.value)} aria-label="Owner">
            <option value="">Everyone</option>
            {summary.data?.byOwner.map((o) => (
              <option key={o.owner} value={o.owner}>
                {o.owner} ({o.open} open{o.overdue ? `, ${o.overdue} overdue` : ''})
              </option>
            ))}
          </select>
        </label>
      </div>
      {marking.error && <ErrorState error={marking.error} />}
      {actions.error ? (
        <ErrorState error={actions.error} onRetry={actions.reload} />
      ) : !actions.data ? (
        <Loading what="actions" />
      ) : actions.data.length === 0 ? (
        <EmptyState title={`${noneOf[status]}${owner ? ` for ${owner}` : ''}.`} />
      ) : (
        <table className="table" aria-label="Actions">
          <thead>
            <tr>
              <th>Done</th>
              <th>Action</th>
              <th>Owner</th>
              <th>Due</th>
              <th>Status</th>
              <th>Child</th>
              <th>Meeting</th>
            </tr>
          </thead>
          <tbody>
            {actions.data.map((a) => (
              <tr key={a.id} className={`action-${a.status}`}>
                <td>
                  <input
                    type="checkbox"
                    checked={a.doneAt !== null}
                    disabled={readOnly}
                    onChange={(e) => toggle(a.id, e.target.checked)}
                    aria-label={`Done: ${a.description}`}
                  />
                </td>
                <td>{a.description}</td>
                <td>{a.owner}</td>
                <td>{ukDate(a.dueDate)}</td>
                <td>{a.status === 'done' ? `Done ${ukDate(a.doneAt)}` : actionStatusLabels[a.status]}</td>
                <td>
                  {a.childId && (
                    <>
                      <a href={href('child', a.childId)}>{a.childName ?? a.childId}</a>
                      {a.childName && <span className="muted"> {a.childId}</span>}
                    </>
                  )}
                </td>
                <td>{a.meetingId && <a href={href('panel', String(a.meetingId))}>{ukDate(a.meetingDate)}</a>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
