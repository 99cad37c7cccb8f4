import { useState, type ReactNode } from 'react'
import type { MeetingDetail } from '../../../../../shared/api'
import { InlineConfirm } from '../../../components/InlineConfirm'
import { toConfirm, type AfterRun, type Run } from './useMeeting'

/** A child to put on the agenda, and what follows. */
export interface AgendaAddition {
  childId: string
  reason: string | null
  after: AfterRun
  /** The id of what the chair used to add them, for the focus if they decide not to. */
  cancelFocus: string
  onAdded?: () => void
}

/**
 * Adds children to the meeting's agenda. The core adds a child already on the agenda of
 * another meeting not yet signed off only once the chair confirms (they could be decided at
 * both): `question` asks it on the page, beside what the chair used to add them.
 */
export function useAddToAgenda(
  meeting: MeetingDetail,
  run: Run
): { add: (addition: AgendaAddition) => Promise<void>; question: ReactNode; askingFor: string | undefined } {
  const [asking, setAsking] = useState<{ addition: AgendaAddition; reasons: string[] }>()
  const [busy, setBusy] = useState(false)

  const send = async (addition: AgendaAddition, confirm: boolean): Promise<void> => {
    const failed = await run(
      'addAgendaItem',
      { meetingId: meeting.id, childId: addition.childId, reason: addition.reason, ...(confirm ? { confirm } : {}) },
      { ...addition.after, asksToConfirm: !confirm }
    )
    const reasons = confirm ? undefined : toConfirm(failed)
    setAsking(reasons && { addition, reasons })
    if (!failed) addition.onAdded?.()
  }

  const question = asking && (
    <p className="state warn" role="alert" data-testid="confirm-agenda-add">
      <InlineConfirm
        label="Confirm adding the child to this agenda"
        confirm="Add to this meeting too"
        busy={busy}
        onConfirm={() => {
          setBusy(true)
          void send(asking.addition, true).finally(() => setBusy(false))
        }}
        onCancel={() => {
          document.getElementById(asking.addition.cancelFocus)?.focus()
          setAsking(undefined)
        }}
      >
        {asking.reasons.join(' ')}
      </InlineConfirm>
    </p>
  )
  return { add: async (addition) => await send(addition, false), question, askingFor: asking?.addition.childId }
}
