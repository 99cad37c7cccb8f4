import { useState, type FormEvent, type ReactNode } from 'react'
import { driftLabel, groupLabels, outcomeLabels, statusLabels, type ChildTimeline } from '../../../shared/api'
import { useCall, useWrite } from '../api'
import { DateField } from '../components/DateField'
import { ErrorState, Loading } from '../components/States'
import { useMayChange } from '../me'
import { cameFrom, href, parseHash } from '../router'
import { ChildReviews } from './review/ChildReviews'
import { CarePlanSection } from './child/CarePlanSection'
import { CarersSection } from './child/CarersSection'
import { placementName, providerName } from './tracker/codes'
import { ukDate } from '../../../shared/days'
import { latestFollowUp } from '../../../shared/follow-up'
import { codeWithMeaning } from '../../../shared/ssda903-codes'
import { duration } from './tracker/dates'
import { countOf } from '../../../shared/plural'
import { KeepFocusButton } from '../components/KeepFocusButton'

/** A child's permanence on one page: status on the date, care episodes, panel and oversight events, actions. */
export function ChildPage({ childId, initialDate }: { childId: string; initialDate?: string | null }): ReactNode {
  const info = useCall('appInfo', {})
  const [picked, setPicked] = useState<string | null>(initialDate ?? null)
  const asOf = picked ?? info.data?.today ?? null
  if (info.error) return <ErrorState error={info.error} onRetry={info.reload} />
  if (!asOf) return <Loading what="the child's record" />
  return <Timeline childId={childId} asOf={asOf} today={info.data?.today ?? asOf} onDate={setPicked} />
}

/** Opened from a meeting or a review (a suggestion, the agenda, the review screen): a way straight back to it. */
function BackToMeeting(): ReactNode {
  const [from] = useState(cameFrom)
  const route = from === null ? null : parseHash(from)
  const label = route?.page === 'panel' && route.params.length > 0 ? 'the meeting' : route?.page === 'review-item' ? 'the review' : null
  if (!from || !label) return null
  return (
    <>
      <a href={from}>← Back to {label}</a> ·{' '}
    </>
  )
}

function Timeline({ childId, asOf, today, onDate }: { childId: string; asOf: string; today: string; onDate: (d: string) => void }): ReactNode {
  const timeline = useCall('childTimeline', { childId, asOf }, { live: true })
  const mayAddOversight = useMayChange('oversight')
  if (timeline.error) return <ErrorState error={timeline.error} onRetry={timeline.reload} />
  if (!timeline.data) return <Loading what="the child's record" />
  const t = timeline.data
  return (
    <section className="child-record">
      <p className="no-print">
        <BackToMeeting />
        <a href={`${href('tracker')}?asOf=${asOf}`}>← Permanence tracker</a> · <a href={href('children')}>Children</a>
      </p>
      <h1>
        {t.name} <span className="muted">{t.childId}</span>
      </h1>
      <div className="toolbar">
        <DateField id="child-date" label="On" value={asOf} onChange={(v) => v && onDate(v)} />
        <span>Born {ukDate(t.dob) || 'unknown'}</span>
      </div>
      <Status timeline={t} />
      <CarersSection childId={t.childId} />
      <CarePlanSection childId={t.childId} placedWithParents={t.tracker?.flags.includes('placed_with_parents') ?? false} />
      <h2>Permanence events</h2>
      {t.events.length === 0 ? (
        <p className="muted">No panel decisions or oversight recorded.</p>
      ) : (
        <table className="table" data-testid="events">
          <thead>
            <tr>
              <th>Date</th>
              <th>Event</th>
              <th>Outcome</th>
              <th>By</th>
              <th>Note</th>
              <th>Return / next review</th>
            </tr>
          </thead>
          <tbody>
            {t.events.map((e) => (
              <tr key={`${e.kind}-${e.id}`} className={e.superseded ? 'superseded' : undefined}>
                <td>{ukDate(e.date)}</td>
                <td>{e.kind === 'decision' ? 'Panel' : 'Management oversight'}</td>
                <td>
                  {outcomeLabels[e.outcome]}
                  {e.superseded && ' (amended: not counted)'}
                </td>
                <td className="names">{e.by}</td>
                <td>{e.note}</td>
                <td>{ukDate(e.nextReviewDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayAddOversight && <OversightForm childId={t.childId} today={today} />}
      <h2>Care episodes</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Start</th>
            <th>End</th>
            <th>Reason new episode</th>
            <th>Legal status</th>
            <th>Placement</th>
            <th>Provider</th>
            <th>Carer</th>
            <th>Reason ended</th>
          </tr>
        </thead>
        <tbody>
          {[...t.episodes].reverse().map((e) => (
            <tr key={e.id} className={t.tracker?.episodeId === e.id ? 'current' : undefined}>
              <td>{ukDate(e.decom)}</td>
              <td>{e.dec ? ukDate(e.dec) : 'open'}</td>
              <td>{codeWithMeaning('RNE', e.rne)}</td>
              <td>{codeWithMeaning('LS', e.ls)}</td>
              <td>{placementName(e.place)}</td>
              <td>{providerName(e.placeProvider)}</td>
              <td>{e.carer}</td>
              <td>{codeWithMeaning('REC', e.rec)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Actions</h2>
      {t.actions.length === 0 ? (
        <p className="muted">No actions.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Action</th>
              <th>Owner</th>
              <th>Due</th>
              <th>Done</th>
            </tr>
          </thead>
          <tbody>
            {t.actions.map((a) => (
              <tr key={a.id}>
                <td>{a.description}</td>
                <td>{a.owner}</td>
                <td>{ukDate(a.dueDate)}</td>
                <td>{a.doneAt ? ukDate(a.doneAt.slice(0, 10)) : 'open'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ChildReviews childId={t.childId} />
    </section>
  )
}

function Status({ timeline: t }: { timeline: ChildTimeline }): ReactNode {
  const row = t.tracker
  if (!row) return <p data-testid="child-status">Not looked after on {ukDate(t.asOf)}.</p>
  return (
    <dl className="facts" data-testid="child-status">
      <dt>Permanence status</dt>
      <dd className={`status-${row.status}`}>
        {statusLabels[row.status]}
        {row.decisionDate && ` (panel ${ukDate(row.decisionDate)})`}
        {/* A decision listed below that no longer counts needs its reason beside the status. */}
        {row.carersChangedSinceDecision &&
          ` — the panel's decisions in this period of care were about earlier carers; the child has lived with new carers since ${ukDate(row.carersSince) || 'a later placement'}, so their arrangement needs its own decision`}
      </dd>
      <dt>Legal status</dt>
      <dd>
        {groupLabels[row.legalStatusGroup]} ({row.ls ?? 'unknown'}) since {ukDate(row.legalStatusSince)}
      </dd>
      <dt>In care since</dt>
      <dd>{row.periodStart ? ukDate(row.periodStart) : 'before the records begin (the period started before the earliest return held)'}</dd>
      <dt>Placement</dt>
      <dd>
        {placementName(row.placement)}, {providerName(row.placementProvider)} {row.carer ? `with ${row.carer}` : ''}
        {row.placementStart && ` for ${duration(row.placementStart, t.asOf)}`} · {countOf(row.placementsLast12Months, 'placement')} in 12 months
      </dd>
      <dt>Drift</dt>
      <dd>{row.drift.length ? row.drift.map((d) => driftLabel(d, t.thresholds)).join('; ') : 'None'}</dd>
    </dl>
  )
}

function OversightForm({ childId, today }: { childId: string; today: string }): ReactNode {
  const [entryDate, setEntryDate] = useState(today)
  const [manager, setManager] = useState('')
  const [note, setNote] = useState('')
  const [nextReviewDate, setNextReviewDate] = useState('')
  const [recorded, setRecorded] = useState<string | null>(null)
  const adding = useWrite('addOversightEntry')

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    setRecorded(null)
    const added = await adding.run({ childId, entryDate, manager, ...(note.trim() ? { note } : {}), ...(nextReviewDate ? { nextReviewDate } : {}) })
    if (!added.ok) return
    setRecorded(`Oversight entry of ${ukDate(entryDate)} recorded.`)
    setNote('')
    setNextReviewDate('')
  }

  return (
    <details className="no-print oversight-form">
      <summary>Add a management-oversight entry</summary>
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        <DateField id="oversight-date" className="stacked" label="Date" required value={entryDate} max={today} onChange={setEntryDate} />
        <label>
          Manager <input type="text" required value={manager} onChange={(e) => setManager(e.target.value)} maxLength={200} />
        </label>
        <label className="wide">
          Note <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} rows={3} />
        </label>
        <DateField
          id="oversight-next-review"
          className="stacked"
          label="Next review date"
          value={nextReviewDate}
          min={entryDate || undefined}
          max={entryDate ? latestFollowUp(entryDate) : undefined}
          onChange={setNextReviewDate}
        />
        <div>
          <KeepFocusButton type="submit" className="primary" inactive={adding.busy || !manager.trim() || !entryDate}>
            Record oversight
          </KeepFocusButton>
        </div>
        {adding.error ? (
          <p role="alert" className="error-text">
            {adding.error.message}
          </p>
        ) : (
          recorded && <p role="status">{recorded}</p>
        )}
      </form>
    </details>
  )
}
