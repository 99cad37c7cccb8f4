import { useState, type ReactNode } from 'react'
import { outcomeLabels, type AgendaItem, type MeetingDetail } from '../../../../shared/api'
import type { ApiCallError } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { hasUnsavedWork } from '../../live'
import { useReadsPanelOnly } from '../../me'
import { ukDate } from '../../download'
import type { DecisionInput } from './DecisionForm'
import { AgendaList } from './meeting/AgendaList'
import { ChildSearch } from './meeting/ChildSearch'
import { ids } from './meeting/ids'
import { ItemWorkspace, type EditMode } from './meeting/ItemWorkspace'
import { MeetingHeading } from './meeting/MeetingHeading'
import { ReadOnlyMeeting } from './meeting/ReadOnlyMeeting'
import { Members } from './meeting/Members'
import { SignOff } from './meeting/SignOff'
import { Suggestions } from './meeting/Suggestions'
import { UndoLastSave } from './meeting/UndoLastSave'
import { useMeeting } from './meeting/useMeeting'

/**
 * One meeting from planning to sign-off, shaped like the panel: the agenda as a list beside
 * the current child's papers and decision; members above, sign-off and outputs below.
 */
export function MeetingPage({ meetingId }: { meetingId: number }): ReactNode {
  const { meeting, loadError, error, setError, notice, run, focus } = useMeeting(meetingId)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [editing, setEditing] = useState<EditMode>(null)
  const readOnly = useReadsPanelOnly()

  if (loadError) return <ErrorState error={loadError} />
  if (!meeting) return <Loading what="the meeting" />
  if (readOnly) return <ReadOnlyMeeting meeting={meeting} />
  const signed = meeting.status === 'signed'
  const current = meeting.agenda.find((i) => i.id === selectedId) ?? defaultItem(meeting)

  // Opening or closing a form replaces the button that did it: the focus goes to the decision's heading instead of the page top.
  const edit = (mode: EditMode): void => {
    setEditing(mode)
    focus(ids.decisionHeading)
  }

  // Choosing a child on the agenda is choosing to decide it: the focus goes to the form's first field (to the heading when there is no form).
  // The form open now goes with the child it was for, so text typed into it and not saved is given up only on purpose.
  const select = (item: AgendaItem): void => {
    if (item.id === current?.id) return focus([ids.decisionFirstField, ids.decisionHeading])
    const pane = document.getElementById(ids.decisionHeading)?.closest('article')
    if (current && pane && hasUnsavedWork(pane) && !window.confirm(switchQuestion(current.childName))) return
    setSelectedId(item.id)
    setEditing(null)
    focus([ids.decisionFirstField, ids.decisionHeading])
  }

  const saveDecision = async (item: AgendaItem, mode: 'record' | 'amend', d: DecisionInput): Promise<ApiCallError | null> => {
    const fields = { outcome: d.outcome, returnDate: d.returnDate, reasons: d.reasons, conditions: d.conditions, support: d.support, dissent: d.dissent }
    const saved = `Saved: ${outcomeLabels[d.outcome]} for ${item.childName}.`
    if (mode === 'amend') {
      const failed = await run(
        'amendDecision',
        { decisionId: item.decision!.id, amendmentReason: d.amendmentReason, ...fields },
        { focus: ids.decisionHeading, notice: saved, showsError: true }
      )
      if (!failed) setEditing(null)
      return failed
    }
    // The chair moves on to the next child still undecided; after the last one, to sign-off.
    const next = nextUndecided(meeting, item)
    const failed = await run(
      'recordDecision',
      { itemId: item.id, ...fields, actions: d.actions, expectedVersion: d.expectedVersion },
      {
        focus: next ? ids.decisionHeading : ids.signOff,
        notice: saved,
        // The form shows why a save failed beside the typed text (a conflict, both versions).
        showsError: true
      }
    )
    if (!failed) {
      setEditing(null)
      if (next) setSelectedId(next.id)
    }
    return failed
  }

  return (
    <section className="meeting">
      <MeetingHeading meeting={meeting}>{signed && ` · signed off by ${meeting.signedBy} on ${ukDate(meeting.signedAt?.slice(0, 10))}`}</MeetingHeading>
      <p data-testid="quorum" className={meeting.quorum.quorate ? 'quorum ok' : 'quorum not'} role="status">
        {meeting.quorum.quorate ? `Quorate: ${meeting.quorum.present} present` : `Not quorate: ${meeting.quorum.shortfalls.join('; ')}`}
      </p>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {error && <ErrorState error={error} />}
      {/* First after the heading, so each part of the meeting is a few key presses from the top; shown while one has the focus. */}
      <nav className="skip-links no-print" aria-label="Parts of the meeting">
        {current && (
          <button type="button" onClick={() => focus(ids.decisionHeading)}>
            Skip to the decision for {current.childName}
          </button>
        )}
        <button type="button" onClick={() => focus([...(current ? [ids.agendaEntry(current.id)] : []), ids.search, ids.agendaHeading])}>
          Skip to the agenda
        </button>
        <button type="button" onClick={() => focus([ids.signOff, ids.signOffHeading])}>
          Skip to sign-off
        </button>
      </nav>
      <Members meeting={meeting} run={run} />
      <UndoLastSave
        meeting={meeting}
        run={run}
        onUndone={(itemId) => {
          setSelectedId(itemId)
          setEditing(null)
        }}
      />

      <div className="workspace">
        <section className="agenda-pane" aria-labelledby={ids.agendaHeading}>
          <h2 id={ids.agendaHeading} tabIndex={-1}>
            Agenda
          </h2>
          <AgendaList agenda={meeting.agenda} selectedId={current?.id ?? null} onSelect={select} />
          {!signed && (
            <section className="add-children no-print" aria-label="Add children to the agenda">
              <ChildSearch meeting={meeting} run={run} />
              <Suggestions meeting={meeting} run={run} />
            </section>
          )}
        </section>
        {current ? (
          <div className="item-column">
            <ItemWorkspace meeting={meeting} item={current} editing={editing} setEditing={edit} run={run} onSave={saveDecision} onError={setError} />
          </div>
        ) : (
          <p className="muted item-column">Add a child to the agenda to see their papers and record the panel's decision here.</p>
        )}
      </div>

      <SignOff meeting={meeting} run={run} onError={setError} />
    </section>
  )
}

const switchQuestion = (childName: string): string => `Open another child? What you have typed for ${childName} and not saved will be lost.`

/** The child the workspace opens on: the first still undecided, else the first on the agenda. */
const defaultItem = (meeting: MeetingDetail): AgendaItem | undefined => meeting.agenda.find((i) => !i.decision) ?? meeting.agenda[0]

const nextUndecided = (meeting: MeetingDetail, after: AgendaItem): AgendaItem | undefined => {
  const others = meeting.agenda.filter((i) => !i.decision && i.id !== after.id)
  return others.find((i) => i.position > after.position) ?? others[0]
}
