import { z } from 'zod'
import { command, isoDate, query } from './define'
import { placementOptions } from '../placement-options'

export * from '../placement-options'
import type { RowIssue } from './io'

/** An option code from the catalogue: the seeded ones or one a commissioner added. */
export type PlacementOption = string

/** New services costed as a fixed running cost, not per child-week. */
export const serviceOptions = ['ART_HUB', 'MFP'] as const
export type ServiceOption = (typeof serviceOptions)[number]
export const isService = (option: PlacementOption): option is ServiceOption => option === 'ART_HUB' || option === 'MFP'

/**
 * A placement-mapping target that is deliberately not a cost line (placed with parents,
 * placed for adoption): such children are counted apart from the unmapped ones.
 */
export const notCosted = 'NOT_COSTED'

export const placementOption = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'expected an option code in capitals, digits and _ (such as RESIDENTIAL_INHOUSE)')
/**
 * How every listing reads: the seeded placement options in their order, then any a
 * commissioner added, by code, and the new services (ART hub, MFP) last, so an added
 * placement sits with the other placements rather than after the services.
 */
const addedRank = placementOptions.indexOf(serviceOptions[0]) - 0.5
const optionRank = (code: string): number => {
  const i = (placementOptions as readonly string[]).indexOf(code)
  return i < 0 ? addedRank : i
}
export const optionOrder = (codes: Iterable<string>): string[] => [...new Set(codes)].sort((a, b) => optionRank(a) - optionRank(b) || a.localeCompare(b))
// Bounded so a scenario's arithmetic stays finite (1e308 children once costed to Infinity):
// more children than England looks after, more pounds than any council's whole budget.
/** The most pounds any one figure may be. */
export const moneyLimit = 1_000_000_000
const money = z.number().finite().min(0).max(moneyLimit)
const count = z.number().finite().min(0).max(100_000)
const rate = z.number().finite().min(-0.5).max(1)

const share = z.number().finite().min(0).max(1)
const shares = z.partialRecord(placementOption, share)

/**
 * What makes a service a flow of admissions rather than a count of places:
 * with `lengthOfStayDays` the service admits capacity × occupancy × 365 / lengthOfStayDays
 * children a year (scaled by phasing), each of whom would otherwise have used the
 * `otherwise` mix for the stay and `followOnWeeks` after it, and instead goes on to the
 * `destinations` mix. Every field is optional, so scenarios written before keep working.
 */
const serviceFlow = {
  label: z.string().trim().min(1).max(120).optional(),
  /** Share of places filled on average, 0–1. */
  occupancy: share.optional(),
  lengthOfStayDays: z.number().finite().positive().max(3650).optional(),
  /** Scenario year the service opens (1 = the first). */
  startYear: z.number().int().min(1).max(30).optional(),
  /** Share of the service open in each year from its start (e.g. [0.5, 1]); 1 after the list. */
  phasing: z.array(share).max(30).optional(),
  /** One-off set-up or capital cost in the opening year (e.g. adapting a building). */
  setUpCost: money.optional(),
  staffing: z
    .array(z.strictObject({ role: z.string().trim().min(1).max(80), fte: z.number().finite().min(0).max(500), annualCostPerFte: money }))
    .max(40)
    .optional(),
  /** Ages on admission the service takes, inclusive (MFP: 16–17). */
  ageBand: z.strictObject({ from: z.number().int().min(0).max(25), to: z.number().int().min(0).max(25) }).optional(),
  /** Places used by a parent with their child; each such admission serves two children. */
  parentAndChildPlaces: z.number().int().min(0).max(100).optional(),
  /** The placement a parent-and-child admission would otherwise have used. */
  parentAndChildOtherwise: placementOption.optional(),
  /** What each admission would otherwise have used, as shares adding up to 1. */
  otherwise: shares.optional(),
  /** Where children go after the service, as shares adding up to 1. */
  destinations: shares.optional(),
  /** Weeks after the stay over which the otherwise and destination placements are compared (default 52). */
  followOnWeeks: z.number().finite().min(0).max(520).optional()
}

const genericService = z.strictObject({
  ...serviceFlow,
  label: z.string().trim().min(1).max(120),
  places: z.number().int().min(0).max(500),
  fixedAnnual: money,
  lengthOfStayDays: z.number().finite().positive().max(3650)
})

export const scenarioDefinition = z.strictObject({
  name: z.string().trim().min(1).max(120),
  years: z.number().int().min(1).max(30),
  weeksPerYear: z.number().finite().positive().max(53).default(52),
  demandGrowth: rate.default(0),
  /**
   * Children in placements each year relative to the baseline (year 1 first), e.g. from
   * the demand forecast's p50; when given it replaces the flat demandGrowth.
   */
  demandIndex: z.array(z.number().finite().min(0).max(10)).min(1).max(30).optional(),
  /** Where demandIndex came from, shown beside it (e.g. "Forecast from 31/03/2020, reference 31/03/2018 – 31/03/2020"). */
  demandSource: z.string().trim().max(200).optional(),
  inflation: rate.default(0),
  baseline: z.partialRecord(placementOption, count),
  proposed: z.partialRecord(placementOption, count),
  services: z
    .strictObject({
      ART_HUB: z.strictObject({ beds: z.number().int().min(0).max(100), fixedAnnual: money, replaces: placementOption.optional(), ...serviceFlow }).optional(),
      MFP: z
        .strictObject({
          units: z.number().int().min(0).max(100),
          placesPerUnit: z.number().int().min(1).max(10),
          fixedAnnualPerUnit: money,
          replaces: placementOption.optional(),
          ...serviceFlow
        })
        .optional(),
      /** Any other service, by a code of its own (a therapeutic service, a parent-and-child unit…): always costed by its flow of admissions. */
      other: z.partialRecord(placementOption, genericService).optional()
    })
    .default({}),
  /** Weekly costs that override the unit-cost table for this scenario only. */
  unitCosts: z.partialRecord(placementOption, money).default({}),
  /** Which effective-dated unit costs to use (default: today's). */
  costsAsOf: isoDate.optional()
})
export type ScenarioInput = z.input<typeof scenarioDefinition>
export type ScenarioDefinition = z.output<typeof scenarioDefinition>

export interface UnitCostRow {
  id: number
  optionCode: PlacementOption
  label: string
  weekly: number
  annual: number
  effectiveFrom: string
  source: string
  /** True for ART hub and MFP, whose costs are the council's stated assumptions. */
  isAssumption: boolean
  /** per_child: £ per child per week; per_service: whole ART hub per week; per_unit: one MFP unit per week. */
  basis: 'per_child' | 'per_service' | 'per_unit'
  capacity: number | null
}

export interface PlacementMappingRow {
  place: string
  /** '*' matches any provider; an exact provider wins over '*'. */
  placeProvider: string
  /** Age on the date, ageFrom ≤ age < ageTo (0–99 = every age); the narrowest matching band wins. */
  ageFrom: number
  ageTo: number
  optionCode: string
}

export interface CostOption {
  code: string
  label: string
  /** placement: £ per child-week; service: a fixed running cost (ART hub, MFP). */
  kind: 'placement' | 'service'
  /** From this date the option is no longer offered (no unit cost, no mapping). */
  retiredFrom: string | null
}

export interface MappingPreview {
  date: string
  /** Children each mapping row catches on the date. */
  rows: (PlacementMappingRow & { children: number })[]
  unmapped: CostBaseline['unmapped']
  unmappedTotal: number
}

export interface CostBaseline {
  date: string
  counts: Record<PlacementOption, number>
  /**
   * The options in `counts` counted from care that has ended (Staying Put, SGO allowances):
   * still paid for, but their young people are not looked after, so not in `lookedAfter`.
   */
  afterCare: PlacementOption[]
  lookedAfter: number
  notCosted: number
  unmapped: { place: string | null; placeProvider: string | null; children: number }[]
  unmappedTotal: number
  /** The rules used, in words, so a commissioner can check how the figures were made. */
  rules: string[]
}

export interface YearCost {
  year: number
  baseline: number
  proposed: number
  saving: number
}

export interface BreakEven {
  service: string
  replaces: PlacementOption
  fixedAnnual: number
  /** Annual cost of one child in the placement the service replaces. */
  replacedAnnualPerChild: number
  /** Children the service must take from `replaces` to cover its fixed cost (null when that placement costs nothing). */
  children: number | null
  capacity: number
  /** `children` as a share of capacity; above 1 the service cannot break even. */
  occupancy: number | null
  placed: number
  /**
   * Of `placed`, the children the proposed counts do not take out of `replaces` (its proposed
   * count is not that much below its baseline): the scenario pays for their old place and the new.
   * 0 for services costed as a flow of admissions.
   */
  notMoved: number
  /** Services costed as a flow of admissions: admissions a year at the stated occupancy when fully open, and the cost each avoids. */
  flow?: { admissionsPerYear: number; avoidedPerAdmission: number; breakEvenAdmissions: number | null; lengthOfStayDays: number }
}

export interface SensitivityRow {
  assumption: string
  label: string
  low: number
  high: number
  swing: number
}

export interface ScenarioResult {
  years: YearCost[]
  total: { baseline: number; proposed: number; saving: number }
  breakEven: Record<string, BreakEven>
}

export interface ScenarioAnalysis extends ScenarioResult {
  name: string
  /** Cost per option per year: `byOption.proposed.IFA[0]` is year 1. */
  byOption: { baseline: Partial<Record<PlacementOption, number[]>>; proposed: Partial<Record<PlacementOption, number[]>> }
  /** Total saving at −20% and +20% of each assumption, widest swing first. */
  sensitivity: SensitivityRow[]
  unitCosts: Partial<Record<PlacementOption, number>>
}

export interface SavedScenario {
  id: number
  name: string
  definition: ScenarioDefinition
  createdBy: string
  updatedAt: string
}

export interface ImportSummary {
  fileName: string
  inserted: number
  updated: number
  unchanged: number
  /** Rows not imported, each naming its file, row, column, value and reason. */
  rejected: RowIssue[]
}

export const sufficiencyMeasures = [
  'lookedAfter',
  'inHouseShare',
  'familyBasedShare',
  'kinshipShare',
  'threePlusPlacements',
  'longTermStability',
  'admissions',
  'leavers',
  'adoptions',
  'sgos',
  'caos'
] as const
export type SufficiencyMeasure = (typeof sufficiencyMeasures)[number]
export const comparatorKinds = ['statisticalNeighbours', 'england'] as const
export type ComparatorKind = (typeof comparatorKinds)[number]

/** One sufficiency or stability measure: numbers only, never who. */
export interface SufficiencyRow {
  measure: SufficiencyMeasure
  label: string
  unit: 'count' | 'percent'
  /**
   * On the date (stock measures) or over the 12 months to it (flows, 3+ placements).
   * Null for a percentage of no children (`of` is 0): there is no share to state.
   */
  value: number | null
  /** For a percentage, the children it is a share of. */
  of: number | null
  /** Null as `value` is, for the year before. */
  yearEarlier: number | null
  /** `value` less `yearEarlier`; null when either is. */
  change: number | null
  comparators: Partial<Record<ComparatorKind, number>>
}

export interface SufficiencyReport {
  asOf: string
  /** The 12 months the flow measures count: (from, asOf]. */
  yearFrom: string
  rows: SufficiencyRow[]
  /** Looked-after children on the date by placement type, in-house (PR1) against external (PR2–PR5). */
  byPlacementType: { type: string; inHouse: number; external: number; other: number }[]
  rules: string[]
}

/** Placement categories the demand forecast projects (from 903 PLACE). */
export const forecastCategories = ['fostering', 'kinship', 'residential', 'semiIndependent', 'adoption', 'withParents', 'other'] as const
/** The forecast's placement categories in words, for its sheet and screens. */
export const forecastCategoryLabels: Record<(typeof forecastCategories)[number], string> = {
  fostering: 'Foster care',
  kinship: 'Kinship care',
  residential: 'Residential',
  semiIndependent: 'Semi-independent living',
  adoption: 'Placed for adoption',
  withParents: 'Placed with parents',
  other: 'Other'
}
export type ForecastCategory = (typeof forecastCategories)[number]
/** Age bands of the forecast, on each month end; 'unknown' where a child's date of birth is missing. */
export const forecastAgeBands = ['0-4', '5-10', '11-15', '16+', 'unknown'] as const
export type ForecastAgeBand = (typeof forecastAgeBands)[number]

export interface Band {
  p10: number
  p50: number
  p90: number
}

export interface ForecastMonth {
  /** YYYY-MM; counts are at the month's end. */
  month: string
  total: Band
  byCategory: Record<ForecastCategory, Band>
  byAgeBand: Record<ForecastAgeBand, Band>
}

export interface ForecastModel {
  /** Monthly probability of moving from a category (row) to another or of leaving care. */
  transitions: Record<ForecastCategory, Record<ForecastCategory | 'left', number>>
  /** Mean entries a month, by age band on entry and category. */
  entries: Record<string, Partial<Record<ForecastCategory, number>>>
  /** Children observed at a month's start in each category, over the reference period. */
  exposure: Record<ForecastCategory, number>
  /**
   * The same by category and age band ("fostering|11-15"): where children in each were at
   * the month's end, ageing included; states nobody was in are left out and use their
   * category's row, staying in their band.
   */
  byAge: Record<string, Partial<Record<string, number>>>
}

export interface ForecastResult {
  asOf: string
  reference: { from: string; to: string }
  /**
   * What the model learnt from: each child in care at the start of a reference month, and
   * each who came into care in one. None means the reference period holds no 903 history
   * (an empty database, or a period before its first return), so there is no forecast.
   */
  observedChildMonths: number
  /** Looked after on asOf, which the first month starts from. */
  lookedAfter: number
  runs: number
  model: ForecastModel
  series: ForecastMonth[]
  /** Mean p50 of each forecast year over those looked after on asOf: a scenario's demandIndex. */
  demandIndex: number[]
  backtest: {
    /** The model fitted on the same length of reference ending at `from`, projected to asOf. */
    reference: { from: string; to: string }
    months: { month: string; actual: number; p10: number; p50: number; p90: number }[]
    /** Mean absolute percentage error of p50 against what happened. */
    mape: number
    /** Error of p50 in the last month, as a share of the actual. */
    finalError: number
    /** Share of months whose actual count fell inside p10–p90. */
    coverage: number
  } | null
}

const scenarioId = z.number().int().positive()
const columnRef = z.string().trim().min(1).max(80)

/** A finance sheet of unit costs (workbook or CSV) and where its columns are. */
const unitCostImport = z.strictObject({
  fileName: z.string().min(1).max(260),
  contentBase64: z.string().min(1).max(40_000_000, 'workbook too large: import at most 30 MB'),
  sheet: z.string().max(100).optional(),
  /** Header text or column letter for each field. */
  columns: z.strictObject({ optionCode: columnRef, weekly: columnRef, effectiveFrom: columnRef.optional(), source: columnRef.optional() }),
  effectiveFrom: isoDate.optional(),
  source: z.string().trim().min(1).max(300).optional()
})

export const costsCalls = {
  listUnitCosts: query<UnitCostRow[]>()(z.strictObject({ asOf: isoDate.optional() })),
  unitCostHistory: query<UnitCostRow[]>()(z.strictObject({ optionCode: placementOption })),
  setUnitCost: command<UnitCostRow>()(
    z.strictObject({
      optionCode: placementOption,
      weekly: money,
      effectiveFrom: isoDate,
      source: z.string().trim().min(1).max(300),
      label: z.string().trim().min(1).max(120).optional()
    })
  ),
  importUnitCosts: command<ImportSummary>()(unitCostImport),
  /** What importUnitCosts would do with the sheet (counts and rejected rows), writing nothing. */
  previewUnitCosts: query<ImportSummary>()(unitCostImport),
  listPlacementMappings: query<PlacementMappingRow[]>()(z.strictObject({})),
  setPlacementMapping: command<PlacementMappingRow | null>()(
    z
      .strictObject({
        place: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z][0-9A-Z]{1,2}$/, 'expected a 903 PLACE code such as U4'),
        placeProvider: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^(PR[0-5]|\*)$/, "expected PR0–PR5 or '*'"),
        ageFrom: z.number().int().min(0).max(98).default(0),
        ageTo: z.number().int().min(1).max(99).default(99),
        /** An option in the catalogue or NOT_COSTED; null removes the mapping. */
        optionCode: placementOption.or(z.literal(notCosted)).nullable()
      })
      .refine((m) => m.ageTo > m.ageFrom, { message: 'ageTo must be above ageFrom', path: ['ageTo'] })
  ),
  previewMapping: query<MappingPreview>()(z.strictObject({ date: isoDate })),
  listOptions: query<CostOption[]>()(z.strictObject({ includeRetired: z.boolean().default(false) })),
  /** Adds an option (with its first unit cost), renames it, or retires / restores it. */
  saveOption: command<CostOption>()(
    z.strictObject({
      code: placementOption,
      label: z.string().trim().min(1).max(120),
      kind: z.enum(['placement', 'service']).default('placement'),
      retiredFrom: isoDate.nullable().default(null),
      firstCost: z
        .strictObject({ weekly: money, effectiveFrom: isoDate, source: z.string().trim().min(1).max(300), isAssumption: z.boolean().default(false) })
        .optional()
    })
  ),
  costBaseline: query<CostBaseline>()(z.strictObject({ date: isoDate })),
  /** A monthly projection of children looked after from the 903 history, with p10 / p50 / p90 bands and a back-test. */
  demandForecast: query<ForecastResult>()(
    z.strictObject({
      asOf: isoDate,
      years: z.number().int().min(1).max(10).default(3),
      /** Reference period the model is fitted on (default: the 24 months to asOf). */
      referenceFrom: isoDate.optional(),
      referenceTo: isoDate.optional(),
      runs: z.number().int().min(50).max(2000).default(400),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31)
        .default(20200331)
    })
  ),

  sufficiency: query<SufficiencyReport>()(z.strictObject({ asOf: isoDate })),
  /** Sets (or with null clears) a comparator figure: a percentage as a share 0–1, a count as a number. */
  setSufficiencyComparator: command<SufficiencyReport['rows'][number]['comparators']>()(
    z.strictObject({ measure: z.enum(sufficiencyMeasures), comparator: z.enum(comparatorKinds), value: z.number().finite().min(0).max(1_000_000).nullable() })
  ),

  /** A starting scenario: the baseline from the data on `date` in both columns, services at the table's assumptions. */
  draftScenario: query<ScenarioDefinition>()(z.strictObject({ date: isoDate })),
  runScenario: query<ScenarioAnalysis>()(z.strictObject({ definition: scenarioDefinition })),
  listScenarios: query<SavedScenario[]>()(z.strictObject({})),
  saveScenario: command<SavedScenario>()(z.strictObject({ id: scenarioId.optional(), definition: scenarioDefinition })),
  duplicateScenario: command<SavedScenario>()(z.strictObject({ id: scenarioId, name: z.string().trim().min(1).max(120) })),
  deleteScenario: command<{ deleted: number }>()(z.strictObject({ id: scenarioId })),
  compareScenarios: query<ScenarioAnalysis[]>()(z.strictObject({ ids: z.array(scenarioId).min(1).max(6) })),
  exportCostWorkbook: query<{ fileName: string; contentBase64: string }>()(z.strictObject({ definition: scenarioDefinition }))
}
