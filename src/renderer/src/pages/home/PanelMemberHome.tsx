import type { ReactNode } from 'react'
import { ukDate } from '../../../../shared/days'
import { countOf } from '../../../../shared/plural'
import { useCall } from '../../api'
import { ErrorState, SkeletonLines } from '../../components/States'
import { href } from '../../router'

/** A panel member's day: the meetings to come, each opening on its agenda and papers to read. */
export function PanelMemberHome({ today }: { today: string }): ReactNode {
  const meetings = useCall('listMeetings', {})
  const coming = meetings.data?.filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id) ?? []
  return (
    <section className="card" aria-labelledby="home-panel-member">
      <h2 id="home-panel-member">Permanence Panel</h2>
      {meetings.error ? (
        <ErrorState error={meetings.error} onRetry={meetings.reload} />
      ) : !meetings.data ? (
        <SkeletonLines what="the meetings to come" />
      ) : coming.length === 0 ? (
        <p>No meeting planned yet.</p>
      ) : (
        <ul data-testid="meetings-to-read">
          {coming.slice(0, 5).map((m) => (
            <li key={m.id}>
              <a href={href('panel', String(m.id))}>{ukDate(m.date)}</a>
              {m.startTime ? ` at ${m.startTime}` : ''}: {countOf(m.items, 'child', 'children')} on the agenda
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">Agendas and papers are yours to read; the chair records decisions and signs off.</p>
    </section>
  )
}
