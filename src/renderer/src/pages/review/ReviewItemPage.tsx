import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import {
  cohortLabels,
  missingCorrectionReason,
  missingNote,
  outcomeLabels,
  statusLabels,
  reviewOutcomeLabels,
  reviewOutcomes,
  type PendingAgendaEntry,
  type ReviewItemDetail,
  type ReviewItemRow,
  type ReviewOutcome
} from '../../../../shared/api'
import { ukDate, ukDateTime } from '../../../../shared/days'
import { latestFollowUp } from '../../../../shared/follow-up'
import { ApiCallError, callApi, useCall } from '../../api'
import { ConflictNotice, conflictCurrent, type ConflictField } from '../../components/ConflictNotice'
import { unsavedAttribute } from '../../live'
import { DateField } from '../../components/DateField'
import { ErrorState, FieldNote, Loading } from '../../components/States'
import { href, navigate } from '../../router'
import { duration, legalStatusName } from './labels'
import { LegalPermanence } from './LegalPermanence'
import { placementName, providerName } from '../tracker/codes'
import { KeepFocusButton } from '../../components/KeepFocusButton'

const outcomeHelp: Record<ReviewOutcome, string> = {
  refer_panel: 'The child becomes an agenda candidate for the Permanence Panel.',
  plan_confirmed: 'Recorded as management oversight in the tracker, with the date it is next looked at.',
  refer_kdm: 'A key decision-making meeting with legal advice: note the question for it.',
  other: 'Anything else: say what was decided.'
}

/** A save refused because someone else changed the item: their row, and what this user had typed. */
export interface ReviewConflict {
  message: string
  theirs: ReviewItemRow | null
  mine: { outcome: ReviewOutcome | ''; note: string; reviewDate: string; nextReviewDate: string }
  loaded: boolean
}

const conflictFields = (c: ReviewConflict): ConflictField[] => {
  const t = c.theirs
  return [
    { label: 'Outcome', theirs: t?.outcome ? reviewOutcomeLabels[t.outcome] : null, mine: c.mine.outcome ? reviewOutcomeLabels[c.mine.outcome] : null },
    { label: 'Note', theirs: t?.outcomeNote ?? null, mine: c.mine.note || null },
    { label: 'Review date', theirs: t?.reviewDate ? ukDate(t.reviewDate) : null, mine: c.mine.reviewDate ? ukDate(c.mine.reviewDate) : null },
    { label: 'Next review', theirs: t?.nextReviewDate ? ukDate(t.nextReviewDate) : null, mine: c.mine.nextReviewDate ? ukDate(c.mine.nextReviewDate) : null }
  ]
}

/**
 * A text box whose `problem` (a required note left empty) is said beside it once a save is
 * tried, as the date fields' are: the form checks it (setCustomValidity), and its invalid
 * event shows the note.
 */
function TextField({
  label,
  errorId,
  value,
  onChange,
  rows,
  maxLength,
  required,
  problem
}: {
  label: string
  errorId: string
  value: string
  onChange: (value: string) => void
  rows: number
  maxLength: number
  required: boolean
  problem: string | undefined
}): ReactNode {
  const input = useRef<HTMLTextAreaElement>(null)
  const [tried, setTried] = useState(false)
  useEffect(() => input.current?.setCustomValidity(problem ?? ''), [problem])
  const shown = tried ? problem : undefined
  return (
    <>
      <label className="block">
        {label}
        <textarea
          ref={input}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onInvalid={() => setTried(true)}
          rows={rows}
          maxLength={maxLength}
          required={required}
          aria-invalid={!!shown || undefined}
          aria-describedby={shown ? errorId : undefined}
        />
      </label>
      <FieldNote id={errorId} message={shown} />
    </>
  )
}

/**
 * The outcome form. Correcting starts from the recorded outcome and asks why; Escape or
 * Cancel leaves the outcome as it was.
 */
function OutcomeForm({
  item,
  today,
  onRecorded,
  onConflict,
  conflicted,
  correcting
}: {
  item: ReviewItemDetail
  today: string
  onRecorded: (row: ReviewItemRow) => void
  onConflict: (c: ReviewConflict) => void
  conflicted: boolean
  correcting?: { onCancel: () => void }
}): ReactNode {
  const initial: { outcome: ReviewOutcome | ''; note: string; reviewDate: string; nextReviewDate: string } = {
    outcome: (correcting && item.outcome) || '',
    note: (correcting && item.outcomeNote) || '',
    reviewDate: (correcting && item.reviewDate) || (today < item.cycle.startDate ? item.cycle.startDate : today),
    nextReviewDate: (correcting && item.nextReviewDate) || ''
  }
  const [outcome, setOutcome] = useState<ReviewOutcome | ''>(initial.outcome)
  const [note, setNote] = useState(initial.note)
  const [reviewDate, setReviewDate] = useState(initial.reviewDate)
  const [nextReviewDate, setNextReviewDate] = useState(initial.nextReviewDate)
  const [correctionReason, setCorrectionReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error>()
  const form = useRef<HTMLFormElement>(null)
  // What each text box will say beside itself once a save is tried (TextField).
  const noteProblem = outcome && !note.trim() ? missingNote[outcome] : undefined
  const reasonProblem = correcting && !correctionReason.trim() ? missingCorrectionReason : undefined
  const opensToCorrect = correcting !== undefined
  useEffect(() => {
    // Opened to correct: the keyboard starts on the outcome recorded, as the radios would
    // (once: a refresh of the page while typing must not pull the focus back).
    if (opensToCorrect) form.current?.querySelector<HTMLInputElement>('input[name="outcome"]:checked')?.focus()
  }, [opensToCorrect])
  const submit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault()
    if (!outcome) return
    // Each field at fault says why beside itself (checking fires its invalid event), and the
    // first takes the focus: the browser's own popup would say it on one field, off the page.
    const controls = [...e.currentTarget.elements] as HTMLInputElement[]
    if (!e.currentTarget.checkValidity()) return controls.find((c) => c.validity && !c.validity.valid)?.focus()
    setBusy(true)
    setError(undefined)
    const fields = {
      itemId: item.id,
      outcome,
      note: note.trim() || undefined,
      reviewDate,
      nextReviewDate: nextReviewDate || undefined,
      expectedVersion: item.version
    }
    try {
      onRecorded(
        correcting
          ? await callApi('correctReviewOutcome', { ...fields, correctionReason: correctionReason.trim() })
          : await callApi('recordReviewOutcome', fields)
      )
    } catch (err) {
      const refused = conflictCurrent<ReviewItemRow>(err)
      if (refused && err instanceof ApiCallError)
        onConflict({ message: err.message, theirs: refused.current, mine: { outcome, note, reviewDate, nextReviewDate }, loaded: false })
      else setError(err as Error)
    } finally {
      setBusy(false)
    }
  }
  const unsaved =
    conflicted ||
    correctionReason.trim() !== '' ||
    outcome !== initial.outcome ||
    note.trim() !== initial.note.trim() ||
    (correcting !== undefined && (reviewDate !== initial.reviewDate || nextReviewDate !== initial.nextReviewDate))
  const needsNote = outcome !== '' && missingNote[outcome] !== undefined
  return (
    <form
      ref={form}
      className="outcome-form"
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        if (correcting && e.key === 'Escape') {
          e.preventDefault()
          correcting.onCancel()
        }
      }}
      aria-label={correcting ? 'Correct the outcome' : 'Record the outcome'}
      {...{ [unsavedAttribute]: String(unsaved) }}
    >
      <fieldset>
        <legend>Choose the outcome</legend>
        {reviewOutcomes.map((o) => (
          <label key={o} className="outcome-choice">
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} required />
            <span>
              <strong>{reviewOutcomeLabels[o]}</strong> <span className="muted">{outcomeHelp[o]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <TextField
        label={`${outcome === 'plan_confirmed' ? 'Oversight note' : outcome === 'refer_kdm' ? 'Question for legal advice' : 'Note'}${needsNote ? ' (required)' : ' (optional)'}`}
        errorId="review-note-error"
        value={note}
        onChange={setNote}
        rows={4}
        maxLength={4000}
        required={needsNote}
        problem={noteProblem}
      />
      <div className="toolbar">
        <DateField id="review-date" label="Review date" value={reviewDate} min={item.cycle.startDate} max={today} required onChange={setReviewDate} />
        <DateField
          id="review-next-date"
          label={outcome === 'plan_confirmed' ? 'Next oversight review (required)' : 'Next review (optional)'}
          value={nextReviewDate}
          min={reviewDate || undefined}
          max={reviewDate ? latestFollowUp(reviewDate) : undefined}
          required={outcome === 'plan_confirmed'}
          onChange={setNextReviewDate}
        />
        {!correcting && (
          <KeepFocusButton type="submit" className="primary" inactive={busy || !outcome}>
            {busy ? 'Recording…' : 'Record outcome'}
          </KeepFocusButton>
        )}
      </div>
      {correcting && (
        <>
          <TextField
            label="Reason for the correction (required)"
            errorId="review-reason-error"
            value={correctionReason}
            onChange={setCorrectionReason}
            rows={2}
            maxLength={2000}
            required
            problem={reasonProblem}
          />
          <div className="toolbar">
            <KeepFocusButton type="submit" className="primary" inactive={busy || !outcome}>
              {busy ? 'Saving…' : 'Save correction'}
            </KeepFocusButton>
            <KeepFocusButton onClick={correcting.onCancel} inactive={busy}>
              Cancel
            </KeepFocusButton>
          </div>
        </>
      )}
      {error && <ErrorState error={error} />}
    </form>
  )
}

function Facts({ item }: { item: ReviewItemDetail }): ReactNode {
  const s = item.snapshot
  // The council's own drift threshold (set on the tracker) says when moves make a placement unstable.
  const unstableFrom = useCall('getDriftThresholds', {}).data?.placementsIn12Months
  const rows: [string, ReactNode][] = [
    ['Cohort', cohortLabels[item.cohort]],
    ['Legal status', `${legalStatusName(s.ls)} since ${ukDate(s.legalStatusSince)}`],
    ['Time on the order', `${duration(item.daysOnOrder)} at ${ukDate(item.cycle.startDate)}`],
    ['In care since', s.periodStart ? ukDate(s.periodStart) : 'before the records begin'],
    [
      'Placement',
      `${placementName(s.placement) || 'unknown'}${s.placementProvider ? `, ${providerName(s.placementProvider)}` : ''} since ${s.placementStart ? ukDate(s.placementStart) : 'before the records begin'}`
    ],
    ['Carer', s.carer ?? 'none recorded'],
    [
      'Stability',
      `${s.placementsLast12Months} placement${s.placementsLast12Months === 1 ? '' : 's'} in the 12 months to ${ukDate(item.cycle.startDate)}${unstableFrom !== undefined && s.placementsLast12Months >= unstableFrom ? ` (${unstableFrom} or more: unstable)` : ''}`
    ],
    ['Permanence status', statusLabels[s.status]],
    ['Last panel look', s.lastPanelDate ? ukDate(s.lastPanelDate) : 'never'],
    ['Last oversight', s.lastOversightDate ? ukDate(s.lastOversightDate) : 'none in this period of care']
  ]
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  )
}

/** After an outcome, straight on to the next child still waiting in the cycle. */
function NextToReview({ cycleId, takeFocus }: { cycleId: number; takeFocus: boolean }): ReactNode {
  const cycle = useCall('reviewCycle', { cycleId })
  const next = cycle.data?.items.find((i) => i.outcome === null)
  // Recording removes the form, and the focus with it: a keyboard user carries on from here.
  const landing = useRef<HTMLParagraphElement>(null)
  const loaded = cycle.data !== undefined
  useEffect(() => {
    if (takeFocus && loaded) (landing.current?.querySelector('button') ?? landing.current)?.focus()
  }, [takeFocus, loaded])
  if (!cycle.data) return null
  return (
    <p className="no-print" ref={landing} tabIndex={-1}>
      {next ? (
        <button type="button" className="primary" onClick={() => navigate('review-item', String(next.id))}>
          Next child to review: {next.name}
        </button>
      ) : (
        'Every child in this cycle now has an outcome.'
      )}
    </p>
  )
}

/** One child's review: what the Head of Service needs to see, and the outcome. */
export function ReviewItemPage({ itemId }: { itemId: number }): ReactNode {
  const item = useCall('reviewItem', { itemId }, { live: true })
  // Kept by the page, so the user's text stays on screen after their version is loaded.
  const [conflict, setConflict] = useState<ReviewConflict>()
  const [recorded, setRecorded] = useState(false)
  const [correcting, setCorrecting] = useState(false)
  const [notice, setNotice] = useState<string>()
  const noticeRef = useRef<HTMLParagraphElement>(null)
  const correctButton = useRef<HTMLButtonElement>(null)
  // The form goes when a correction is saved or cancelled, and the focus with it: it lands on
  // the notice of what was saved, or back on the button that opened the form.
  const [returnFocus, setReturnFocus] = useState(false)
  useEffect(() => {
    if (notice) noticeRef.current?.focus()
  }, [notice])
  useEffect(() => {
    if (!returnFocus) return
    correctButton.current?.focus()
    setReturnFocus(false)
  }, [returnFocus])
  const stopCorrecting = (): void => {
    setCorrecting(false)
    setConflict(undefined)
    setReturnFocus(true)
  }
  const info = useCall('appInfo', {})
  if (item.error) return <ErrorState error={item.error} onRetry={item.reload} />
  if (!item.data || !info.data) return <Loading what="the review" />
  const d = item.data
  const open = d.cycle.status === 'open'
  return (
    <section className="review-item">
      <p className="no-print">
        <a href={href('review', String(d.cycleId))}>← {d.cycle.label}</a> · {d.cycle.progress.reviewed} of {d.cycle.progress.total} reviewed
      </p>
      <h1>
        {d.name} <span className="muted">{d.childId}</span>
      </h1>
      <p>
        Born {d.dob ? ukDate(d.dob) : 'unknown'} · <a href={href('child', d.childId)}>Child's record</a>
      </p>
      {d.changes.length > 0 && (
        <div className="state warn" role="note">
          <strong>Changed since the cycle opened</strong>
          <ul>
            {d.changes.map((c) => (
              <li key={c.kind}>{c.detail}</li>
            ))}
          </ul>
          The child stays in this cycle; the facts below are as on {ukDate(d.cycle.startDate)}.
        </div>
      )}
      <div className="review-columns">
        <div>
          <h2>As on {ukDate(d.cycle.startDate)}</h2>
          <Facts item={d} />
        </div>
        <div>
          <h2>Outcome</h2>
          {conflict && (
            <ConflictNotice
              message={conflict.message}
              fields={conflictFields(conflict)}
              loaded={conflict.loaded}
              onLoadTheirs={() => {
                setConflict({ ...conflict, loaded: true })
                item.reload()
              }}
            />
          )}
          {notice && (
            <p className="state" role="status" tabIndex={-1} ref={noticeRef}>
              {notice}
            </p>
          )}
          {d.outcome && correcting && open ? (
            <OutcomeForm
              item={d}
              today={info.data.today}
              correcting={{ onCancel: stopCorrecting }}
              onRecorded={(row) => {
                setConflict(undefined)
                setCorrecting(false)
                setNotice(correctedNotice(row.outcome, d.onAgenda))
              }}
              onConflict={setConflict}
              conflicted={conflict !== undefined && !conflict.loaded}
            />
          ) : d.outcome ? (
            <div className="state outcome-recorded" data-testid="recorded-outcome">
              <strong>{reviewOutcomeLabels[d.outcome]}</strong>
              {d.outcomeNote && <div>{d.outcomeNote}</div>}
              <div className="muted">
                Reviewed {ukDate(d.reviewDate)} by {d.reviewedBy}
                {d.nextReviewDate && ` · next review ${ukDate(d.nextReviewDate)}`}
              </div>
              {d.corrections.map((c) => (
                <div key={c.at} className="muted">
                  Corrected by {c.by} on {ukDateTime(c.at)} (was {reviewOutcomeLabels[c.was]}): {c.reason}
                </div>
              ))}
              {open && (
                <div className="no-print">
                  <button
                    type="button"
                    ref={correctButton}
                    onClick={() => {
                      setNotice(undefined)
                      setCorrecting(true)
                    }}
                  >
                    Correct outcome
                  </button>
                </div>
              )}
            </div>
          ) : d.cycle.status === 'closed' ? (
            <p>This cycle is closed; no outcome was recorded.</p>
          ) : (
            <OutcomeForm
              item={d}
              today={info.data.today}
              onRecorded={() => {
                setConflict(undefined)
                setRecorded(true)
              }}
              onConflict={setConflict}
              conflicted={conflict !== undefined && !conflict.loaded}
            />
          )}
          <OnAgenda entries={d.onAgenda} />
          <LegalPermanence item={d} open={open} />
          {d.outcome && !correcting && <NextToReview cycleId={d.cycleId} takeFocus={recorded} />}
        </div>
      </div>
      <h2>Legal-status history</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Legal status</th>
            <th>From</th>
            <th>To</th>
          </tr>
        </thead>
        <tbody>
          {d.legalStatusHistory.map((s) => (
            <tr key={s.from}>
              <td>{legalStatusName(s.ls)}</td>
              <td>{ukDate(s.from)}</td>
              <td>{s.to ? ukDate(s.to) : 'current'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Panel</h2>
      {d.panelHistory.length === 0 ? (
        <p className="muted">Never considered by the Permanence Panel.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Date</th>
              <th>Outcome</th>
              <th>Reasons</th>
            </tr>
          </thead>
          <tbody>
            {d.panelHistory.map((p, i) => (
              <tr key={i}>
                <td>{ukDate(p.date)}</td>
                <td>{outcomeLabels[p.outcome]}</td>
                <td>{p.reasons}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Oversight notes</h2>
      {d.oversightNotes.length === 0 ? (
        <p className="muted">No management oversight recorded.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Date</th>
              <th>Manager</th>
              <th>Note</th>
              <th>Next review</th>
            </tr>
          </thead>
          <tbody>
            {d.oversightNotes.map((o, i) => (
              <tr key={i}>
                <td>{ukDate(o.date)}</td>
                <td>{o.manager}</td>
                <td>
                  {o.note}
                  {o.source === 'review' && <span className="muted"> (Head of Service review)</span>}
                </td>
                <td>{ukDate(o.nextReviewDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** What a correction did, and, when it takes back a referral, that the panel still has the child on its agenda. */
function correctedNotice(outcome: ReviewOutcome | null, onAgenda: readonly PendingAgendaEntry[]): string {
  const done = `Outcome corrected to “${outcome ? reviewOutcomeLabels[outcome] : ''}”; the reason is kept with the review.`
  const next = onAgenda[0]
  if (outcome === 'refer_panel' || !next) return done
  return `${done} The child is still on the agenda of the Permanence Panel on ${ukDate(next.date)}: the panel chair sees there that the referral was corrected, and decides whether they stay.`
}

/** The panels still to consider the child, linked, so the Head of Service can see what a referral led to. */
function OnAgenda({ entries }: { entries: readonly PendingAgendaEntry[] }): ReactNode {
  if (entries.length === 0) return null
  return (
    <p className="muted" data-testid="on-agenda">
      On the agenda of the Permanence Panel on{' '}
      {entries.map((e, i) => (
        <span key={e.meetingId}>
          {i > 0 && ', '}
          <a href={href('panel', String(e.meetingId))}>{ukDate(e.date)}</a>
        </span>
      ))}
      .
    </p>
  )
}
