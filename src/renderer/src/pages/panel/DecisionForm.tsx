import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { decisionOutcomes, outcomeLabels, type DecisionOutcome, type PanelDecision } from '../../../../shared/api'

export interface DecisionInput {
  outcome: DecisionOutcome
  returnDate: string | null
  reasons: string
  conditions: string | null
  support: string | null
  dissent: string | null
  actions: { description: string; owner: string; dueDate: string | null }[]
  amendmentReason: string
}

interface Props {
  childName: string
  /** 'amend' corrects a signed decision: a reason is required and actions are added separately. */
  mode: 'record' | 'amend'
  initial: PanelDecision | null
  defaultOwner: string | null
  /** Resolves to an error message to show, or null when saved. */
  onSubmit: (input: DecisionInput) => Promise<string | null>
  onCancel?: () => void
  /** Take the focus when shown: true when the chair opened it or saved the previous one, not while planning. */
  autoFocus: boolean
}

const emptyAction = (owner: string | null) => ({ description: '', owner: owner ?? '', dueDate: null as string | null })

/**
 * Built for recording during the meeting: focus starts on the outcome, keys 1-4 pick it,
 * Tab walks the fields in order, Ctrl+Enter saves from anywhere in the form.
 */
export function DecisionForm({ childName, mode, initial, defaultOwner, onSubmit, onCancel, autoFocus }: Props): ReactNode {
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(initial?.outcome ?? null)
  const [returnDate, setReturnDate] = useState(initial?.returnDate ?? '')
  const [reasons, setReasons] = useState(initial?.reasons ?? '')
  const [conditions, setConditions] = useState(initial?.conditions ?? '')
  const [support, setSupport] = useState(initial?.support ?? '')
  const [dissent, setDissent] = useState(initial?.dissent ?? '')
  const [amendmentReason, setAmendmentReason] = useState('')
  const [actions, setActions] = useState(
    initial && mode === 'record' ? initial.actions.filter((a) => !a.doneAt).map((a) => ({ description: a.description, owner: a.owner, dueDate: a.dueDate })) : []
  )
  const [problem, setProblem] = useState<string>()
  const [saving, setSaving] = useState(false)
  const first = useRef<HTMLInputElement>(null)
  // Labels point at their fields by id: a label wrapping a textarea would take the text typed into its name.
  const id = useId()
  useEffect(() => {
    if (autoFocus) first.current?.focus()
  }, [autoFocus])

  const dated = outcome === 'deferred' || outcome === 'oversight'
  const submit = async (): Promise<void> => {
    if (!outcome) return setProblem('Choose an outcome (keys 1-4).')
    if (!reasons.trim()) return setProblem("Give the panel's reasons.")
    if (dated && !returnDate) return setProblem(outcome === 'deferred' ? 'A deferral needs the date it returns to panel.' : 'Oversight needs a review date.')
    if (mode === 'amend' && !amendmentReason.trim()) return setProblem('Say why the signed decision is being corrected.')
    const incomplete = actions.find((a) => !a.description.trim() || !a.owner.trim())
    if (incomplete) return setProblem('Each action needs a description and an owner (or remove it).')
    setProblem(undefined)
    setSaving(true)
    const failed = await onSubmit({
      outcome, returnDate: dated ? returnDate : null, reasons, conditions: conditions || null, support: support || null, dissent: dissent || null, actions, amendmentReason
    })
    setSaving(false)
    if (failed) setProblem(failed)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void submit()
    }
  }
  const onOutcomeKey = (e: KeyboardEvent<HTMLFieldSetElement>): void => {
    const n = Number(e.key)
    if (n >= 1 && n <= decisionOutcomes.length) {
      e.preventDefault()
      setOutcome(decisionOutcomes[n - 1])
    }
  }

  return (
    <form
      className="decision-form"
      noValidate
      aria-label={`${mode === 'amend' ? 'Amend decision' : 'Decision'} for ${childName}`}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <fieldset className="outcomes" onKeyDown={onOutcomeKey}>
        <legend>Outcome (keys 1-4)</legend>
        {decisionOutcomes.map((o, i) => (
          <label key={o}>
            <input ref={i === 0 ? first : undefined} type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {i + 1}. {outcomeLabels[o]}
          </label>
        ))}
      </fieldset>
      {dated && (
        <label>
          {outcome === 'deferred' ? 'Return to panel by' : 'Management review date'}{' '}
          <input type="date" value={returnDate} onChange={(e) => setReturnDate(e.target.value)} required />
        </label>
      )}
      <label className="wide" htmlFor={`${id}-reasons`}>
        Reasons
      </label>
      <textarea id={`${id}-reasons`} className="wide" rows={2} value={reasons} onChange={(e) => setReasons(e.target.value)} />
      <label className="wide" htmlFor={`${id}-conditions`}>
        Conditions
      </label>
      <textarea id={`${id}-conditions`} className="wide" rows={1} value={conditions} onChange={(e) => setConditions(e.target.value)} />
      <label className="wide" htmlFor={`${id}-support`}>
        Support and training for the carers
      </label>
      <textarea id={`${id}-support`} className="wide" rows={1} value={support} onChange={(e) => setSupport(e.target.value)} />
      <label className="wide" htmlFor={`${id}-dissent`}>
        Dissent
      </label>
      <textarea id={`${id}-dissent`} className="wide" rows={1} value={dissent} onChange={(e) => setDissent(e.target.value)} />
      {mode === 'amend' ? (
        <>
          <label className="wide" htmlFor={`${id}-amendmentReason`}>
            Reason for the amendment
          </label>
          <textarea id={`${id}-amendmentReason`} className="wide" rows={1} value={amendmentReason} onChange={(e) => setAmendmentReason(e.target.value)} />
        </>
      ) : (
        <fieldset className="actions-edit">
          <legend>Actions</legend>
          {actions.map((a, i) => (
            <div key={i} className="form-row">
              <label>
                Action <input type="text" value={a.description} onChange={(e) => setActions(actions.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))} />
              </label>
              <label>
                Owner <input type="text" value={a.owner} onChange={(e) => setActions(actions.map((x, j) => (j === i ? { ...x, owner: e.target.value } : x)))} />
              </label>
              <label>
                Due <input type="date" value={a.dueDate ?? ''} onChange={(e) => setActions(actions.map((x, j) => (j === i ? { ...x, dueDate: e.target.value || null } : x)))} />
              </label>
              <button type="button" onClick={() => setActions(actions.filter((_, j) => j !== i))} aria-label={`Remove action ${i + 1}`}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setActions([...actions, emptyAction(defaultOwner)])}>
            Add action
          </button>
        </fieldset>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="form-row">
        <button type="submit" className="primary" disabled={saving}>
          {mode === 'amend' ? 'Save amendment' : 'Save decision'} <span className="muted-key">Ctrl+Enter</span>
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}
