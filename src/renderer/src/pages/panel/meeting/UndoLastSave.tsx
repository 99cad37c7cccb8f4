import type { ReactNode } from 'react'
import { outcomeLabels, type MeetingDetail } from '../../../../../shared/api'
import { ids } from './ids'
import type { Run } from './useMeeting'

const time = (iso: string): string => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false })

/** Names the last save and offers to take it back, until the minutes are signed. */
export function UndoLastSave({ meeting, run, onUndone }: { meeting: MeetingDetail; run: Run; onUndone: (itemId: number) => void }): ReactNode {
  const last = meeting.lastSave
  if (!last) return null
  const undo = async (): Promise<void> => {
    const failed = await run(
      'undoLastSave',
      { meetingId: meeting.id },
      {
        focus: ids.decisionHeading,
        notice: last.created ? `Save undone: ${last.childName} has no decision again.` : `Save undone: ${last.childName}'s decision is back as it was before.`
      }
    )
    if (!failed) onUndone(last.itemId)
  }
  return (
    <p className="undo-bar no-print">
      Last saved: <strong>{outcomeLabels[last.outcome]}</strong> for {last.childName} at {time(last.savedAt)}.{' '}
      <button type="button" id={ids.undo} onClick={() => void undo()}>
        Undo last save
      </button>
    </p>
  )
}
