import {
  isService,
  optionOrder,
  type BreakEven,
  type PlacementOption,
  type ScenarioAnalysis,
  type ScenarioDefinition,
  type ScenarioResult,
  type SensitivityRow,
  type ServiceOption
} from '../../../shared/api'
import { invalidInput } from '../errors'

export type WeeklyCosts = Partial<Record<PlacementOption, number>>
type Counts = Partial<Record<PlacementOption, number>>
type Side = 'baseline' | 'proposed'

/** The placement a new service is meant to replace when the scenario does not say. */
export const defaultReplaces: Record<ServiceOption, PlacementOption> = { ART_HUB: 'RESIDENTIAL_EXTERNAL', MFP: 'EXTERNAL_16PLUS' }

/** Every option a scenario names, services included, in the catalogue's reading order. */
const optionsOf = (def: ScenarioDefinition): string[] => optionOrder([...Object.keys(def.baseline), ...Object.keys(def.proposed), ...Object.keys(def.services)])
const serviceLabel: Record<ServiceOption, string> = { ART_HUB: 'ART hub', MFP: 'MFP' }

/** Fixed annual cost (before inflation) and capacity of a service as the scenario defines it. */
function serviceTerms(def: ScenarioDefinition, service: ServiceOption): { fixedAnnual: number; capacity: number } | null {
  if (service === 'ART_HUB') {
    const art = def.services.ART_HUB
    return art ? { fixedAnnual: art.fixedAnnual, capacity: art.beds } : null
  }
  const mfp = def.services.MFP
  return mfp ? { fixedAnnual: mfp.fixedAnnualPerUnit * mfp.units, capacity: mfp.units * mfp.placesPerUnit } : null
}

/**
 * Checks what the formula needs beyond the schema: every counted option has a weekly
 * cost, and no side places more children in a service than it can take.
 */
export function validateScenario(def: ScenarioDefinition, weekly: WeeklyCosts): void {
  for (const service of ['ART_HUB', 'MFP'] as const) {
    if (def.unitCosts[service] !== undefined) {
      throw invalidInput(`unitCosts.${service}: the ${serviceLabel[service]} is costed by its fixed running cost in services.${service}, not a weekly cost`)
    }
  }
  for (const side of ['baseline', 'proposed'] as const) {
    for (const option of optionsOf(def)) {
      const n = def[side][option] ?? 0
      if (n === 0) continue
      if (isService(option)) {
        const terms = serviceTerms(def, option)
        if (!terms) throw invalidInput(`${side}.${option}: ${n} places in the ${serviceLabel[option]}, but services.${option} is not defined`)
        if (n > terms.capacity) {
          throw invalidInput(`${side}.${option}: ${n} places exceed the ${serviceLabel[option]}'s capacity of ${terms.capacity} (services.${option})`)
        }
      } else if (weekly[option] === undefined) {
        throw invalidInput(`${side}.${option}: no weekly unit cost for ${option}; add it to the unit-cost table or to unitCosts`)
      }
    }
  }
}

/**
 * Year y (1-based) cost of one side: Σ count × (1+g)^(y−1) × weekly × (1+i)^(y−1) × weeksPerYear
 * over ordinary options, plus the fixed cost × (1+i)^(y−1) of each service the side runs
 * (service places are not grown). The proposed side runs every service the scenario
 * defines, filled or not: its running cost is paid either way. The baseline runs a
 * service only when it places children in it (the service exists today). Writes
 * per-option costs into `out` when given, and returns the cost of each year in `totals`.
 */
function costSide(def: ScenarioDefinition, side: Side, counts: Counts, weekly: WeeklyCosts, totals: Float64Array, out?: Partial<Record<PlacementOption, number[]>>): void {
  const g = 1 + def.demandGrowth
  const i = 1 + def.inflation
  totals.fill(0)
  for (const option of optionsOf(def)) {
    const n = counts[option] ?? 0
    const runs = isService(option) && side === 'proposed' && serviceTerms(def, option) !== null
    if (n === 0 && !runs) continue
    let base: number
    let growth: number
    if (isService(option)) {
      base = serviceTerms(def, option)!.fixedAnnual
      growth = 1
    } else {
      base = n * weekly[option]! * def.weeksPerYear
      growth = g
    }
    const perYear = out ? (out[option] = new Array<number>(def.years)) : undefined
    let factor = 1
    for (let y = 0; y < def.years; y++) {
      const cost = base * factor
      totals[y] += cost
      if (perYear) perYear[y] = cost
      factor *= growth * i
    }
  }
}

interface Totals {
  baseline: Float64Array
  proposed: Float64Array
}

const totalSaving = (t: Totals): number => {
  let saving = 0
  for (let y = 0; y < t.baseline.length; y++) saving += t.baseline[y] - t.proposed[y]
  return saving
}

/** Merges the scenario's own weekly costs over the table's. */
export const effectiveWeekly = (def: ScenarioDefinition, table: WeeklyCosts): WeeklyCosts => ({ ...table, ...def.unitCosts })

function breakEven(def: ScenarioDefinition, weekly: WeeklyCosts): ScenarioResult['breakEven'] {
  const result: ScenarioResult['breakEven'] = {}
  for (const service of ['ART_HUB', 'MFP'] as const) {
    const terms = serviceTerms(def, service)
    if (!terms) continue
    const replaces = def.services[service]?.replaces ?? defaultReplaces[service]
    // Inflation moves the fixed cost and the replaced placements alike, so year 1 stands for every year.
    const replacedAnnualPerChild = (weekly[replaces] ?? 0) * def.weeksPerYear
    const children = replacedAnnualPerChild > 0 ? terms.fixedAnnual / replacedAnnualPerChild : null
    const entry: BreakEven = {
      service,
      replaces,
      fixedAnnual: terms.fixedAnnual,
      replacedAnnualPerChild,
      children,
      capacity: terms.capacity,
      occupancy: children !== null && terms.capacity > 0 ? children / terms.capacity : null,
      placed: def.proposed[service] ?? 0
    }
    result[service] = entry
  }
  return result
}

/** Costs per year and in total, and break-even occupancy: what `costs run` prints. */
export function runScenario(def: ScenarioDefinition, table: WeeklyCosts): ScenarioResult {
  return summarise(def, effectiveWeekly(def, table))
}

function summarise(def: ScenarioDefinition, weekly: WeeklyCosts, byOption?: ScenarioAnalysis['byOption']): ScenarioResult {
  validateScenario(def, weekly)
  const t: Totals = { baseline: new Float64Array(def.years), proposed: new Float64Array(def.years) }
  costSide(def, 'baseline', def.baseline, weekly, t.baseline, byOption?.baseline)
  costSide(def, 'proposed', def.proposed, weekly, t.proposed, byOption?.proposed)
  const years = Array.from({ length: def.years }, (_, y) => ({ year: y + 1, baseline: t.baseline[y], proposed: t.proposed[y], saving: t.baseline[y] - t.proposed[y] }))
  const total = years.reduce((sum, y) => ({ baseline: sum.baseline + y.baseline, proposed: sum.proposed + y.proposed, saving: sum.saving + y.saving }), { baseline: 0, proposed: 0, saving: 0 })
  return { years, total, breakEven: breakEven(def, weekly) }
}

/**
 * Total saving when one assumption moves by ±20%: each weekly cost in use, demand
 * growth, inflation and each service's fixed cost. Reuses two year buffers throughout.
 */
export function sensitivity(def: ScenarioDefinition, weekly: WeeklyCosts, labels: Partial<Record<PlacementOption, string>> = {}): SensitivityRow[] {
  validateScenario(def, weekly)
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
  for (const option of optionsOf(def)) {
    if (isService(option) || !(def.baseline[option] || def.proposed[option])) continue
    add(`unitCosts.${option}`, `Weekly cost: ${labels[option] ?? option}`, (f) => savingWith(def, { ...weekly, [option]: weekly[option]! * f }))
  }
  add('demandGrowth', 'Demand growth', (f) => savingWith({ ...def, demandGrowth: def.demandGrowth * f }, weekly))
  add('inflation', 'Inflation', (f) => savingWith({ ...def, inflation: def.inflation * f }, weekly))
  const art = def.services.ART_HUB
  if (art) add('services.ART_HUB.fixedAnnual', 'ART hub fixed cost', (f) => savingWith({ ...def, services: { ...def.services, ART_HUB: { ...art, fixedAnnual: art.fixedAnnual * f } } }, weekly))
  const mfp = def.services.MFP
  if (mfp) {
    add('services.MFP.fixedAnnualPerUnit', 'MFP fixed cost per unit', (f) =>
      savingWith({ ...def, services: { ...def.services, MFP: { ...mfp, fixedAnnualPerUnit: mfp.fixedAnnualPerUnit * f } } }, weekly)
    )
  }
  return rows.sort((a, b) => b.swing - a.swing)
}

/** Everything the Costs page shows for one scenario. */
export function analyseScenario(def: ScenarioDefinition, table: WeeklyCosts, labels: Partial<Record<PlacementOption, string>> = {}): ScenarioAnalysis {
  const weekly = effectiveWeekly(def, table)
  const byOption: ScenarioAnalysis['byOption'] = { baseline: {}, proposed: {} }
  const result = summarise(def, weekly, byOption)
  return { name: def.name, ...result, byOption, sensitivity: sensitivity(def, weekly, labels), unitCosts: weekly }
}
