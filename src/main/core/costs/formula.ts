import {
  optionOrder,
  type BreakEven,
  type PlacementOption,
  type ScenarioAnalysis,
  type ScenarioDefinition,
  type ScenarioResult,
  type SensitivityRow
} from '../../../shared/api'
import { must } from '../../../shared/must'
import { optionName } from '../../../shared/placement-options'
import { countOf } from '../../../shared/plural'
import { AppError, invalidInput } from '../errors'
import { flowYear, perAdmission, serviceKeys, serviceTerms, throughput, validateFlow, type ServiceTerms } from './services'

export type WeeklyCosts = Partial<Record<PlacementOption, number>>
type Counts = Partial<Record<PlacementOption, number>>
type Side = 'baseline' | 'proposed'
/** The catalogue's label of each option, by code: names an option a commissioner added in messages. */
export type OptionLabels = Partial<Record<PlacementOption, string>>

/** Every option a scenario names, services included, in the catalogue's reading order. */
const optionsOf = (def: ScenarioDefinition): string[] => optionOrder([...Object.keys(def.baseline), ...Object.keys(def.proposed), ...serviceKeys(def)])
const isServiceIn = (def: ScenarioDefinition, option: string): boolean => serviceKeys(def).includes(option)

/**
 * A count the formula refuses: shown beside its field, named as the screen names it
 * ("Proposed ART hub"), where the screen had shown the scenario file's key; the whole
 * message still ends with that key ("proposed.ART_HUB") for the command line.
 */
function countError(side: Side, option: string, label: string, problem: string): AppError {
  const field = `${side === 'baseline' ? 'Baseline' : 'Proposed'} ${label}`
  const message = `${field}: ${problem}.`
  return new AppError('invalid_input', `${message} (${side}.${option})`, undefined, [{ path: `definition.${side}.${option}`, label: field, message }])
}

/**
 * Checks what the formula needs beyond the schema: every counted option has a weekly
 * cost, no side places more children in a service than it can take, and a service
 * costed by its admissions has shares that add up and options that have costs.
 */
export function validateScenario(def: ScenarioDefinition, weekly: WeeklyCosts, labels: OptionLabels = {}): void {
  const name = (option: string): string => optionName(option, labels[option])
  for (const service of ['ART_HUB', 'MFP'] as const) {
    if (def.unitCosts[service] !== undefined) {
      throw invalidInput(
        `The ${name(service)} is costed by its running cost a year, not a weekly cost: remove its weekly cost override (unitCosts.${service}).`
      )
    }
  }
  if (def.demandIndex && def.demandIndex.length < def.years) {
    throw invalidInput(`demandIndex: ${def.demandIndex.length} years given for the ${def.years} years modelled`)
  }
  for (const key of Object.keys(def.services.other ?? {})) {
    if (key === 'ART_HUB' || key === 'MFP') throw invalidInput(`services.other.${key}: ${key} has its own entry in services`)
  }
  for (const key of serviceKeys(def)) validateFlow(def, serviceTerms(def, key)!, weekly, name)
  for (const side of ['baseline', 'proposed'] as const) {
    for (const option of optionsOf(def)) {
      const n = def[side][option] ?? 0
      if (n === 0) continue
      if (option === 'ART_HUB' || option === 'MFP' || isServiceIn(def, option)) {
        const terms = serviceTerms(def, option)
        const label = terms?.label ?? name(option)
        if (!terms) throw countError(side, option, label, `${countOf(n, 'place')} in the ${label}, which this scenario does not run (no services.${option})`)
        if (n > terms.capacity)
          throw countError(side, option, label, `${countOf(n, 'place')} ${n === 1 ? 'exceeds' : 'exceed'} the ${label}'s capacity of ${terms.capacity}`)
      } else if (weekly[option] === undefined) {
        throw countError(
          side,
          option,
          name(option),
          'no weekly unit cost on the date the costs are taken from; add one to the unit-cost table or as a weekly cost override'
        )
      }
    }
  }
}

/**
 * Year y (1-based) cost of one side: Σ count × (1+g)^(y−1) × weekly × (1+i)^(y−1) × weeksPerYear
 * over ordinary options (with `demandIndex`, its year-y value in place of (1+g)^(y−1)),
 * plus each service:
 * - counted by places (no lengthOfStayDays): its fixed cost × (1+i)^(y−1); the proposed
 *   side runs every service the scenario defines, filled or not, since its running cost is
 *   paid either way; the baseline runs one only where it places children in it;
 * - costed by admissions: the baseline pays what the year's admissions would otherwise
 *   have cost, the proposed side the running cost (phased), the set-up cost in the
 *   opening year and the destinations after the stay, all × (1+i)^(y−1) (services.ts).
 * Writes per-option costs into `out` when given, and the cost of each year into `totals`.
 */
function costSide(
  def: ScenarioDefinition,
  side: Side,
  counts: Counts,
  weekly: WeeklyCosts,
  totals: Float64Array,
  out?: Partial<Record<PlacementOption, number[]>>
): void {
  const g = 1 + def.demandGrowth
  const i = 1 + def.inflation
  totals.fill(0)
  for (const option of optionsOf(def)) {
    const n = counts[option] ?? 0
    const terms = isServiceIn(def, option) ? serviceTerms(def, option) : null
    if (terms?.flow) {
      const perYear = out ? (out[option] = new Array<number>(def.years)) : undefined
      for (const [y, total] of totals.entries()) {
        const f = flowYear(terms, y + 1, weekly)
        const cost = (side === 'baseline' ? f.otherwiseCost : f.runningCost + f.setUpCost + f.destinationCost) * i ** y
        totals[y] = total + cost
        if (perYear) perYear[y] = cost
      }
      continue
    }
    if (n === 0 && !(terms && side === 'proposed')) continue
    const base = terms ? terms.fixedAnnual : n * weekly[option]! * def.weeksPerYear
    const perYear = out ? (out[option] = new Array<number>(def.years)) : undefined
    for (const [y, total] of totals.entries()) {
      // Placements grow by the flat rate, or follow the forecast's demand index when the scenario takes it.
      const demand = terms ? 1 : def.demandIndex ? must(def.demandIndex[y], 'validateScenario: a demand index for every year') : g ** y
      const cost = base * demand * i ** y
      totals[y] = total + cost
      if (perYear) perYear[y] = cost
    }
  }
}

interface Totals {
  baseline: Float64Array
  proposed: Float64Array
}

const totalSaving = (t: Totals): number => {
  let saving = 0
  for (const [y, baseline] of t.baseline.entries()) saving += baseline - must(t.proposed[y], 'both sides cost the same years')
  return saving
}

/** Merges the scenario's own weekly costs over the table's. */
export const effectiveWeekly = (def: ScenarioDefinition, table: WeeklyCosts): WeeklyCosts => ({ ...table, ...def.unitCosts })

/*
 * Inflation moves the running cost and the avoided placements alike, so year-1 prices
 * stand for every year. Counted by places, a service breaks even when it holds
 * running cost / annual cost of the placement it replaces children. Costed by admissions,
 * each place filled for a year admits 365 / length of stay children, each avoiding the
 * otherwise cost less the destination cost, so the same ratio gives the places that must
 * be filled on average, and its share of capacity the occupancy needed.
 */
function breakEvenOf(def: ScenarioDefinition, terms: ServiceTerms, weekly: WeeklyCosts): BreakEven {
  let replacedAnnualPerChild = (weekly[terms.replaces] ?? 0) * def.weeksPerYear
  let flow: BreakEven['flow']
  if (terms.flow) {
    const each = perAdmission(terms, weekly)
    const avoided = each.otherwise - each.destination
    replacedAnnualPerChild = (avoided * 365) / terms.flow.lengthOfStayDays
    flow = {
      admissionsPerYear: throughput(terms),
      avoidedPerAdmission: avoided,
      breakEvenAdmissions: avoided > 0 ? terms.fixedAnnual / avoided : null,
      lengthOfStayDays: terms.flow.lengthOfStayDays
    }
  }
  const children = replacedAnnualPerChild > 0 ? terms.fixedAnnual / replacedAnnualPerChild : null
  const placed = terms.flow ? (terms.flow.occupancy ?? 1) * terms.capacity : (def.proposed[terms.key] ?? 0)
  return {
    service: terms.key,
    replaces: terms.replaces,
    fixedAnnual: terms.fixedAnnual,
    replacedAnnualPerChild,
    children,
    capacity: terms.capacity,
    occupancy: children !== null && terms.capacity > 0 ? children / terms.capacity : null,
    placed,
    notMoved: terms.flow ? 0 : Math.max(0, placed - Math.max(0, (def.baseline[terms.replaces] ?? 0) - (def.proposed[terms.replaces] ?? 0))),
    ...(flow && { flow })
  }
}

function breakEven(def: ScenarioDefinition, weekly: WeeklyCosts): ScenarioResult['breakEven'] {
  return Object.fromEntries(serviceKeys(def).map((key) => [key, breakEvenOf(def, serviceTerms(def, key)!, weekly)]))
}

/** Costs per year and in total, and break-even occupancy: what `costs run` prints. */
export function runScenario(def: ScenarioDefinition, table: WeeklyCosts, labels: OptionLabels = {}): ScenarioResult {
  return summarise(def, effectiveWeekly(def, table), labels)
}

function summarise(def: ScenarioDefinition, weekly: WeeklyCosts, labels: OptionLabels, byOption?: ScenarioAnalysis['byOption']): ScenarioResult {
  validateScenario(def, weekly, labels)
  const t: Totals = { baseline: new Float64Array(def.years), proposed: new Float64Array(def.years) }
  costSide(def, 'baseline', def.baseline, weekly, t.baseline, byOption?.baseline)
  costSide(def, 'proposed', def.proposed, weekly, t.proposed, byOption?.proposed)
  const years = Array.from(t.baseline, (baseline, y) => {
    const proposed = must(t.proposed[y], 'both sides cost the same years')
    return { year: y + 1, baseline, proposed, saving: baseline - proposed }
  })
  const total = years.reduce((sum, y) => ({ baseline: sum.baseline + y.baseline, proposed: sum.proposed + y.proposed, saving: sum.saving + y.saving }), {
    baseline: 0,
    proposed: 0,
    saving: 0
  })
  return { years, total, breakEven: breakEven(def, weekly) }
}

type ServiceSpec = Record<string, unknown>

/** The scenario with one service's fields replaced, wherever that service lives in `services`. */
function withService(def: ScenarioDefinition, key: string, patch: (spec: ServiceSpec) => ServiceSpec): ScenarioDefinition {
  if (key === 'ART_HUB' || key === 'MFP') return { ...def, services: { ...def.services, [key]: patch(def.services[key] as ServiceSpec) } }
  return { ...def, services: { ...def.services, other: { ...def.services.other, [key]: patch(def.services.other![key] as ServiceSpec) as never } } }
}

/**
 * Total saving when one assumption moves by ±20%: each weekly cost in use, demand
 * growth, inflation, and each service's running cost, and for services costed by
 * admissions their occupancy (at most 100%), length of stay, set-up cost and follow-on
 * weeks. Reuses two year buffers throughout.
 */
export function sensitivity(def: ScenarioDefinition, weekly: WeeklyCosts, labels: OptionLabels = {}): SensitivityRow[] {
  validateScenario(def, weekly, labels)
  const t: Totals = { baseline: new Float64Array(def.years), proposed: new Float64Array(def.years) }
  const savingWith = (d: ScenarioDefinition, w: WeeklyCosts): number => {
    costSide(d, 'baseline', d.baseline, w, t.baseline)
    costSide(d, 'proposed', d.proposed, w, t.proposed)
    return totalSaving(t)
  }
  const rows: SensitivityRow[] = []
  const add = (assumption: string, label: string, at: (factor: number) => number): void => {
    const low = at(0.8)
    const high = at(1.2)
    rows.push({ assumption, label, low, high, swing: Math.abs(high - low) })
  }
  const flowOptions = new Set(
    serviceKeys(def).flatMap((k) => {
      const f = serviceTerms(def, k)!.flow
      return f
        ? [
            ...Object.keys(f.otherwise ?? {}),
            ...Object.keys(f.destinations ?? {}),
            ...(f.parentAndChildOtherwise ? [f.parentAndChildOtherwise] : []),
            ...(f.otherwise ? [] : [serviceTerms(def, k)!.replaces])
          ]
        : []
    })
  )
  for (const option of optionOrder([...optionsOf(def), ...flowOptions])) {
    if (isServiceIn(def, option) || !(def.baseline[option] || def.proposed[option] || flowOptions.has(option))) continue
    // One wording for the tornado's bars and the comparison's "Most sensitive to".
    add(`unitCosts.${option}`, `${optionName(option, labels[option])} weekly cost`, (f) => savingWith(def, { ...weekly, [option]: weekly[option]! * f }))
  }
  if (def.demandIndex) {
    const index = def.demandIndex
    add('demandIndex', 'Demand change (forecast)', (f) => savingWith({ ...def, demandIndex: index.map((x) => 1 + (x - 1) * f) }, weekly))
  } else add('demandGrowth', 'Demand growth', (f) => savingWith({ ...def, demandGrowth: def.demandGrowth * f }, weekly))
  add('inflation', 'Inflation', (f) => savingWith({ ...def, inflation: def.inflation * f }, weekly))
  for (const key of serviceKeys(def)) {
    const terms = serviceTerms(def, key)!
    const vary = (field: string, label: string, clamp = (v: number): number => v): void =>
      add(`services.${key}.${field}`, `${terms.label} ${label}`, (f) =>
        savingWith(
          withService(def, key, (s) => ({ ...s, [field]: clamp((s[field] as number) * f) })),
          weekly
        )
      )
    if (key === 'MFP') vary('fixedAnnualPerUnit', 'fixed cost per unit')
    else vary('fixedAnnual', 'fixed cost')
    if (!terms.flow) continue
    vary('lengthOfStayDays', 'length of stay')
    if (terms.flow.occupancy !== undefined) vary('occupancy', 'occupancy', (v) => Math.min(1, v))
    if (terms.flow.setUpCost) vary('setUpCost', 'set-up cost')
    if (terms.flow.followOnWeeks !== 0) {
      add(`services.${key}.followOnWeeks`, `${terms.label} weeks after the stay`, (f) =>
        savingWith(
          withService(def, key, (s) => ({ ...s, followOnWeeks: ((s.followOnWeeks as number | undefined) ?? 52) * f })),
          weekly
        )
      )
    }
  }
  return rows.sort((a, b) => b.swing - a.swing)
}

/** Everything the Costs page shows for one scenario. */
export function analyseScenario(def: ScenarioDefinition, table: WeeklyCosts, labels: OptionLabels = {}): ScenarioAnalysis {
  const weekly = effectiveWeekly(def, table)
  const byOption: ScenarioAnalysis['byOption'] = { baseline: {}, proposed: {} }
  const result = summarise(def, weekly, labels, byOption)
  return { name: def.name, ...result, byOption, sensitivity: sensitivity(def, weekly, labels), unitCosts: weekly }
}
