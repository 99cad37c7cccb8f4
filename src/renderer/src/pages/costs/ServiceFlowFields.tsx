import { useId, type ReactNode } from 'react'
import type { ScenarioDefinition } from '../../../../shared/api'
import { FieldNote } from '../../components/States'
import { pct } from './format'
import { useOptionName } from './optionNames'
import { NumberInput } from './NumberInput'
import { NumberField } from './NumberField'
import { shareTotal, sharesAddUp } from '../../../../shared/scenario-terms'

type Spec = NonNullable<ScenarioDefinition['services']['ART_HUB']> | NonNullable<ScenarioDefinition['services']['MFP']>

/** One option's share, as a percentage, with what the core says is wrong with it beside it. */
function ShareCell({ label, value, problem, onValue }: { label: string; value: number; problem?: string; onValue: (n: number) => void }): ReactNode {
  const noteId = useId()
  return (
    <td className="num">
      <NumberInput
        min={0}
        max={100}
        value={value}
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? noteId : undefined}
        onValue={onValue}
      />
      <FieldNote id={noteId} message={problem} />
    </td>
  )
}

/**
 * A service costed by its admissions: occupancy, length of stay, opening year, set-up
 * cost, and the shares each admission would otherwise have used and goes on to. Shares
 * are typed as percentages; the formula refuses mixes that do not add up to 100%.
 */
export function ServiceFlowFields({
  name,
  spec,
  options,
  onChange,
  problem = () => undefined
}: {
  name: string
  spec: Spec
  options: string[]
  onChange: (next: Spec) => void
  /** What the last costing said is wrong with one of this service's fields ("occupancy"). */
  problem?: (field: string) => string | undefined
}): ReactNode {
  const optionName = useOptionName()
  const byAdmissions = spec.lengthOfStayDays !== undefined
  const set = (patch: Partial<Spec>): void => onChange({ ...spec, ...patch } as Spec)
  // A share goes to the core as typed, so a negative one is refused beside its field; it had been dropped without a word.
  const setShare = (field: 'otherwise' | 'destinations', option: string, percent: number): void => {
    const shares = { ...(spec[field] ?? {}) }
    if (percent !== 0) shares[option] = Math.round(percent * 100) / 10_000
    else delete shares[option]
    set({ [field]: shares })
  }
  return (
    <div className="service-flow">
      <label className="field">
        <span>
          <input
            type="checkbox"
            checked={byAdmissions}
            aria-label={`${name} costed by admissions`}
            onChange={(e) =>
              set(
                e.target.checked
                  ? { lengthOfStayDays: 84, occupancy: 0.85 }
                  : {
                      lengthOfStayDays: undefined,
                      occupancy: undefined,
                      otherwise: undefined,
                      destinations: undefined,
                      setUpCost: undefined,
                      startYear: undefined,
                      phasing: undefined
                    }
              )
            }
          />{' '}
          {name}: cost by admissions (length of stay, occupancy, where children go after)
        </span>
      </label>
      {byAdmissions && (
        <>
          <div className="field-row">
            <NumberField
              label={`${name} occupancy`}
              value={Math.round((spec.occupancy ?? 1) * 1000) / 10}
              suffix="%"
              problem={problem('occupancy')}
              onChange={(n) => set({ occupancy: n / 100 })}
            />
            <NumberField
              label={`${name} length of stay`}
              value={spec.lengthOfStayDays ?? 84}
              suffix="days"
              problem={problem('lengthOfStayDays')}
              onChange={(n) => set({ lengthOfStayDays: n })}
            />
            <NumberField label={`${name} opening year`} value={spec.startYear ?? 1} problem={problem('startYear')} onChange={(n) => set({ startYear: n })} />
            <NumberField
              label={`${name} set-up cost £`}
              value={spec.setUpCost ?? 0}
              step={1000}
              problem={problem('setUpCost')}
              onChange={(n) => set({ setUpCost: n })}
            />
            <NumberField
              label={`${name} weeks compared after the stay`}
              value={spec.followOnWeeks ?? 52}
              problem={problem('followOnWeeks')}
              onChange={(n) => set({ followOnWeeks: n })}
            />
          </div>
          <table className="table compact" aria-label={`${name} otherwise and destinations`}>
            <thead>
              <tr>
                <th>Option</th>
                <th className="num">Would otherwise use %</th>
                <th className="num">Goes on to %</th>
              </tr>
            </thead>
            <tbody>
              {options.map((o) => (
                <tr key={o}>
                  <td>{optionName(o)}</td>
                  {(['otherwise', 'destinations'] as const).map((field) => (
                    <ShareCell
                      key={field}
                      label={`${name} ${field === 'otherwise' ? 'otherwise' : 'goes on to'} ${optionName(o)}`}
                      value={Math.round((spec[field]?.[o] ?? 0) * 10_000) / 100}
                      problem={problem(`${field}.${o}`)}
                      onValue={(n) => setShare(field, o, n)}
                    />
                  ))}
                </tr>
              ))}
              <tr>
                <th>Total</th>
                {(['otherwise', 'destinations'] as const).map((field) => (
                  <th key={field} className={`num ${spec[field] && !sharesAddUp(spec[field]) ? 'down' : ''}`}>
                    {spec[field] ? pct(shareTotal(spec[field])) : 'not set'}
                  </th>
                ))}
              </tr>
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
