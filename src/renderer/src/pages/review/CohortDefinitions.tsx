import { useEffect, useState, type ReactNode } from 'react'
import { permanenceStatuses, statusLabels, type CohortDefinition } from '../../../../shared/api'
import { useCall, useWrite } from '../../api'

const codes = (text: string): string[] =>
  text
    .split(/[\s,/]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean)

/**
 * The council's cohort definitions for new cycles (legal statuses × permanence statuses
 * × placements), editable for councils that count differently; each child is in the
 * first cohort, in this order, whose definition it meets.
 */
export function CohortDefinitions(): ReactNode {
  const stored = useCall('getCohortDefinitions', {})
  const [draft, setDraft] = useState<CohortDefinition[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const saving = useWrite('setCohortDefinitions')
  useEffect(() => setDraft(stored.data ?? null), [stored.data])
  if (!draft) return null
  const change = (i: number, patch: Partial<CohortDefinition>): void => setDraft(draft.map((d, j) => (j === i ? { ...d, ...patch } : d)))
  const save = async (): Promise<void> => {
    const saved = await saving.run({ definitions: draft })
    setMessage(saved.ok ? 'Definitions saved; cycles opened from now on use them.' : saved.error.message)
  }
  return (
    <details className="cohort-definitions">
      <summary>Cohort definitions (each child in the first it meets)</summary>
      <table className="table">
        <thead>
          <tr>
            <th>Cohort</th>
            <th>Label</th>
            <th>Legal statuses (903 LS)</th>
            <th>Permanence statuses</th>
            <th>Placements (903 PLACE; blank: any)</th>
          </tr>
        </thead>
        <tbody>
          {draft.map((d, i) => (
            <tr key={d.cohort}>
              <td>{d.cohort}</td>
              <td>
                <input type="text" value={d.label} aria-label={`${d.cohort} label`} onChange={(e) => change(i, { label: e.target.value })} />
              </td>
              <td>
                <input
                  type="text"
                  defaultValue={d.legalStatuses.join(', ')}
                  aria-label={`${d.cohort} legal statuses`}
                  onBlur={(e) => change(i, { legalStatuses: codes(e.target.value) })}
                />
              </td>
              <td>
                {permanenceStatuses.map((s) => (
                  <label key={s}>
                    <input
                      type="checkbox"
                      aria-label={`${d.cohort}: ${statusLabels[s]}`}
                      checked={d.statuses.includes(s)}
                      onChange={(e) => change(i, { statuses: e.target.checked ? [...d.statuses, s] : d.statuses.filter((x) => x !== s) })}
                    />{' '}
                    {statusLabels[s]}{' '}
                  </label>
                ))}
              </td>
              <td>
                <input
                  type="text"
                  defaultValue={d.placements.join(', ')}
                  aria-label={`${d.cohort} placements`}
                  onBlur={(e) => change(i, { placements: codes(e.target.value) })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => void save()}>
        Save definitions
      </button>
      {message && <span role="status"> {message}</span>}
    </details>
  )
}
