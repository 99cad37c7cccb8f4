import { useEffect, useState, type ReactNode } from 'react'
import { supportChecklistItems, supportChecklistLabels, type Carer, type DecisionAbout, type SupportChecklist } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { useCall, useWrite } from '../../api'

interface Props {
  childId: string
  /** The meeting date: the carers then are the ones a new decision is about. */
  date: string
  decisionId: number | null
}

const names = (carers: readonly Carer[]): string => carers.map((c) => c.name).join(' and ') || 'no carers linked to this placement'

/**
 * Whom a decision is about: before one is recorded, the child's current
 * carers (the decision will name them); after, the carers it names and the support in
 * place, editable until sign-off.
 */
export function DecisionCarers({ childId, date, decisionId }: Props): ReactNode {
  const current = useCall('currentCarers', { childId, date })
  if (decisionId === null) {
    const placement = current.data?.placement
    return (
      <p className="decision-carers muted" data-testid="decision-carers">
        {placement
          ? `Carers: ${names(placement.carers)} (placement from ${ukDate(placement.start)}); a decision recorded now is about them.`
          : current.error
            ? current.error.message
            : 'Carers: not looked after on the meeting date.'}
      </p>
    )
  }
  return <DecisionCarersEdit decisionId={decisionId} offered={current.data?.placement?.carers ?? []} />
}

function DecisionCarersEdit({ decisionId, offered }: { decisionId: number; offered: readonly Carer[] }): ReactNode {
  const about = useCall('getDecisionCarers', { decisionId })
  const [draft, setDraft] = useState<{ carerIds: number[]; checklist: SupportChecklist } | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const saving = useWrite('setDecisionCarers')
  useEffect(() => setDraft(about.data ? { carerIds: about.data.carers.map((c) => c.id), checklist: about.data.checklist } : null), [about.data])
  if (about.error) return <p className="problem">{about.error.message}</p>
  if (!about.data || !draft) return null
  const a: DecisionAbout = about.data
  const choices = [...a.carers, ...offered.filter((o) => !a.carers.some((c) => c.id === o.id))]
  const save = async (): Promise<void> => {
    const saved = await saving.run({ decisionId, placementStart: a.placementStart, ...draft })
    setMessage(saved.ok ? 'Carers and support saved.' : saved.error.message)
  }
  return (
    <fieldset className="decision-carers" data-testid="decision-carers" disabled={a.locked}>
      <legend>
        About the carers{a.placementStart ? ` of the placement from ${ukDate(a.placementStart)}` : ''}: {names(a.carers)}
      </legend>
      {choices.map((c) => (
        <label key={c.id}>
          <input
            type="checkbox"
            checked={draft.carerIds.includes(c.id)}
            onChange={(e) => setDraft({ ...draft, carerIds: e.target.checked ? [...draft.carerIds, c.id] : draft.carerIds.filter((id) => id !== c.id) })}
          />{' '}
          {c.name}
        </label>
      ))}
      <span className="muted">In place:</span>
      {supportChecklistItems.map((k) => (
        <label key={k}>
          <input
            type="checkbox"
            checked={draft.checklist[k]}
            onChange={(e) => setDraft({ ...draft, checklist: { ...draft.checklist, [k]: e.target.checked } })}
          />{' '}
          {supportChecklistLabels[k]}
        </label>
      ))}
      {!a.locked && (
        <button type="button" onClick={() => void save()}>
          Save carers and support
        </button>
      )}
      {message && <span role="status">{message}</span>}
    </fieldset>
  )
}
