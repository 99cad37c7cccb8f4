import { useState, type ReactNode } from 'react'
import { notCosted, type CostBaseline, type CostOption, type PlacementMappingRow } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { useCall, useWrite } from '../../api'
import { figure } from '../../../../shared/plural'

const allAges = (m: { ageFrom: number; ageTo: number }): boolean => m.ageFrom === 0 && m.ageTo === 99
const bandText = (m: { ageFrom: number; ageTo: number }): string => (allAges(m) ? 'any age' : `${m.ageFrom}–${m.ageTo - 1}`)

function TargetSelect({
  value,
  label,
  options,
  onChange
}: {
  value: string
  label: string
  options: CostOption[]
  onChange: (code: string | null) => void
}): ReactNode {
  return (
    <select value={value} aria-label={label} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
      <option value="">{value === '' ? 'Choose an option…' : 'Remove mapping'}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.label}
        </option>
      ))}
      <option value={notCosted}>No placement cost</option>
    </select>
  )
}

/** A new mapping row: PLACE × PLACE_PROVIDER × age band → option. */
function AddMapping({
  options,
  onAdd
}: {
  options: CostOption[]
  onAdd: (m: Omit<PlacementMappingRow, 'optionCode'> & { optionCode: string }) => Promise<void>
}): ReactNode {
  const [place, setPlace] = useState('')
  const [placeProvider, setProvider] = useState('*')
  const [ageFrom, setAgeFrom] = useState(0)
  const [ageTo, setAgeTo] = useState(17)
  const [optionCode, setOption] = useState('')
  return (
    <form
      className="toolbar"
      aria-label="Add a placement mapping"
      onSubmit={(e) => {
        e.preventDefault()
        void onAdd({ place: place.trim().toUpperCase(), placeProvider, ageFrom, ageTo: ageTo + 1, optionCode })
      }}
    >
      <label>
        PLACE <input value={place} onChange={(e) => setPlace(e.target.value)} size={4} aria-label="New mapping PLACE" required />
      </label>
      <label>
        Provider{' '}
        <select value={placeProvider} onChange={(e) => setProvider(e.target.value)} aria-label="New mapping provider">
          {['*', 'PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'].map((p) => (
            <option key={p} value={p}>
              {p === '*' ? 'any provider' : p}
            </option>
          ))}
        </select>
      </label>
      <label>
        Aged from{' '}
        <input type="number" min={0} max={25} value={ageFrom} onChange={(e) => setAgeFrom(Number(e.target.value))} aria-label="New mapping age from" />
      </label>
      <label>
        to <input type="number" min={0} max={98} value={ageTo} onChange={(e) => setAgeTo(Number(e.target.value))} aria-label="New mapping age to" />
      </label>
      <TargetSelect value={optionCode} label="New mapping option" options={options} onChange={(c) => setOption(c ?? '')} />
      <button type="submit" disabled={!place.trim() || !optionCode}>
        Add mapping
      </button>
    </form>
  )
}

/**
 * Which placement option each 903 PLACE × PLACE_PROVIDER × age band counts as, with the
 * children each row catches on the baseline date. Unmapped placements come first so a
 * commissioner can cost them; every change is audited.
 */
export function MappingEditor({ date, unmapped }: { date: string; unmapped: CostBaseline['unmapped'] }): ReactNode {
  const preview = useCall('previewMapping', { date })
  const options = (useCall('listOptions', { includeRetired: false }).data ?? []).filter((o) => o.kind === 'placement')
  const mapping = useWrite('setPlacementMapping')
  const error = mapping.error?.message
  const set = async (m: { place: string; placeProvider: string; ageFrom: number; ageTo: number; optionCode: string | null }): Promise<void> => {
    await mapping.run(m)
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
                <td className="num">{figure(u.children)}</td>
                <td>
                  {u.place && u.placeProvider ? (
                    <TargetSelect
                      value=""
                      options={options}
                      label={`Map ${u.place} ${u.placeProvider}`}
                      onChange={(code) => code && void set({ place: u.place!, placeProvider: u.placeProvider!, ageFrom: 0, ageTo: 99, optionCode: code })}
                    />
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
        <summary>
          All placement mappings ({preview.data?.rows.length ?? '…'}), children caught on {ukDate(date)}
        </summary>
        <AddMapping options={options} onAdd={(m) => set(m)} />
        <table className="table compact" aria-label="Placement mappings">
          <thead>
            <tr>
              <th>PLACE</th>
              <th>Provider</th>
              <th>Age</th>
              <th>Counts as</th>
              <th className="num">Children on {ukDate(date)}</th>
            </tr>
          </thead>
          <tbody>
            {preview.data?.rows.map((m) => (
              <tr key={`${m.place}/${m.placeProvider}/${m.ageFrom}-${m.ageTo}`}>
                <td>{m.place}</td>
                <td>{m.placeProvider === '*' ? 'any provider' : m.placeProvider}</td>
                <td>{bandText(m)}</td>
                <td>
                  <TargetSelect
                    value={m.optionCode}
                    options={options}
                    label={`Mapping for ${m.place} ${m.placeProvider} ${bandText(m)}`}
                    onChange={(code) => void set({ ...m, optionCode: code })}
                  />
                </td>
                <td className="num">{figure(m.children)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  )
}
