import { useId, useState, type ReactNode } from 'react'
import { FieldNote } from '../../components/States'
import { NumberInput } from './NumberInput'

export interface NumberFieldProps {
  label: string
  value: number
  onChange: (n: number) => void
  step?: number
  min?: number
  suffix?: string
  /** What the last costing said is wrong with this field. */
  problem?: string
}

/** A labelled number input of the scenario, with what is wrong with it (or that it is blank) beside it. */
export function NumberField({ label, value, onChange, step = 1, min = 0, suffix, problem }: NumberFieldProps): ReactNode {
  const noteId = useId()
  const [blank, setBlank] = useState(false)
  const note = blank ? `${label} is blank: the figures still use ${value}${suffix === '%' ? '%' : ''} until a number is typed.` : problem
  return (
    <label className="field">
      <span>{label}</span>
      <span>
        <NumberInput
          value={value}
          step={step}
          min={min}
          aria-label={label}
          aria-invalid={note ? true : undefined}
          aria-describedby={note ? noteId : undefined}
          onValue={onChange}
          onBlank={setBlank}
        />
        {suffix && <span className="muted"> {suffix}</span>}
      </span>
      <FieldNote id={noteId} message={note} />
    </label>
  )
}
