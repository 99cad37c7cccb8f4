import { useEffect, useRef, useState, type ReactNode } from 'react'
import { notCosted, type CostBaseline, type CostOption, type PlacementMappingRow } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { useCall, useWrite } from '../../api'
import { countOf, figure } from '../../../../shared/plural'
import { KeepFocusButton } from '../../components/KeepFocusButton'

const allAges = (m: { ageFrom: number; ageTo: number }): boolean => m.ageFrom === 0 && m.ageTo === 99
const bandText = (m: { ageFrom: number; ageTo: number }): string => (allAges(m) ? 'any age' : `${m.ageFrom}–${m.ageTo - 1}`)
const providerText = (placeProvider: string): string => (placeProvider === '*' ? 'any provider' : placeProvider)
/** A stored mapping row in words: "K2 PR1 0–17". */
const rowText = (m: Omit<PlacementMappingRow, 'optionCode'>): string => `${m.place} ${providerText(m.placeProvider)} ${bandText(m)}`
const rowId = (m: Omit<PlacementMappingRow, 'optionCode'>): string => `mapping-${m.place}-${m.placeProvider}-${m.ageFrom}-${m.ageTo}`

function TargetSelect({
  id,
  value,
  mapped,
  label,
  options,
  onChange
}: {
  id?: string
  value: string
  /** Whether the row is stored: its empty choice then removes it. */
  mapped: boolean
  label: string
  options: CostOption[]
  onChange: (code: string | null) => void
}): ReactNode {
  return (
    <select id={id} value={value} aria-label={label} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
      <option value="">{mapped ? 'Remove mapping' : 'Choose an option…'}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.label}
        </option>
      ))}
      <option value={notCosted}>No placement cost</option>
    </select>
  )
}

/**
 * A row's option: choosing one in the list (an arrow key is enough) only marks it; the
 * row's Save changes the cost model, so no child is re-costed by a key pressed in passing.
 */
function MappingChoice({
  id,
  saved,
  label,
  what,
  options,
  busy,
  onSave
}: {
  id: string
  /** The stored option, '' for an unmapped placement. */
  saved: string
  label: string
  /** The row in words, for its Save button's name. */
  what: string
  options: CostOption[]
  busy: boolean
  /** Resolves to whether it was saved. */
  onSave: (code: string | null) => Promise<boolean>
}): ReactNode {
  const [draft, setDraft] = useState<string>()
  const chosen = draft ?? saved
  return (
    <span className="inline-form">
      <TargetSelect id={id} value={chosen} mapped={saved !== ''} label={label} options={options} onChange={(code) => setDraft(code ?? '')} />{' '}
      <KeepFocusButton
        inactive={busy || chosen === saved}
        aria-label={`Save ${what}`}
        onClick={() => void onSave(chosen === '' ? null : chosen).then((ok) => ok && setDraft(undefined))}
      >
        Save
      </KeepFocusButton>
    </span>
  )
}

const selectId = (place: string, placeProvider: string): string => `map-${place}-${placeProvider}`

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
              {providerText(p)}
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
      <TargetSelect value={optionCode} mapped={false} label="New mapping option" options={options} onChange={(c) => setOption(c ?? '')} />
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
  const [notice, setNotice] = useState<string>()
  const status = useRef<HTMLParagraphElement>(null)
  // A saved unmapped row leaves the table when the baseline is read again; the focus then goes to the next row to map, or to the notice.
  const [after, setAfter] = useState<{ gone: string; next: string | null }>()
  useEffect(() => {
    if (!after || document.getElementById(after.gone)) return
    setAfter(undefined)
    const next = after.next ? document.getElementById(after.next) : null
    ;(next ?? status.current)?.focus()
  }, [after, unmapped, preview.data])
  const optionName = (code: string | null): string => (code === notCosted ? 'No placement cost' : (options.find((o) => o.code === code)?.label ?? code ?? ''))
  const set = async (
    m: { place: string; placeProvider: string; ageFrom: number; ageTo: number; optionCode: string | null },
    done: string
  ): Promise<boolean> => {
    const saved = (await mapping.run(m)).ok
    setNotice(saved ? done : undefined)
    return saved
  }
  const mappable = unmapped.filter((u) => u.place && u.placeProvider)
  const mapUnmapped = async (u: CostBaseline['unmapped'][number], code: string | null): Promise<boolean> => {
    if (!code) return false
    const place = u.place!
    const placeProvider = u.placeProvider!
    const at = mappable.indexOf(u)
    const next = mappable[at + 1] ?? mappable[at - 1]
    const saved = await set(
      { place, placeProvider, ageFrom: 0, ageTo: 99, optionCode: code },
      `${place} ${placeProvider} now counts as ${optionName(code)}: ${countOf(u.children, 'child', 'children')} re-costed.`
    )
    if (saved) setAfter({ gone: selectId(place, placeProvider), next: next ? selectId(next.place!, next.placeProvider!) : null })
    return saved
  }
  const changeStored = async ({ place, placeProvider, ageFrom, ageTo }: PlacementMappingRow, code: string | null): Promise<boolean> => {
    const what = rowText({ place, placeProvider, ageFrom, ageTo })
    const saved = await set(
      { place, placeProvider, ageFrom, ageTo, optionCode: code },
      code ? `${what} now counts as ${optionName(code)}.` : `Removed the mapping of ${what}.`
    )
    // A removed row leaves the table: the focus goes to the notice saying so.
    if (saved && !code) setAfter({ gone: rowId({ place, placeProvider, ageFrom, ageTo }), next: null })
    return saved
  }
  return (
    <div className="mapping">
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <p role="status" ref={status} tabIndex={-1}>
        {notice}
      </p>
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
                    <MappingChoice
                      id={selectId(u.place, u.placeProvider)}
                      saved=""
                      options={options}
                      label={`Map ${u.place} ${u.placeProvider}`}
                      what={`mapping of ${u.place} ${u.placeProvider}`}
                      busy={mapping.busy}
                      onSave={(code) => mapUnmapped(u, code)}
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
        <AddMapping
          options={options}
          onAdd={async (m) => {
            await set(m, `Added the mapping of ${rowText(m)}: ${optionName(m.optionCode)}.`)
          }}
        />
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
            {preview.data?.rows.map((m) => {
              const what = rowText(m)
              return (
                <tr key={`${m.place}/${m.placeProvider}/${m.ageFrom}-${m.ageTo}`}>
                  <td>{m.place}</td>
                  <td>{providerText(m.placeProvider)}</td>
                  <td>{bandText(m)}</td>
                  <td>
                    <MappingChoice
                      id={rowId(m)}
                      saved={m.optionCode}
                      options={options}
                      label={`Mapping for ${m.place} ${m.placeProvider} ${bandText(m)}`}
                      what={`mapping for ${what}`}
                      busy={mapping.busy}
                      onSave={(code) => changeStored(m, code)}
                    />
                  </td>
                  <td className="num">{figure(m.children)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </details>
    </div>
  )
}
