import { useState, type ReactNode } from 'react'
import type { MeetingDetail } from '../../../../../shared/api'
import { ApiCallError } from '../../../api'
import { ErrorState } from '../../../components/States'
import { useMe } from '../../../me'
import { AgendaList } from './AgendaList'
import { DecisionView } from './DecisionView'
import { ids } from './ids'
import { MeetingHeading } from './MeetingHeading'
import { Papers } from './Papers'
import type { Run } from './useMeeting'

// Never called: a panel member's view has no control that writes.
const noWrites: Run = async () => new ApiCallError('forbidden', 'A panel member reads the meeting; recording is the chair’s.')

/**
 * A panel member's (or any reader's) view of a meeting: the agenda, each child's papers and any decision,
 * to read. No recording, sign-off or agenda changes: the team database refuses them to
 * this role, so the screen does not offer them.
 */
export function ReadOnlyMeeting({ meeting }: { meeting: MeetingDetail }): ReactNode {
  const { me } = useMe()
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [error, setError] = useState<ApiCallError | null>(null)
  const current = meeting.agenda.find((i) => i.id === selectedId) ?? meeting.agenda[0]
  return (
    <section className="meeting read-only">
      <MeetingHeading meeting={meeting} />
      <p className="notice">
        You are reading this meeting{me.roles.includes('panel_member') ? ' as a panel member' : ''}: the chair records the decisions and signs the minutes off.
      </p>
      {error && <ErrorState error={error} />}
      {meeting.members.length > 0 && <p>Members: {meeting.members.map((m) => `${m.name} (${m.role}${m.attended ? ', present' : ''})`).join('; ')}</p>}
      <div className="workspace">
        <div className="agenda-pane">
          <h2>Agenda</h2>
          <AgendaList agenda={meeting.agenda} selectedId={current?.id ?? null} onSelect={(item) => setSelectedId(item.id)} />
        </div>
        {current ? (
          <article className="item-pane item-column" aria-labelledby={ids.itemHeading}>
            <h2 id={ids.itemHeading} tabIndex={-1}>
              {current.position}. {current.childName} <span className="muted">{current.childId}</span>
            </h2>
            {current.reason && <p className="muted">{current.reason}</p>}
            <p className="muted">
              {current.slotTime ? `At ${current.slotTime}` : 'No time set'}
              {current.socialWorker ? ` · presented by ${current.socialWorker}` : ''}
            </p>
            <Papers key={current.id} item={current} signed run={noWrites} onError={setError} />
            <section className="decision-panel" aria-labelledby={ids.decisionHeading}>
              <h3 id={ids.decisionHeading} tabIndex={-1}>
                Decision for {current.childName}
              </h3>
              {current.decision ? <DecisionView decision={current.decision} superseded={current.superseded} /> : <p className="muted">Not decided yet.</p>}
            </section>
          </article>
        ) : (
          <p className="muted item-column">No children on the agenda yet.</p>
        )}
      </div>
    </section>
  )
}
