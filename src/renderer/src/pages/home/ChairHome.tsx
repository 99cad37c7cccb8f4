import type { ReactNode } from 'react'
import type { MeetingSummary } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { countOf } from '../../../../shared/plural'
import { useCall } from '../../api'
import { ErrorState, SkeletonLines } from '../../components/States'
import { href } from '../../router'
import { ActionReminders } from '../panel/ActionReminders'

/** The chair's day: the next meeting and whether its agenda is ready, and overdue actions. */
export function ChairHome({ today }: { today: string }): ReactNode {
  const meetings = useCall('listMeetings', {}, { live: true })
  const unsigned = meetings.data?.filter((m) => m.status !== 'signed').sort((a, b) => a.date.localeCompare(b.date)) ?? []
  const next = unsigned.find((m) => m.date >= today)
  const awaiting = unsigned.filter((m) => m.date < today)
  return (
    <section className="card" aria-labelledby="home-chair">
      <h2 id="home-chair">Permanence Panel</h2>
      {meetings.error ? (
        <ErrorState error={meetings.error} onRetry={meetings.reload} />
      ) : !meetings.data ? (
        <SkeletonLines what="the next meeting" />
      ) : next ? (
        <NextMeeting meeting={next} />
      ) : (
        <p>
          No meeting planned. <a href={href('panel')}>Plan one</a>
        </p>
      )}
      {awaiting.length > 0 && (
        <p>
          Not signed off yet:{' '}
          {awaiting.map((m, i) => (
            <span key={m.id}>
              {i > 0 && ', '}
              <a href={href('panel', String(m.id))}>{ukDate(m.date)}</a>
            </span>
          ))}
        </p>
      )}
      <ActionReminders />
    </section>
  )
}

function NextMeeting({ meeting }: { meeting: MeetingSummary }): ReactNode {
  const detail = useCall('getMeeting', { meetingId: meeting.id }, { live: true })
  const agenda = detail.data?.agenda ?? []
  const ready = agenda.filter((item) => item.papers.length > 0 && item.papers.every((p) => p.received)).length
  return (
    <>
      <p>
        Next meeting <a href={href('panel', String(meeting.id))}>{ukDate(meeting.date)}</a>
        {meeting.startTime ? ` at ${meeting.startTime}` : ''}: {countOf(meeting.items, 'child', 'children')} on the agenda, {meeting.decided} decided.
      </p>
      {detail.error ? (
        <ErrorState error={detail.error} onRetry={detail.reload} />
      ) : !detail.data ? (
        <SkeletonLines what="agenda readiness" lines={1} />
      ) : agenda.length === 0 ? (
        <p className="muted">The agenda is empty: add children from the suggestions on the meeting page.</p>
      ) : (
        <p data-testid="agenda-readiness">
          Agenda readiness: {ready} of {countOf(agenda.length, 'child', 'children')} {agenda.length === 1 ? 'has' : 'have'} every paper received
          <progress max={agenda.length} value={ready} aria-label="Children with every paper received" />
          {detail.data.quorum.quorate ? 'Quorate with the members listed.' : `Not yet quorate: ${detail.data.quorum.shortfalls.join('; ')}.`}
        </p>
      )}
    </>
  )
}
