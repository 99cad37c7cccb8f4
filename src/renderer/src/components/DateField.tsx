import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { parseTime, parseUkDate, ukDate } from '../../../shared/days'
import './DateField.css'

/**
 * Date and time inputs that always read and write the UK way (DD/MM/YYYY, 24-hour
 * HH:MM). The browser's own date and time inputs show the operating system's locale
 * (11/30/2026, 2:30 PM), so these are text inputs with their own parsing: the value in
 * and out stays ISO `YYYY-MM-DD` / `HH:MM`, or '' for nothing (or nothing valid) typed.
 */
interface FieldProps {
  id: string
  label: ReactNode
  /** ISO `YYYY-MM-DD` for a date, `HH:MM` for a time; '' for none. */
  value: string
  onChange: (value: string) => void
  /** Called when the field loses focus, with its value then ('' when empty or invalid). */
  onBlur?: (value: string) => void
  /** Form field name: a hidden input carries the ISO value, so FormData reads it. */
  name?: string
  required?: boolean
  disabled?: boolean
  /** Extra class for the wrapper (e.g. a form's column layout). */
  className?: string
}

export interface DateFieldProps extends FieldProps {
  /** Earliest allowed date, ISO. Without it, 01/01/1900. */
  min?: string
  /** Latest allowed date, ISO. Without it, 31/12/2099. */
  max?: string
}

const earliest = '1900-01-01'
const latest = '2099-12-31'

type Checked = { value: string; error: string | null }

function checkDate(text: string, required: boolean, min = earliest, max = latest): Checked {
  if (!text.trim()) return { value: '', error: required ? 'Enter a date as DD/MM/YYYY.' : null }
  const iso = parseUkDate(text)
  if (!iso) {
    const shaped = /^\d{1,2}\s*[/.\- ]\s*\d{1,2}\s*[/.\- ]\s*\d{4}$/.test(text.trim())
    return { value: '', error: shaped ? `${text.trim()} is not a real date.` : 'Enter a date as DD/MM/YYYY, for example 31/03/2020.' }
  }
  if (iso < min) return { value: '', error: `The date must be on or after ${ukDate(min)}.` }
  if (iso > max) return { value: '', error: `The date must be on or before ${ukDate(max)}.` }
  return { value: iso, error: null }
}

function checkTime(text: string, required: boolean): Checked {
  if (!text.trim()) return { value: '', error: required ? 'Enter a time as HH:MM (24-hour).' : null }
  const time = parseTime(text)
  return time ? { value: time, error: null } : { value: '', error: 'Enter a time as HH:MM on the 24-hour clock, for example 14:30.' }
}

interface TextFieldProps extends FieldProps {
  check: (text: string) => Checked
  display: (value: string) => string
  hint: string
  placeholder: string
  size: number
}

function CheckedTextField({
  id,
  label,
  value,
  onChange,
  onBlur,
  name,
  required = false,
  disabled,
  className,
  check,
  display,
  hint,
  placeholder,
  size
}: TextFieldProps): ReactNode {
  const [text, setText] = useState(() => display(value))
  // Errors appear once the person has left the field (or tried to submit), not while they type.
  const [touched, setTouched] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const checked = check(text)
  const hintId = useId()
  const errorId = `${id}-error`
  const showError = touched && checked.error !== null

  // A new value from outside (a reset, another control) replaces what is typed; the
  // value this field itself reported does not.
  useEffect(() => {
    if (value !== checked.value) {
      setText(display(value))
      setTouched(false)
    }
  }, [value])

  // The browser refuses to submit a form while this is set, as for its own inputs.
  useEffect(() => {
    input.current?.setCustomValidity(checked.error ?? '')
  }, [checked.error])

  return (
    <span className={`uk-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        size={size}
        value={text}
        required={required}
        disabled={disabled}
        aria-invalid={showError || undefined}
        aria-describedby={showError ? `${hintId} ${errorId}` : hintId}
        onChange={(e) => {
          const next = e.target.value
          setText(next)
          const v = check(next).value
          if (v !== value) onChange(v)
        }}
        onBlur={() => {
          setTouched(true)
          if (checked.value) setText(display(checked.value))
          onBlur?.(checked.value)
        }}
        onInvalid={() => setTouched(true)}
      />
      <span id={hintId} className="uk-field-hint">
        {hint}
      </span>
      {name && <input type="hidden" name={name} value={checked.value} />}
      {showError && (
        <span id={errorId} className="uk-field-error" role="alert">
          {checked.error}
        </span>
      )}
    </span>
  )
}

/** A date typed as DD/MM/YYYY (or D/M/YYYY); value in and out as ISO `YYYY-MM-DD` or ''. */
export function DateField({ min, max, ...props }: DateFieldProps): ReactNode {
  return (
    <CheckedTextField
      {...props}
      check={(text) => checkDate(text, props.required ?? false, min || earliest, max || latest)}
      display={ukDate}
      hint="Format DD/MM/YYYY"
      placeholder="DD/MM/YYYY"
      size={10}
    />
  )
}

/** A time of day typed on the 24-hour clock as HH:MM; value in and out as `HH:MM` or ''. */
export function TimeField(props: FieldProps): ReactNode {
  return (
    <CheckedTextField
      {...props}
      check={(text) => checkTime(text, props.required ?? false)}
      display={(v) => v}
      hint="24-hour clock, HH:MM"
      placeholder="HH:MM"
      size={5}
    />
  )
}
