import { useRef, useState, type ReactNode } from 'react'
import { reviewOutcomeLabels, type AgendaItem, type MeetingDetail, type OtherMeeting, type WithdrawnReferral } from '../../../../../shared/api'
import { openAgendasOf } from '../../../../../shared/panel-terms'
import type { ApiCallError } from '../../../api'
import { TimeField } from '../../../components/DateField'
import { href } from '../../../router'
import { ukDate, ukDateTime } from '../../../../../shared/days'
import { DecisionCarers } from '../DecisionCarers'
import { DecisionForm, type DecisionInput } from '../DecisionForm'
import { DecisionView } from './DecisionView'
import { ids } from './ids'
import { ItemHistory } from './ItemHistory'
import { Papers } from './Papers'
import { storedItemVersion, type Run } from './useMeeting'

export type EditMode = 'record' | 'amend' | null

interface Props {
  meeting: MeetingDetail
  item: AgendaItem
  /** The form shown: an undecided item is always in 'record' until the minutes are signed. */
  editing: EditMode
  setEditing: (mode: EditMode) => void
  run: Run
  onSave: (item: AgendaItem, mode: 'record' | 'amend', input: DecisionInput) => Promise<ApiCallError | null>
  onError: (e: ApiCallError) => void
}

/** The current child: when and who presents, papers, the decision (form or record) and its history. */
export function ItemWorkspace({ meeting, item, editing, setEditing, run, onSave, onError }: Props): ReactNode {
  const signed = meeting.status === 'signed'
  // Before the meeting's day there is no decision to record: the papers can be got ready meanwhile.
  const mode: EditMode = editing ?? (!item.decision && !signed && !meeting.upcoming ? 'record' : null)
  return (
    <article className="item-pane" aria-labelledby={ids.itemHeading}>
      <ItemHeader meeting={meeting} item={item} run={run} />
      <Papers key={item.id} item={item} signed={signed} run={run} onError={onError} />
      <section className="decision-panel" aria-labelledby={ids.decisionHeading}>
        <h3 id={ids.decisionHeading} tabIndex={-1}>
          {mode === 'amend' ? 'Amend the decision' : 'Decision'} for {item.childName}
        </h3>
        {mode ? (
          <DecisionForm
            // Not keyed by the decision: another desk's save arriving must not wipe what is typed here (the save's version check reports it).
            key={`${item.id}-${mode}`}
            childName={item.childName}
            mode={mode}
            initial={item.decision}
            defaultOwner={item.socialWorker}
            onSubmit={(d) => onSave(item, mode, d)}
            onCancel={editing ? () => setEditing(null) : undefined}
            firstFieldId={ids.decisionFirstField}
            meetingDate={meeting.date}
            warning={
              <>
                {mode === 'record' && !meeting.quorum.quorate && <NotQuorate shortfalls={meeting.quorum.shortfalls} />}
                {item.alsoOnAgendaOf.length > 0 && <AlsoOnAgenda childName={item.childName} meetings={item.alsoOnAgendaOf} />}
              </>
            }
          />
        ) : item.decision ? (
          <DecisionView decision={item.decision} superseded={item.superseded} />
        ) : (
          meeting.upcoming && (
            <p className="muted" data-testid="decision-not-yet">
              The panel meets on {ukDate(meeting.date)}: its decision is recorded from that day. Papers can be got ready now.
            </p>
          )
        )}
        {/* Keyed by the save too: an undo can put back the carers a change replaced. */}
        <DecisionCarers
          key={item.decision ? `${item.decision.id}-${item.decision.recordedAt}` : 'new'}
          childId={item.childId}
          date={meeting.date}
          decisionId={item.decision?.id ?? null}
        />
        <div className="form-row no-print">
          {!mode && item.decision && !item.decision.locked && (
            <button type="button" onClick={() => setEditing('record')}>
              Change decision
            </button>
          )}
          {!mode && item.decision?.locked && (
            <button type="button" onClick={() => setEditing('amend')}>
              Amend decision
            </button>
          )}
          {item.decision && <a href={href('panel-print', 'letter', String(meeting.id), item.childId)}>Decision letter</a>}
        </div>
      </section>
      <ItemHistory key={`history-${item.id}`} item={item} />
    </article>
  )
}

function ItemHeader({ meeting, item, run }: { meeting: MeetingDetail; item: AgendaItem; run: Run }): ReactNode {
  const signed = meeting.status === 'signed'
  const index = meeting.agenda.findIndex((i) => i.id === item.id)
  // Each field saves as the chair leaves it. Tabbing from the time to the social worker
  // sends two saves at once: the second goes after the first, against the version the first
  // left, or the chair would conflict with their own save and lose the name typed.
  const saving = useRef<Promise<unknown>>(Promise.resolve())
  const saveField = (field: 'slotTime' | 'socialWorker', value: string, before: string | null): void => {
    if ((value || null) === before) return
    saving.current = saving.current.then(() =>
      run('updateAgendaItem', { itemId: item.id, [field]: value || null, expectedVersion: storedItemVersion(meeting.id, item.id) ?? item.version })
    )
  }
  return (
    <header className="item-head">
      <h2 id={ids.itemHeading} tabIndex={-1}>
        {item.position}. <a href={href('child', item.childId)}>{item.childName}</a> <span className="muted">{item.childId}</span>
      </h2>
      {/* Why the child was put on the agenda, as it stood then (a decision recorded since does not change it). */}
      {item.reason && <p className="muted">On the agenda because: {item.reason}</p>}
      {item.referralWithdrawn && <WithdrawnReferralNote referral={item.referralWithdrawn} />}
      <div className="form-row" key={item.id}>
        <SlotTime key={item.id} initial={item.slotTime ?? ''} disabled={signed} onSave={(v) => saveField('slotTime', v, item.slotTime)} />
        <label>
          Presenting social worker{' '}
          <input
            type="text"
            defaultValue={item.socialWorker ?? ''}
            disabled={signed}
            onBlur={(e) => saveField('socialWorker', e.target.value.trim(), item.socialWorker)}
          />
        </label>
        {!signed && (
          <span className="no-print item-moves">
            <button
              type="button"
              disabled={index === 0}
              onClick={() => void run('moveAgendaItem', { itemId: item.id, position: item.position - 1 })}
              aria-label={`Move ${item.childName} up`}
            >
              ↑
            </button>
            <button
              type="button"
              disabled={index === meeting.agenda.length - 1}
              onClick={() => void run('moveAgendaItem', { itemId: item.id, position: item.position + 1 })}
              aria-label={`Move ${item.childName} down`}
            >
              ↓
            </button>
            {!item.decision && (
              <button
                type="button"
                onClick={() => void run('removeAgendaItem', { itemId: item.id }, { focus: ids.search, notice: `${item.childName} taken off the agenda.` })}
              >
                Take off the agenda
              </button>
            )}
          </span>
        )}
      </div>
    </header>
  )
}

/** The item's time slot, saved when the field is left with a valid 24-hour time (or emptied). */
function SlotTime({ initial, disabled, onSave }: { initial: string; disabled: boolean; onSave: (value: string) => void }): ReactNode {
  const [value, setValue] = useState(initial)
  // The field reports '' for an invalid time as for an empty one: only an emptied field clears the slot.
  const leave = (time: string): void => {
    const typed = (document.getElementById('agenda-item-time') as HTMLInputElement | null)?.value.trim()
    if (time || !typed) onSave(time)
  }
  return <TimeField id="agenda-item-time" label="Time" value={value} onChange={setValue} onBlur={leave} disabled={disabled} />
}

/**
 * Whether the panel is quorate is fixed on a decision when it is saved, so attendance ticked
 * afterwards leaves it marked "recorded while not quorate" in the minutes and letters: said
 * where the chair saves, not only at the top of the page.
 */
function NotQuorate({ shortfalls }: { shortfalls: string[] }): ReactNode {
  return (
    <p className="state warn wide" data-testid="decision-not-quorate">
      The panel is not quorate ({shortfalls.join('; ')}): a decision saved now is recorded as made while the panel was not quorate. If members are here, tick
      them present under “Members and attendance” first.
    </p>
  )
}

/**
 * The child is on another open meeting's agenda too (put there before adding asked first, or
 * on purpose), so they could be decided at both: said where the chair saves, with the way to
 * that meeting. A warning, not a refusal: the chair may mean it.
 */
function AlsoOnAgenda({ childName, meetings }: { childName: string; meetings: OtherMeeting[] }): ReactNode {
  return (
    <p className="state warn wide" role="note" data-testid="decision-also-on-agenda">
      {childName} is also on {openAgendasOf(meetings.map((m) => m.date))}: they could be decided there as well as here.{' '}
      {meetings.map((m, i) => (
        <span key={m.id}>
          {i > 0 && ' '}
          <a href={href('panel', String(m.id))}>Open the meeting on {ukDate(m.date)}</a>
        </span>
      ))}
    </p>
  )
}

/** The Head of Service took back the referral that may have put the child here: the chair decides whether they stay. */
function WithdrawnReferralNote({ referral }: { referral: WithdrawnReferral }): ReactNode {
  return (
    <p className="state warn" role="note" data-testid="referral-withdrawn">
      The Head of Service review ({referral.cycleLabel}) no longer refers this child to panel: {referral.by} corrected “{reviewOutcomeLabels[referral.was]}” to
      “{reviewOutcomeLabels[referral.now]}” on {ukDateTime(referral.at)}, because: {referral.reason}. “Take off the agenda” if they no longer need to come.
    </p>
  )
}
