import type { ReactNode } from 'react'
import type { MeetingDetail } from '../../../../../shared/api'
import { ukDate } from '../../../download'
import { href } from '../../../router'
import { ids } from './ids'

const statusLabel = { planned: 'Planned', held: 'In progress', signed: 'Signed off' } as const

/** A meeting's title, status and where and who, for the chair's workspace and a panel member's view alike. */
export function MeetingHeading({ meeting, children }: { meeting: MeetingDetail; children?: ReactNode }): ReactNode {
  return (
    <>
      <p className="no-print">
        <a href={href('panel')}>← All meetings</a>
      </p>
      <h1 id={ids.title} tabIndex={-1}>
        Panel meeting {ukDate(meeting.date)} {meeting.startTime && <span className="muted">{meeting.startTime}</span>}{' '}
        <span className={`status status-${meeting.status}`}>{statusLabel[meeting.status]}</span>
      </h1>
      <p className="muted">
        {meeting.online ? 'Online' : 'In person'}
        {meeting.place ? ` · ${meeting.place}` : ''} · chair {meeting.chair}
        {children}
      </p>
    </>
  )
}
