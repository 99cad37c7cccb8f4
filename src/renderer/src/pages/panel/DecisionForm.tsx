import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react'
import { DateField } from '../../components/DateField'
import { outcomeLabels, type DecisionOutcome, type PanelDecision } from '../../../../shared/api'
import { ActionsEditor, type ActionDraft } from './decision/ActionsEditor'
import { OutcomeChoice } from './decision/OutcomeChoice'

export interface DecisionInput {
  outcome: DecisionOutcome
  returnDate: string | null
  reasons: string
  conditions: string | null
  support: string | null
  dissent: string | null
  actions: ActionDraft[]
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
}

const saveLabel = (mode: Props['mode'], outcome: DecisionOutcome | null): string =>
  outcome === null ? 'Save (choose an outcome first)' : `${mode === 'amend' ? 'Save amendment' : 'Save'}: ${outcomeLabels[outcome]}`

/**
 * Built for recording during the meeting. The outcome is chosen explicitly (radios, or keys
 * 1-4 while on them) and named on the save button; Tab walks the fields in order; Ctrl+Enter
 * saves from anywhere in the form. Each part is its own block below, so a section can be
 * added between them.
 */
export function DecisionForm({ childName, mode, initial, defaultOwner, onSubmit, onCancel }: Props): ReactNode {
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(initial?.outcome ?? null)
  const [returnDate, setReturnDate] = useState(initial?.returnDate ?? '')
  const [reasons, setReasons] = useState(initial?.reasons ?? '')
  const [conditions, setConditions] = useState(initial?.conditions ?? '')
  const [support, setSupport] = useState(initial?.support ?? '')
  const [dissent, setDissent] = useState(initial?.dissent ?? '')
  const [amendmentReason, setAmendmentReason] = useState('')
  const [actions, setActions] = useState<ActionDraft[]>(
    initial && mode === 'record' ? initial.actions.filter((a) => !a.doneAt).map((a) => ({ description: a.description, owner: a.owner, dueDate: a.dueDate })) : []
  )
  const [problem, setProblem] = useState<string>()
  const [saving, setSaving] = useState(false)
  // Labels point at their fields by id: a label wrapping a textarea would take the text typed into its name.
  const id = useId()
  const reasonsField = useRef<HTMLTextAreaElement>(null)
  const [moveOn, setMoveOn] = useState<DecisionOutcome | null>(null)
  const dated = outcome === 'deferred' || outcome === 'oversight'

  // After a number key, the next field exists only once the outcome has been drawn.
  useEffect(() => {
    if (!moveOn) return
    const next = moveOn === 'deferred' || moveOn === 'oversight' ? document.getElementById(`${id}-returnDate`) : reasonsField.current
    next?.focus()
    setMoveOn(null)
  }, [moveOn, id])

  const submit = async (): Promise<void> => {
    if (!outcome) return setProblem('Choose an outcome (keys 1-4 on the outcome).')
    if (dated && !returnDate) return setProblem(outcome === 'deferred' ? 'A deferral needs the date it returns to panel.' : 'Oversight needs a review date.')
    if (!reasons.trim()) return setProblem("Give the panel's reasons.")
    if (mode === 'amend' && !amendmentReason.trim()) return setProblem('Say why the signed decision is being corrected.')
    if (actions.some((a) => !a.description.trim() || !a.owner.trim())) return setProblem('Each action needs a description and an owner (or remove it).')
    setProblem(undefined)
    setSaving(true)
    const failed = await onSubmit({
      outcome, returnDate: dated ? returnDate : null, reasons, conditions: conditions || null, support: support || null, dissent: dissent || null, actions, amendmentReason
    })
    setSaving(false)
    if (failed) setProblem(failed)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>): void => {
    if (e.key !== 'Enter') return
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault()
      void submit()
    } else if (e.target instanceof HTMLInputElement) {
      // Enter in a one-line field (an action, a date) would submit the form: a decision is saved only on purpose.
      e.preventDefault()
    }
  }

  const text = (field: string, label: string, value: string, set: (v: string) => void, rows = 1, ref?: Ref<HTMLTextAreaElement>): ReactNode => (
    <>
      <label className="wide" htmlFor={`${id}-${field}`}>
        {label}
      </label>
      <textarea ref={ref} id={`${id}-${field}`} className="wide" rows={rows} value={value} onChange={(e) => set(e.target.value)} />
    </>
  )

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
      <OutcomeChoice value={outcome} onChange={setOutcome} onChosenByKey={setMoveOn} />
      {dated && (
        <DateField id={`${id}-returnDate`} label={outcome === 'deferred' ? 'Return to panel by' : 'Management review date'} value={returnDate} onChange={setReturnDate} required />
      )}
      {text('reasons', 'Reasons', reasons, setReasons, 2, reasonsField)}
      {text('conditions', 'Conditions', conditions, setConditions)}
      {text('support', 'Support and training for the carers', support, setSupport)}
      {text('dissent', 'Dissent', dissent, setDissent)}
      {mode === 'amend' ? text('amendmentReason', 'Reason for the amendment', amendmentReason, setAmendmentReason) : <ActionsEditor actions={actions} onChange={setActions} defaultOwner={defaultOwner} />}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="form-row">
        <button type="submit" className="primary" disabled={saving}>
          {saveLabel(mode, outcome)} <span className="muted-key">Ctrl+Enter</span>
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
