import { useId, type ReactNode } from 'react'
import { ApiCallError } from '../api'

/** One field as the other person left it and as this user typed it. */
export interface ConflictField {
  label: string
  theirs: string | null
  mine: string | null
}

/** The row as the other person left it, from a conflict's details (null: they removed it). */
export function conflictCurrent<T>(error: unknown): { current: T | null } | null {
  if (!(error instanceof ApiCallError) || error.code !== 'conflict') return null
  const details = error.details as { current?: T | null } | undefined
  return details && 'current' in details ? { current: details.current ?? null } : null
}

const shown = (value: string | null): ReactNode => (value && value.trim() ? value : <span className="muted">(empty)</span>)

/**
 * A save refused because someone else changed the record first: who, when and what (the
 * core's message), their values beside the user's unsaved ones (selectable, to copy), and
 * "Load their version". Nothing the user typed is thrown away by showing this.
 */
export function ConflictNotice({
  message,
  fields,
  loaded,
  onLoadTheirs
}: {
  message: string
  fields: ConflictField[]
  loaded: boolean
  onLoadTheirs: () => void
}): ReactNode {
  const id = useId()
  const changed = fields.filter((f) => (f.theirs ?? '') !== (f.mine ?? ''))
  return (
    <div className="conflict" role="alert" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>Not saved: someone else changed this first.</strong> {message}
      </p>
      {loaded && <p>Their version is now in the form. Your text is kept below: copy what you still need, then save.</p>}
      {changed.length > 0 && (
        <table className="table conflict-table">
          <caption className="visually-hidden">Their version and yours</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Their version (saved)</th>
              <th scope="col">Your text (not saved)</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((f) => (
              <tr key={f.label}>
                <th scope="row">{f.label}</th>
                <td className="conflict-theirs">{shown(f.theirs)}</td>
                <td className="conflict-mine">{shown(f.mine)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!loaded && (
        <button type="button" onClick={onLoadTheirs}>
          Load their version
        </button>
      )}
    </div>
  )
}
