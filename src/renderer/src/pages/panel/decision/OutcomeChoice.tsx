import type { KeyboardEvent, ReactNode } from 'react'
import { decisionOutcomes, outcomeLabels, type DecisionOutcome } from '../../../../../shared/api'

interface Props {
  value: DecisionOutcome | null
  onChange: (outcome: DecisionOutcome) => void
  /** Called after a number key chose the outcome, to move the focus on to the next field. */
  onChosenByKey: (outcome: DecisionOutcome) => void
  /** The id of the radio Tab reaches first (the chosen one, else the first), for moving the focus to the form. */
  id?: string
}

/**
 * The outcome, chosen explicitly: nothing is preselected. Keys 1-4 act only while the
 * focus is on these radios (never in a text or date field), and a key choice moves the
 * focus on, so what is typed next (a date, the reasons) goes into the next field and can
 * never change the outcome again.
 */
export function OutcomeChoice({ value, onChange, onChosenByKey, id }: Props): ReactNode {
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.ctrlKey || e.altKey || e.metaKey) return
    const n = Number(e.key)
    const outcome = Number.isInteger(n) && n >= 1 ? decisionOutcomes[n - 1] : undefined
    if (outcome !== undefined) {
      e.preventDefault()
      onChange(outcome)
      onChosenByKey(outcome)
    }
  }
  return (
    <fieldset className="outcomes">
      <legend>
        Outcome <span className="muted small">(keys 1-4 here)</span>
      </legend>
      {decisionOutcomes.map((o, i) => (
        <label key={o} className={value === o ? 'chosen' : undefined}>
          <input
            type="radio"
            id={(value ?? decisionOutcomes[0]) === o ? id : undefined}
            name="outcome"
            value={o}
            checked={value === o}
            onChange={() => onChange(o)}
            onKeyDown={onKeyDown}
          />{' '}
          {i + 1}. {outcomeLabels[o]}
        </label>
      ))}
    </fieldset>
  )
}
