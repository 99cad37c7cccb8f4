import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react'
import { DateField } from '../../components/DateField'
import { addDays, ukDate } from '../../../../shared/days'
import { latestFollowUp } from '../../../../shared/follow-up'
import { outcomeLabels, type DecisionOutcome, type PanelDecision } from '../../../../shared/api'
import { ApiCallError } from '../../api'
import { ConflictNotice, conflictCurrent, type ConflictField } from '../../components/ConflictNotice'
import { unsavedAttribute } from '../../live'
import { actionFieldId, ActionsEditor, type ActionDraft } from './decision/ActionsEditor'
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
  /** The version of the decision the form was filled from (0: there was none). */
  expectedVersion: number
}

interface Props {
  childName: string
  /** 'amend' corrects a signed decision: a reason is required and actions are added separately. */
  mode: 'record' | 'amend'
  initial: PanelDecision | null
  defaultOwner: string | null
  /** Resolves to the error to show (a conflict is shown beside the typed text), or null when saved. */
  onSubmit: (input: DecisionInput) => Promise<ApiCallError | string | null>
  onCancel?: () => void
  /** The id of the form's first field (the outcome), for moving the focus there. */
  firstFieldId?: string
  /** The meeting's date (ISO): a return or review date falls after it and within a year. */
  meetingDate?: string
  /** What the chair must know before saving (the panel is not quorate, the child is on another open agenda), shown beside Save. */
  warning?: ReactNode
}

type TextField = 'outcome' | 'returnDate' | 'reasons' | 'conditions' | 'support' | 'dissent'
const textFields: [TextField, string][] = [
  ['outcome', 'Outcome'],
  ['returnDate', 'Return or review date'],
  ['reasons', 'Reasons'],
  ['conditions', 'Conditions'],
  ['support', 'Support and training'],
  ['dissent', 'Dissent']
]

const saveLabel = (mode: Props['mode'], outcome: DecisionOutcome | null): string =>
  outcome === null ? 'Save (choose an outcome first)' : `${mode === 'amend' ? 'Save amendment' : 'Save'}: ${outcomeLabels[outcome]}`

/**
 * Built for recording during the meeting. The outcome is chosen explicitly (radios, or keys
 * 1-4 while on them) and named on the save button; Tab walks the fields in order; Ctrl+Enter
 * saves from anywhere in the form. Each part is its own block below, so a section can be
 * added between them.
 */
export function DecisionForm({ childName, mode, initial, defaultOwner, onSubmit, onCancel, firstFieldId, meetingDate, warning }: Props): ReactNode {
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(initial?.outcome ?? null)
  const [returnDate, setReturnDate] = useState(initial?.returnDate ?? '')
  const [reasons, setReasons] = useState(initial?.reasons ?? '')
  const [conditions, setConditions] = useState(initial?.conditions ?? '')
  const [support, setSupport] = useState(initial?.support ?? '')
  const [dissent, setDissent] = useState(initial?.dissent ?? '')
  const [amendmentReason, setAmendmentReason] = useState('')
  const [initialActions] = useState<ActionDraft[]>(() =>
    initial && mode === 'record'
      ? initial.actions.filter((a) => !a.doneAt).map((a) => ({ description: a.description, owner: a.owner, dueDate: a.dueDate }))
      : []
  )
  const [actions, setActions] = useState<ActionDraft[]>(initialActions)
  const [problem, setProblem] = useState<string>()
  const [saving, setSaving] = useState(false)
  const [baseVersion, setBaseVersion] = useState(initial?.version ?? 0)
  const [conflict, setConflict] = useState<{
    message: string
    theirs: PanelDecision | null
    mine: Record<TextField, string>
    myActions: ActionDraft[]
    loaded: boolean
  }>()
  // Labels point at their fields by id: a label wrapping a textarea would take the text typed into its name.
  const id = useId()
  const reasonsField = useRef<HTMLTextAreaElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
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
    const dateNeeded = outcome === 'deferred' ? 'A deferral needs the date it returns to panel.' : 'Oversight needs a review date.'
    // A date that is not a real date reaches the state as none: saving then would drop what
    // was typed without a word. The field at fault takes the focus and shows why, beside it.
    const form = formRef.current
    if (form && !form.checkValidity()) {
      // The first field at fault, not the fieldset around it (a fieldset is :invalid too).
      const bad = Array.from(form.elements).find((e): e is HTMLInputElement => e instanceof HTMLInputElement && !e.validity.valid)
      bad?.focus()
      if (bad && !bad.value.trim()) return setProblem(dateNeeded)
      return setProblem(bad?.required ? 'Correct the date marked above.' : 'Correct the date marked above, or clear it.')
    }
    if (dated && !returnDate) return setProblem(dateNeeded)
    if (!reasons.trim()) return setProblem("Give the panel's reasons.")
    if (mode === 'amend' && !amendmentReason.trim()) return setProblem('Say why the signed decision is being corrected.')
    // The action at fault is named and takes the focus, on its first empty field.
    const incomplete = actions.findIndex((a) => !a.description.trim() || !a.owner.trim())
    if (incomplete >= 0) {
      const field = actions[incomplete]!.description.trim() ? 'owner' : 'description'
      document.getElementById(actionFieldId(id, incomplete, field))?.focus()
      return setProblem(`Action ${incomplete + 1} needs ${field === 'owner' ? 'an owner' : 'a description'} (or remove it).`)
    }
    setProblem(undefined)
    setSaving(true)
    const failed = await onSubmit({
      outcome,
      returnDate: dated ? returnDate : null,
      reasons,
      conditions: conditions || null,
      support: support || null,
      dissent: dissent || null,
      actions,
      amendmentReason,
      expectedVersion: baseVersion
    })
    setSaving(false)
    const refused = conflictCurrent<PanelDecision>(failed)
    if (refused && failed instanceof ApiCallError) {
      setConflict({ message: failed.message, theirs: refused.current, mine: typed(), myActions: actions, loaded: false })
    } else if (failed) {
      setProblem(typeof failed === 'string' ? failed : failed.message)
    }
  }

  const typed = (): Record<TextField, string> => ({ outcome: outcome ? outcomeLabels[outcome] : '', returnDate, reasons, conditions, support, dissent })

  // The other person's decision goes into the form; the user's own text stays in the notice to copy from.
  const loadTheirs = (): void => {
    if (!conflict) return
    const t = conflict.theirs
    setOutcome(t?.outcome ?? null)
    setReturnDate(t?.returnDate ?? '')
    setReasons(t?.reasons ?? '')
    setConditions(t?.conditions ?? '')
    setSupport(t?.support ?? '')
    setDissent(t?.dissent ?? '')
    // Saving replaces the open actions, so theirs come in too (yours stay listed in the notice).
    setActions((t?.actions ?? []).filter((a) => !a.doneAt).map((a) => ({ description: a.description, owner: a.owner, dueDate: a.dueDate })))
    setBaseVersion(t?.version ?? 0)
    setConflict({ ...conflict, loaded: true })
  }

  const conflictFields = (c: NonNullable<typeof conflict>): ConflictField[] => {
    const t = c.theirs
    const theirs: Record<TextField, string | null> = {
      outcome: t ? outcomeLabels[t.outcome] : null,
      returnDate: t?.returnDate ? ukDate(t.returnDate) : null,
      reasons: t?.reasons ?? null,
      conditions: t?.conditions ?? null,
      support: t?.support ?? null,
      dissent: t?.dissent ?? null
    }
    const listed = (list: readonly { description: string; owner: string }[]): string | null =>
      list.map((a) => `${a.description} (${a.owner})`).join('\n') || null
    return [
      ...textFields.map(([field, label]) => ({
        label,
        theirs: theirs[field],
        mine: field === 'returnDate' && c.mine.returnDate ? ukDate(c.mine.returnDate) : c.mine[field] || null
      })),
      ...(mode === 'record' ? [{ label: 'Open actions', theirs: listed((t?.actions ?? []).filter((a) => !a.doneAt)), mine: listed(c.myActions) }] : [])
    ]
  }
  const initialText: Record<TextField, string> = {
    outcome: initial ? outcomeLabels[initial.outcome] : '',
    returnDate: initial?.returnDate ?? '',
    reasons: initial?.reasons ?? '',
    conditions: initial?.conditions ?? '',
    support: initial?.support ?? '',
    dissent: initial?.dissent ?? ''
  }
  // Held back from live refreshes (live.ts) while anything here differs from what was loaded.
  const unsaved =
    conflict !== undefined ||
    amendmentReason !== '' ||
    JSON.stringify(actions) !== JSON.stringify(initialActions) ||
    textFields.some(([f]) => typed()[f] !== initialText[f])

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
      ref={formRef}
      className="decision-form"
      noValidate
      {...{ [unsavedAttribute]: String(unsaved) }}
      aria-label={`${mode === 'amend' ? 'Amend decision' : 'Decision'} for ${childName}`}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <OutcomeChoice value={outcome} onChange={setOutcome} onChosenByKey={setMoveOn} id={firstFieldId} />
      {dated && (
        <DateField
          id={`${id}-returnDate`}
          label={outcome === 'deferred' ? 'Return to panel by' : 'Management review date'}
          value={returnDate}
          onChange={setReturnDate}
          min={meetingDate && addDays(meetingDate, 1)}
          max={meetingDate && latestFollowUp(meetingDate)}
          required
        />
      )}
      {text('reasons', 'Reasons', reasons, setReasons, 2, reasonsField)}
      {text('conditions', 'Conditions', conditions, setConditions)}
      {text('support', 'Support and training for the carers', support, setSupport)}
      {text('dissent', 'Dissent', dissent, setDissent)}
      {mode === 'amend' ? (
        text('amendmentReason', 'Reason for the amendment', amendmentReason, setAmendmentReason)
      ) : (
        <ActionsEditor actions={actions} onChange={setActions} defaultOwner={defaultOwner} idPrefix={id} />
      )}
      {conflict && <ConflictNotice message={conflict.message} fields={conflictFields(conflict)} loaded={conflict.loaded} onLoadTheirs={loadTheirs} />}
      {warning}
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
