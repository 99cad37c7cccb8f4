import { useState, type ReactNode } from 'react'
import type { MeetingDetail } from '../../../../../shared/api'
import type { ApiCallError } from '../../../api'
import { download } from '../../../download'
import { href } from '../../../router'
import { ukDate } from '../../../../../shared/days'
import { InlineConfirm, useConfirming } from '../../../components/InlineConfirm'
import { ids } from './ids'
import type { Run } from './useMeeting'

/** Sign-off (after a confirmation) and the meeting's outputs. */
export function SignOff({ meeting, run, onError }: { meeting: MeetingDetail; run: Run; onError: (e: ApiCallError) => void }): ReactNode {
  const { confirming, ask, cancel, close } = useConfirming(ids.signOff)
  const [busy, setBusy] = useState(false)
  const signed = meeting.status === 'signed'
  const undecided = meeting.agenda.filter((i) => !i.decision).length
  return (
    <section className="sign-off no-print" aria-labelledby={ids.signOffHeading}>
      <h2 id={ids.signOffHeading} tabIndex={-1}>
        Sign-off and outputs
      </h2>
      <div className="form-row">
        {!signed &&
          (!confirming ? (
            <>
              <button
                type="button"
                id={ids.signOff}
                className="primary"
                disabled={meeting.agenda.length === 0 || undecided > 0 || meeting.upcoming}
                onClick={ask}
              >
                Sign off minutes
              </button>
              {meeting.upcoming ? (
                <span className="muted">The minutes can be signed off from the meeting's day, {ukDate(meeting.date)}.</span>
              ) : (
                undecided > 0 && (
                  <span className="muted">
                    {undecided} {undecided === 1 ? 'child still needs' : 'children still need'} a decision.
                  </span>
                )
              )}
            </>
          ) : (
            <InlineConfirm
              label="Confirm sign-off"
              confirm="Confirm sign-off"
              busy={busy}
              onCancel={cancel}
              onConfirm={() => {
                setBusy(true)
                void run('signOffMeeting', { meetingId: meeting.id }, { focus: ids.title, notice: 'Minutes signed off: the decisions are locked.' }).then(
                  () => {
                    setBusy(false)
                    close()
                  }
                )
              }}
            >
              Signed decisions are locked; later corrections are amendments.
            </InlineConfirm>
          ))}
        <a href={href('panel-print', 'minutes', String(meeting.id))}>Minutes (print or save as PDF)</a>
        <button type="button" onClick={() => download('exportDecisions', { meetingId: meeting.id }).catch(onError)}>
          Download decisions (xlsx)
        </button>
      </div>
    </section>
  )
}
