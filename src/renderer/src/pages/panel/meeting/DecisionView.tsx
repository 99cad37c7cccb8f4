import type { ReactNode } from 'react'
import { outcomeLabels, type PanelDecision } from '../../../../../shared/api'
import { ukDate } from '../../../download'

/** A recorded decision as the minutes will show it, with what it superseded and its actions. */
export function DecisionView({ decision: d, superseded }: { decision: PanelDecision; superseded: PanelDecision[] }): ReactNode {
  const actions = [d, ...superseded].flatMap((x) => x.actions)
  return (
    <div className="decision" data-testid="decision">
      <p>
        <span className={`outcome outcome-${d.outcome}`}>{outcomeLabels[d.outcome]}</span>
        {d.returnDate && (
          <span>
            {' '}
            · {d.outcome === 'deferred' ? 'returns by' : 'review by'} {ukDate(d.returnDate)}
          </span>
        )}
        {d.quorate === false && <strong className="flag"> · recorded while not quorate</strong>}
        {d.locked && <span className="muted"> · locked</span>}
      </p>
      <p>
        <strong>Reasons:</strong> {d.reasons}
      </p>
      {d.conditions && (
        <p>
          <strong>Conditions:</strong> {d.conditions}
        </p>
      )}
      {d.support && (
        <p>
          <strong>Support and training:</strong> {d.support}
        </p>
      )}
      {d.dissent && (
        <p>
          <strong>Dissent:</strong> {d.dissent}
        </p>
      )}
      {d.amendsId !== null && (
        <p className="flag">
          Amended by {d.recordedBy} on {ukDate(d.recordedAt.slice(0, 10))}: {d.amendmentReason}
        </p>
      )}
      {superseded.map((s) => (
        <p key={s.id} className="superseded">
          Superseded: {outcomeLabels[s.outcome]} — {s.reasons}
        </p>
      ))}
      {actions.length > 0 && (
        <ul className="actions">
          {actions.map((a) => (
            <li key={a.id}>
              {a.description} — {a.owner}
              {a.dueDate && `, due ${ukDate(a.dueDate)}`} <span className={`action-${a.status}`}>({a.status})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
