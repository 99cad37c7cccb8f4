import type { PlacementOption, ScenarioDefinition } from '../../../shared/api'
import { shareTotal, sharesAddUp } from '../../../shared/scenario-terms'
import { invalidInput } from '../errors'

type Flow = Partial<
  Pick<
    NonNullable<ScenarioDefinition['services']['ART_HUB']>,
    | 'label'
    | 'occupancy'
    | 'lengthOfStayDays'
    | 'startYear'
    | 'phasing'
    | 'setUpCost'
    | 'staffing'
    | 'ageBand'
    | 'parentAndChildPlaces'
    | 'parentAndChildOtherwise'
    | 'otherwise'
    | 'destinations'
    | 'followOnWeeks'
  >
>

/** One service as the formula reads it, whatever shape the scenario gave it in. */
export interface ServiceTerms {
  key: string
  label: string
  /** Running cost a year before inflation: the fixed cost plus staffing lines. */
  fixedAnnual: number
  capacity: number
  /** The placement a counted place stands in for (count mode) or the main `otherwise` option (flow mode). */
  replaces: PlacementOption
  /** Present when the service is costed as a flow of admissions. */
  flow: (Flow & { lengthOfStayDays: number }) | null
}

/** The placement a new service is meant to replace when the scenario does not say. */
export const defaultReplaces: Record<string, PlacementOption> = { ART_HUB: 'RESIDENTIAL_EXTERNAL', MFP: 'EXTERNAL_16PLUS' }
const builtInLabel: Record<string, string> = { ART_HUB: 'ART hub', MFP: 'MFP' }

export const serviceKeys = (def: ScenarioDefinition): string[] => [
  ...(['ART_HUB', 'MFP'] as const).filter((k) => def.services[k] !== undefined),
  ...Object.keys(def.services.other ?? {}).filter((k) => k !== 'ART_HUB' && k !== 'MFP')
]

const staffingCost = (flow: Flow): number => (flow.staffing ?? []).reduce((sum, s) => sum + s.fte * s.annualCostPerFte, 0)

const largestShare = (shares: Partial<Record<string, number>> | undefined): string | undefined =>
  Object.entries(shares ?? {}).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0]?.[0]

export function serviceTerms(def: ScenarioDefinition, key: string): ServiceTerms | null {
  const spec = (key === 'ART_HUB' || key === 'MFP' ? def.services[key] : def.services.other?.[key]) as (Flow & Record<string, unknown>) | undefined
  if (!spec) return null
  let fixed: number
  let capacity: number
  if (key === 'ART_HUB') {
    const art = def.services.ART_HUB!
    fixed = art.fixedAnnual
    capacity = art.beds
  } else if (key === 'MFP') {
    const mfp = def.services.MFP!
    fixed = mfp.fixedAnnualPerUnit * mfp.units
    capacity = mfp.units * mfp.placesPerUnit
  } else {
    fixed = spec.fixedAnnual as number
    capacity = spec.places as number
  }
  const flow = spec.lengthOfStayDays === undefined ? null : { ...spec, lengthOfStayDays: spec.lengthOfStayDays }
  const replaces = (spec.replaces as string | undefined) ?? largestShare(spec.otherwise) ?? defaultReplaces[key] ?? 'RESIDENTIAL_EXTERNAL'
  return { key, label: spec.label ?? builtInLabel[key] ?? key, fixedAnnual: fixed + staffingCost(spec), capacity, replaces, flow }
}

/** Share of the service open in scenario year y (1-based): 0 before it starts, then its phasing, then 1. */
export function openShare(terms: ServiceTerms, y: number): number {
  const start = terms.flow?.startYear ?? 1
  if (y < start) return 0
  return terms.flow?.phasing?.[y - start] ?? 1
}

/** Weekly cost of a mix of options given as shares. */
export const mixWeekly = (shares: Partial<Record<string, number>>, weekly: Partial<Record<string, number>>): number =>
  Object.entries(shares).reduce((sum, [option, s]) => sum + (s ?? 0) * (weekly[option] ?? 0), 0)

export interface FlowYear {
  /** Children admitted in the year. */
  admissions: number
  /** What those admissions would have cost without the service (baseline side). */
  otherwiseCost: number
  /** What the service costs to run that year, set-up included, and where the children go afterwards (proposed side). */
  runningCost: number
  setUpCost: number
  destinationCost: number
}

/**
 * Per-admission costs at year-1 prices. An ordinary admission would otherwise have spent
 * the stay plus `followOnWeeks` in the `otherwise` mix; with the service it spends the
 * stay in the service (paid by its running cost) and `followOnWeeks` in the destinations
 * mix. A parent-and-child admission serves two children and would otherwise have used
 * `parentAndChildOtherwise` (one placement priced for the pair).
 */
export function perAdmission(
  terms: ServiceTerms,
  weekly: Partial<Record<string, number>>
): { otherwise: number; destination: number; parentAndChildShare: number } {
  const flow = terms.flow!
  const stayWeeks = flow.lengthOfStayDays / 7
  const follow = flow.followOnWeeks ?? 52
  const otherwiseMix = flow.otherwise ?? { [terms.replaces]: 1 }
  const pcShare = terms.capacity > 0 ? Math.min(1, (flow.parentAndChildPlaces ?? 0) / terms.capacity) : 0
  const ordinaryOtherwise = mixWeekly(otherwiseMix, weekly) * (stayWeeks + follow)
  const pcOtherwise = (flow.parentAndChildOtherwise ? (weekly[flow.parentAndChildOtherwise] ?? 0) : mixWeekly(otherwiseMix, weekly)) * (stayWeeks + follow)
  const destination = mixWeekly(flow.destinations ?? {}, weekly) * follow
  return { otherwise: (1 - pcShare) * ordinaryOtherwise + pcShare * pcOtherwise, destination, parentAndChildShare: pcShare }
}

/** Admissions a year when fully open: capacity × occupancy × 365 / length of stay. */
export const throughput = (terms: ServiceTerms): number => (terms.capacity * (terms.flow!.occupancy ?? 1) * 365) / terms.flow!.lengthOfStayDays

/** Year y of a flow service before inflation (the caller inflates). */
export function flowYear(terms: ServiceTerms, y: number, weekly: Partial<Record<string, number>>): FlowYear {
  const open = openShare(terms, y)
  const admissions = throughput(terms) * open
  const each = perAdmission(terms, weekly)
  const start = terms.flow!.startYear ?? 1
  return {
    admissions,
    otherwiseCost: admissions * each.otherwise,
    runningCost: terms.fixedAnnual * open,
    setUpCost: y === start ? (terms.flow!.setUpCost ?? 0) : 0,
    destinationCost: admissions * each.destination
  }
}

/**
 * What the formula needs of a flow service beyond the schema. Each message names the
 * service and its options as the screen does (`name`) and ends with the scenario file's
 * key in brackets, for the command line.
 */
export function validateFlow(def: ScenarioDefinition, terms: ServiceTerms, weekly: Partial<Record<string, number>>, name: (option: string) => string): void {
  const flow = terms.flow
  const at = `services.${terms.key}`
  const service = terms.label
  if (!flow) return
  if ((def.proposed[terms.key] ?? 0) > 0 || (def.baseline[terms.key] ?? 0) > 0) {
    throw invalidInput(
      `${service}: costed by its admissions (length of stay), so do not also count places for it in the baseline or proposed children (${at}).`
    )
  }
  for (const field of ['otherwise', 'destinations'] as const) {
    const shares = flow[field]
    const column = field === 'otherwise' ? 'would otherwise use' : 'goes on to'
    if (shares && !sharesAddUp(shares)) {
      const total = shareTotal(shares)
      throw invalidInput(`${service}: the shares it ${column} add up to ${Math.round(total * 1000) / 10}%, not 100% (${at}.${field}).`)
    }
    for (const option of Object.keys(shares ?? {})) {
      if (weekly[option] === undefined)
        throw invalidInput(`${service}: ${name(option)}, which it ${column}, has no weekly unit cost (${at}.${field}.${option}).`)
    }
  }
  for (const option of [flow.otherwise ? null : terms.replaces, flow.parentAndChildOtherwise].filter((o): o is string => !!o)) {
    if (weekly[option] === undefined) throw invalidInput(`${service}: ${name(option)}, which it stands in for, has no weekly unit cost (${at}).`)
  }
  if ((flow.parentAndChildPlaces ?? 0) > terms.capacity)
    throw invalidInput(
      `${service}: ${flow.parentAndChildPlaces} parent-and-child places is more than its ${terms.capacity} places (${at}.parentAndChildPlaces).`
    )
  if (flow.ageBand && flow.ageBand.to < flow.ageBand.from)
    throw invalidInput(`${service}: the age band's upper age ${flow.ageBand.to} is below its lower age ${flow.ageBand.from} (${at}.ageBand).`)
  if (flow.startYear !== undefined && flow.startYear > def.years)
    throw invalidInput(`${service}: opening year ${flow.startYear} is after the ${def.years} years modelled (${at}.startYear).`)
}
