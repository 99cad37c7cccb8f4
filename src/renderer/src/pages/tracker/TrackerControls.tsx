import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { DriftThresholds, SavedTrackerView, TrackerViewDefinition } from '../../../../shared/api'
import { ApiCallError, callApi, problemWith, useCall } from '../../api'
import { FieldNote } from '../../components/States'

/** Saved views: pick one to apply it, save the current filters under a name, delete. */
export function SavedViews({ current, onApply }: { current: () => TrackerViewDefinition; onApply: (view: SavedTrackerView) => void }): ReactNode {
  const views = useCall('listTrackerViews', {})
  const [selected, setSelected] = useState('')
  const [name, setName] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  // Saving or deleting disables the button just pressed, which drops the focus to the page body; the list of views is where the result shows.
  const picker = useRef<HTMLSelectElement>(null)

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    try {
      const saved = await callApi('saveTrackerView', { name: name.trim(), definition: current() })
      setMessage(`Saved view “${saved.name}”.`)
      setSelected(String(saved.id))
      setName('')
      picker.current?.focus()
    } catch (error) {
      setMessage(error instanceof ApiCallError ? error.message : String(error))
    }
  }
  const remove = async (): Promise<void> => {
    const view = views.data?.find((v) => String(v.id) === selected)
    if (!view || !window.confirm(`Delete the saved view “${view.name}” for everyone?`)) return
    try {
      await callApi('deleteTrackerView', { id: view.id })
      setSelected('')
      setMessage(`Deleted view “${view.name}”.`)
      picker.current?.focus()
    } catch (error) {
      setMessage(error instanceof ApiCallError ? error.message : String(error))
    }
  }

  return (
    <div className="toolbar saved-views">
      <label>
        Saved view{' '}
        <select
          ref={picker}
          value={selected}
          onChange={(e) => {
            setSelected(e.target.value)
            const view = views.data?.find((v) => String(v.id) === e.target.value)
            if (view) onApply(view)
          }}
        >
          <option value="">{views.data === undefined ? 'Loading views…' : views.data.length ? 'Choose a view…' : 'No saved views yet'}</option>
          {views.data?.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void remove()} disabled={!selected}>
        Delete view
      </button>
      <form onSubmit={(e) => void save(e)} className="inline-form">
        <label>
          Save current filters as <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder="View name" />
        </label>
        <button type="submit" disabled={!name.trim()}>
          Save view
        </button>
      </form>
      {message && (
        <span role="status" className="muted">
          {message}
        </span>
      )}
    </div>
  )
}

const fields: { key: keyof DriftThresholds; label: string; min: number }[] = [
  { key: 'fcoMonths', label: 'FCO without a decision, months', min: 1 },
  { key: 's20Months', label: 's20 without a decision, months', min: 1 },
  { key: 'placementsIn12Months', label: 'Placements in 12 months', min: 2 },
  { key: 'panelLookMonths', label: 'No panel consideration, months', min: 1 },
  { key: 'pwpMonths', label: 'Placed with parents without a discharge plan, months', min: 1 }
]

/** The drift thresholds, editable by anyone; changes are audited by the core. */
export function DriftSettings({ thresholds }: { thresholds: DriftThresholds }): ReactNode {
  const [draft, setDraft] = useState(thresholds)
  const [message, setMessage] = useState<string | null>(null)
  const [refused, setRefused] = useState<unknown>(null)
  useEffect(() => setDraft(thresholds), [thresholds])
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    try {
      await callApi('setDriftThresholds', draft)
      setRefused(null)
      setMessage('Thresholds saved.')
    } catch (error) {
      setRefused(error)
      // Field problems are shown beside their fields.
      setMessage(error instanceof ApiCallError ? (error.fields.length ? 'Not saved: see the fields marked.' : error.message) : String(error))
    }
  }
  return (
    <details className="no-print">
      <summary>Drift thresholds</summary>
      <form className="toolbar" onSubmit={(e) => void save(e)}>
        {fields.map((f) => {
          const problem = problemWith(refused, f.key)?.message
          return (
            <label key={f.key}>
              {f.label}{' '}
              <input
                type="number"
                min={f.min}
                max={240}
                value={draft[f.key]}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `drift-${f.key}-note` : undefined}
                onChange={(e) => setDraft({ ...draft, [f.key]: Number(e.target.value) })}
                style={{ width: '5em' }}
              />{' '}
              <FieldNote id={`drift-${f.key}-note`} message={problem} />
            </label>
          )
        })}
        <button type="submit">Save thresholds</button>
        {message && <span role="status">{message}</span>}
      </form>
    </details>
  )
}
