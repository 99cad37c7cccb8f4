import { type ReactNode } from 'react'
import { isService, optionOrder, placementOptions, type FieldProblem, type PlacementOption, type ScenarioDefinition } from '../../../../shared/api'
import { FieldNote } from '../../components/States'
import { useOptionName } from './optionNames'
import { NumberField } from './NumberField'
import { NumberInput } from './NumberInput'
import { ServiceFlowFields } from './ServiceFlowFields'

type Side = 'baseline' | 'proposed'

interface EditorProps {
  value: ScenarioDefinition
  onChange: (next: ScenarioDefinition) => void
  /** Weekly costs from the unit-cost table, shown beside this scenario's overrides. */
  tableCosts?: Partial<Record<PlacementOption, number>>
  /** Fields the last costing refused, by their path in the call ("definition.inflation"). */
  problems?: readonly FieldProblem[]
  /** What a new service starts from when switched on: the unit-cost table's stated assumptions. */
  serviceDefaults?: ScenarioDefinition['services']
}

/** The scenario as a form: assumptions, children per option on each side, the new services and cost overrides. */
export function ScenarioEditor({ value, onChange, tableCosts = {}, problems = [], serviceDefaults = {} }: EditorProps): ReactNode {
  const optionName = useOptionName()
  const problem = (field: string): string | undefined => problems.find((p) => p.path === `definition.${field}`)?.message
  const set = (patch: Partial<ScenarioDefinition>): void => onChange({ ...value, ...patch })
  const setCount = (side: Side, option: PlacementOption, n: number): void => {
    const counts = { ...value[side] }
    if (n !== 0) counts[option] = n
    else delete counts[option]
    set({ [side]: counts })
  }
  const art = value.services.ART_HUB
  const mfp = value.services.MFP
  const flowOptions = optionOrder(Object.keys(tableCosts)).filter((o) => !isService(o))
  // A service costed by its admissions has no counted places on either side.
  const withoutPlaces = (key: 'ART_HUB' | 'MFP', next: { lengthOfStayDays?: number }): Partial<ScenarioDefinition> => {
    if (next.lengthOfStayDays === undefined) return {}
    const drop = (counts: ScenarioDefinition['baseline']): ScenarioDefinition['baseline'] =>
      Object.fromEntries(Object.entries(counts).filter(([k]) => k !== key))
    return { baseline: drop(value.baseline), proposed: drop(value.proposed) }
  }
  return (
    <div className="scenario-editor no-print">
      <div className="field-row">
        <label className="field wide">
          <span>Scenario name</span>
          <input type="text" value={value.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} aria-label="Scenario name" />
        </label>
        <NumberField label="Years" problem={problem('years')} value={value.years} onChange={(n) => set({ years: n })} min={1} />
        <NumberField label="Weeks a year" problem={problem('weeksPerYear')} value={value.weeksPerYear} onChange={(n) => set({ weeksPerYear: n })} />
        <NumberField
          label="Demand growth a year"
          problem={problem('demandGrowth')}
          value={Math.round(value.demandGrowth * 1000) / 10}
          onChange={(n) => set({ demandGrowth: n / 100 })}
          step={0.5}
          min={-50}
          suffix="%"
        />
        <NumberField
          label="Inflation a year"
          problem={problem('inflation')}
          value={Math.round(value.inflation * 1000) / 10}
          onChange={(n) => set({ inflation: n / 100 })}
          step={0.5}
          min={-50}
          suffix="%"
        />
      </div>
      {value.demandIndex && (
        <p className="field-row" data-testid="demand-from-forecast">
          Demand follows the forecast ({value.demandSource ?? 'demand index'}):{' '}
          {value.demandIndex
            .slice(0, value.years)
            .map((x) => x.toFixed(3))
            .join(' · ')}
          ; the growth rate is not used.{' '}
          <button type="button" onClick={() => set({ demandIndex: undefined, demandSource: undefined })}>
            Use the flat growth rate instead
          </button>
        </p>
      )}

      <table className="table compact counts" aria-label="Children per option">
        <thead>
          <tr>
            <th>Option</th>
            <th className="num">Baseline children</th>
            <th className="num">Proposed children</th>
            <th className="num">Change</th>
          </tr>
        </thead>
        <tbody>
          {optionOrder([...placementOptions, ...Object.keys(tableCosts), ...Object.keys(value.baseline), ...Object.keys(value.proposed)]).map((option) => {
            const b = value.baseline[option] ?? 0
            const p = value.proposed[option] ?? 0
            return (
              <tr key={option}>
                <td>
                  {optionName(option)}
                  {isService(option) && <span className="tag">new service</span>}
                </td>
                {(['baseline', 'proposed'] as const).map((side) => {
                  const refused = problem(`${side}.${option}`)
                  const noteId = `count-note-${side}-${option}`
                  return (
                    <td key={side} className="num">
                      <NumberInput
                        min={0}
                        value={value[side][option] ?? 0}
                        aria-label={`${side === 'baseline' ? 'Baseline' : 'Proposed'} ${optionName(option)}`}
                        aria-invalid={refused ? true : undefined}
                        aria-describedby={refused ? noteId : undefined}
                        onValue={(n) => setCount(side, option, n)}
                      />
                      <FieldNote id={noteId} message={refused} />
                    </td>
                  )
                })}
                <td className={`num ${p - b < 0 ? 'down' : p - b > 0 ? 'up' : ''}`}>{p - b > 0 ? `+${p - b}` : p - b}</td>
              </tr>
            )
          })}
        </tbody>
      </table>

      <fieldset className="services">
        <legend>New services (stated assumptions)</legend>
        <label className="field">
          <span>
            <input
              type="checkbox"
              checked={!!art}
              onChange={(e) =>
                set({ services: { ...value.services, ART_HUB: e.target.checked ? (serviceDefaults.ART_HUB ?? { beds: 3, fixedAnnual: 0 }) : undefined } })
              }
            />{' '}
            ART hub
          </span>
        </label>
        {art && (
          <>
            <NumberField
              label="ART hub assessment beds"
              problem={problem('services.ART_HUB.beds')}
              value={art.beds}
              onChange={(n) => set({ services: { ...value.services, ART_HUB: { ...art, beds: n } } })}
            />
            <NumberField
              label="ART hub running cost a year £"
              problem={problem('services.ART_HUB.fixedAnnual')}
              value={art.fixedAnnual}
              step={1000}
              onChange={(n) => set({ services: { ...value.services, ART_HUB: { ...art, fixedAnnual: n } } })}
            />
            <ServiceFlowFields
              name="ART hub"
              spec={art}
              options={flowOptions}
              onChange={(next) => set({ services: { ...value.services, ART_HUB: next as typeof art }, ...withoutPlaces('ART_HUB', next) })}
              problem={(field) => problem(`services.ART_HUB.${field}`)}
            />
          </>
        )}
        <label className="field">
          <span>
            <input
              type="checkbox"
              checked={!!mfp}
              onChange={(e) =>
                set({
                  services: {
                    ...value.services,
                    MFP: e.target.checked ? (serviceDefaults.MFP ?? { units: 1, placesPerUnit: 3, fixedAnnualPerUnit: 0 }) : undefined
                  }
                })
              }
            />{' '}
            MFP
          </span>
        </label>
        {mfp && (
          <>
            <NumberField
              label="MFP units"
              problem={problem('services.MFP.units')}
              value={mfp.units}
              onChange={(n) => set({ services: { ...value.services, MFP: { ...mfp, units: n } } })}
            />
            <NumberField
              label="MFP places per unit"
              problem={problem('services.MFP.placesPerUnit')}
              value={mfp.placesPerUnit}
              onChange={(n) => set({ services: { ...value.services, MFP: { ...mfp, placesPerUnit: n } } })}
              min={1}
            />
            <NumberField
              label="MFP running cost a year per unit £"
              problem={problem('services.MFP.fixedAnnualPerUnit')}
              value={mfp.fixedAnnualPerUnit}
              step={1000}
              onChange={(n) => set({ services: { ...value.services, MFP: { ...mfp, fixedAnnualPerUnit: n } } })}
            />
            <ServiceFlowFields
              name="MFP"
              spec={mfp}
              options={flowOptions}
              onChange={(next) => set({ services: { ...value.services, MFP: next as typeof mfp }, ...withoutPlaces('MFP', next) })}
              problem={(field) => problem(`services.MFP.${field}`)}
            />
          </>
        )}
      </fieldset>

      <details className="overrides">
        <summary>Weekly costs for this scenario only ({Object.keys(value.unitCosts).length} overridden)</summary>
        <table className="table compact">
          <thead>
            <tr>
              <th>Option</th>
              <th className="num">Table £/week</th>
              <th className="num">This scenario £/week</th>
            </tr>
          </thead>
          <tbody>
            {optionOrder([...placementOptions, ...Object.keys(tableCosts)])
              .filter((o) => !isService(o))
              .map((option) => (
                <tr key={option}>
                  <td>{optionName(option)}</td>
                  <td className="num">{tableCosts[option] ?? '—'}</td>
                  <td className="num">
                    <input
                      type="number"
                      min={0}
                      step={0.5}
                      placeholder="table"
                      aria-label={`Weekly cost override ${optionName(option)}`}
                      value={value.unitCosts[option] ?? ''}
                      onChange={(e) => {
                        const unitCosts = { ...value.unitCosts }
                        if (e.target.value.trim() === '' || !Number.isFinite(Number(e.target.value))) delete unitCosts[option]
                        else unitCosts[option] = Number(e.target.value)
                        set({ unitCosts })
                      }}
                    />
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </div>
  )
}
