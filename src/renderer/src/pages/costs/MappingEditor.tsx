import { useState, type ReactNode } from 'react'
import { mappingTargets, notCosted, type CostBaseline, type PlacementOption } from '../../../../shared/api'
import { callApi, useCall } from '../../api'
import { optionName } from './format'

const targetName = (code: string): string => (code === notCosted ? 'No placement cost' : (optionName[code as PlacementOption] ?? code))

function TargetSelect({ value, label, onChange }: { value: string; label: string; onChange: (code: string | null) => void }): ReactNode {
  return (
    <select value={value} aria-label={label} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
      <option value="">{value === '' ? 'Choose an option…' : 'Remove mapping'}</option>
      {mappingTargets.map((t) => (
        <option key={t} value={t}>
          {targetName(t)}
        </option>
      ))}
    </select>
  )
}

/**
 * Which placement option each 903 PLACE + PLACE_PROVIDER counts as. Unmapped placements
 * found on the date come first so a commissioner can cost them; every change is audited.
 */
export function MappingEditor({ unmapped, onChanged }: { unmapped: CostBaseline['unmapped']; onChanged: () => void }): ReactNode {
  const mappings = useCall('listPlacementMappings', {})
  const [error, setError] = useState<string | null>(null)
  const set = async (place: string, placeProvider: string, optionCode: string | null): Promise<void> => {
    try {
      setError(null)
      await callApi('setPlacementMapping', { place, placeProvider, optionCode: optionCode as (typeof mappingTargets)[number] | null })
      mappings.reload()
      onChanged()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <div className="mapping">
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {unmapped.length > 0 && (
        <table className="table compact" aria-label="Unmapped placements">
          <thead>
            <tr>
              <th>PLACE</th>
              <th>Provider</th>
              <th className="num">Children</th>
              <th>Count as</th>
            </tr>
          </thead>
          <tbody>
            {unmapped.map((u) => (
              <tr key={`${u.place}/${u.placeProvider}`}>
                <td>{u.place ?? '(blank)'}</td>
                <td>{u.placeProvider ?? '(blank)'}</td>
                <td className="num">{u.children}</td>
                <td>
                  {u.place && u.placeProvider ? (
                    <TargetSelect value="" label={`Map ${u.place} ${u.placeProvider}`} onChange={(code) => code && void set(u.place!, u.placeProvider!, code)} />
                  ) : (
                    <span className="muted">fix the episode data</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>All placement mappings ({mappings.data?.length ?? '…'})</summary>
        <table className="table compact" aria-label="Placement mappings">
          <thead>
            <tr>
              <th>PLACE</th>
              <th>Provider</th>
              <th>Counts as</th>
            </tr>
          </thead>
          <tbody>
            {mappings.data?.map((m) => (
              <tr key={`${m.place}/${m.placeProvider}`}>
                <td>{m.place}</td>
                <td>{m.placeProvider === '*' ? 'any provider' : m.placeProvider}</td>
                <td>
                  <TargetSelect value={m.optionCode} label={`Mapping for ${m.place} ${m.placeProvider}`} onChange={(code) => void set(m.place, m.placeProvider, code)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  )
}
