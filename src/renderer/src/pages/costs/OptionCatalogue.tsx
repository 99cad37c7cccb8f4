import { useState, type ReactNode } from 'react'
import type { CostOption } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { callApi, useCall } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorState, Loading } from '../../components/States'

/** The form for a new placement option and its first effective-dated weekly cost. */
function AddOption({ today, onAdded, onError }: { today: string; onAdded: (o: CostOption) => void; onError: (text: string) => void }): ReactNode {
  const [code, setCode] = useState('')
  const [label, setLabel] = useState('')
  const [weekly, setWeekly] = useState('')
  const [effectiveFrom, setEffectiveFrom] = useState(today)
  const [source, setSource] = useState('')
  const [isAssumption, setAssumption] = useState(false)
  const submit = async (): Promise<void> => {
    try {
      const added = await callApi('saveOption', {
        code: code.trim().toUpperCase(),
        label: label.trim(),
        kind: 'placement',
        retiredFrom: null,
        firstCost: { weekly: Number(weekly), effectiveFrom, source: source.trim(), isAssumption }
      })
      setCode('')
      setLabel('')
      setWeekly('')
      setSource('')
      onAdded(added)
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <form
      className="toolbar wrap"
      aria-label="Add an option"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <label>
        Code <input value={code} onChange={(e) => setCode(e.target.value)} placeholder="RESIDENTIAL_SOLO" aria-label="New option code" required />
      </label>
      <label>
        Name <input value={label} onChange={(e) => setLabel(e.target.value)} aria-label="New option name" required />
      </label>
      <label>
        Weekly £{' '}
        <input type="number" min={0} step="0.01" value={weekly} onChange={(e) => setWeekly(e.target.value)} aria-label="New option weekly cost" required />
      </label>
      <DateField id="new-option-from" label="New option effective from" value={effectiveFrom} onChange={setEffectiveFrom} required />
      <label>
        Source <input value={source} onChange={(e) => setSource(e.target.value)} aria-label="New option source" required />
      </label>
      <label>
        <input type="checkbox" checked={isAssumption} onChange={(e) => setAssumption(e.target.checked)} /> an assumption
      </label>
      <button type="submit">Add option</button>
    </form>
  )
}

/**
 * The option catalogue: add placement options with their first cost, rename them, and
 * retire them from a date (a retired option has no cost and no mapping after it).
 */
export function OptionCatalogue({ today }: { today: string }): ReactNode {
  const options = useCall('listOptions', { includeRetired: true })
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const save = async (o: CostOption, change: Partial<CostOption>, done: string): Promise<void> => {
    try {
      await callApi('saveOption', {
        code: o.code,
        label: change.label ?? o.label,
        kind: o.kind,
        retiredFrom: change.retiredFrom === undefined ? o.retiredFrom : change.retiredFrom
      })
      setMessage({ kind: 'ok', text: done })
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) })
    }
  }
  return (
    <section aria-labelledby="catalogue-title" className="no-print">
      <h2 id="catalogue-title">Option catalogue</h2>
      <AddOption
        today={today}
        onAdded={(o) => setMessage({ kind: 'ok', text: `${o.label} added. Map 903 placements to it below.` })}
        onError={(text) => setMessage({ kind: 'error', text })}
      />
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : 'ok-text'}>
          {message.text}
        </p>
      )}
      {options.error ? (
        <ErrorState error={options.error} onRetry={options.reload} />
      ) : !options.data ? (
        <Loading what="the options" />
      ) : (
        <table className="table compact" aria-label="Options">
          <thead>
            <tr>
              <th>Code</th>
              <th>Name (edit to rename)</th>
              <th>Kind</th>
              <th>Status</th>
              <th>Retire or restore</th>
            </tr>
          </thead>
          <tbody>
            {options.data.map((o) => (
              <tr key={o.code}>
                <td>{o.code}</td>
                <td>
                  <input
                    defaultValue={o.label}
                    aria-label={`Name of ${o.code}`}
                    size={48}
                    onBlur={(e) =>
                      e.target.value.trim() && e.target.value.trim() !== o.label && void save(o, { label: e.target.value.trim() }, `${o.code} renamed.`)
                    }
                  />
                </td>
                <td>{o.kind === 'service' ? 'service (fixed cost)' : 'per child'}</td>
                <td>{o.retiredFrom ? `retired from ${ukDate(o.retiredFrom)}` : 'offered'}</td>
                <td>
                  {o.retiredFrom ? (
                    <button type="button" onClick={() => void save(o, { retiredFrom: null }, `${o.code} restored.`)}>
                      Restore
                    </button>
                  ) : (
                    <button type="button" onClick={() => void save(o, { retiredFrom: today }, `${o.code} retired from ${ukDate(today)}.`)}>
                      Retire
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
