import { z } from 'zod'
import type { EpisodeRow } from './children'
import { childId, command, isoDate, query } from './define'
import {
  driftCodes,
  legalStatusGroups,
  permanenceStatuses,
  trackerFlags,
  type DriftCode,
  type LegalStatusGroup,
  type PermanenceStatus,
  type TrackerFlag
} from '../tracker-terms'
import { pageWindow, sortBy, type GridWorkbook, type Page } from './paging'

export * from '../tracker-terms'

export const statusLabels: Record<PermanenceStatus, string> = { agreed: 'Agreed', not_agreed: 'Not agreed', oversight: 'Oversight', none: 'None' }

export const groupLabels: Record<LegalStatusGroup, string> = {
  FCO: 'Full care order',
  ICO: 'Interim care order',
  S20: 'Section 20',
  PO: 'Placement order',
  REMAND: 'Remand',
  OTHER: 'Other'
}

export type ByLegalStatus = Record<LegalStatusGroup, number>

/** The tracker's headline numbers on one date; the CLI prints exactly this. */
export interface TrackerCounts {
  asOf: string
  lookedAfter: number
  byLegalStatus: ByLegalStatus
  permanence: { agreed: number; notAgreed: number; oversight: number; none: number }
  /** The `none` children by legal-status group. */
  noDecisionByLegalStatus: ByLegalStatus
  /**
   * Looked-after children without a decision that counts whose decisions this period
   * were all about earlier carers (they moved to new carers since).
   */
  carersChangedSinceDecision: number
}

/** One looked-after child on the tracker's date. */
export interface TrackerRow {
  childId: string
  name: string
  dob: string | null
  /** Whole years on the tracker's date. */
  age: number | null
  /** 903 LS of the episode that makes the child looked after. */
  ls: string | null
  legalStatusGroup: LegalStatusGroup
  /** Start of the current legal status as far back as the records go. */
  legalStatusSince: string
  placement: string | null
  placementProvider: string | null
  /** The carers linked to the current placement, names joined; null when none are linked. */
  carer: string | null
  /** When the child began living with the current carers (903 RNE S, P or B); null when unknown. */
  carersSince: string | null
  /** No decision counts because this period's decisions were about earlier carers. */
  carersChangedSinceDecision: boolean
  /** Start of the current period of care; null when the records begin mid-period. */
  periodStart: string | null
  /** Start of the current placement; null when the records begin mid-placement. */
  placementStart: string | null
  /** Placements the child was in at any time in the 12 months up to the date. */
  placementsLast12Months: number
  status: PermanenceStatus
  /** Date of the panel decision behind `status` (agreed / not agreed). */
  decisionDate: string | null
  /** Latest panel consideration on or before the date, any outcome. */
  lastPanelDate: string | null
  /** Latest management-oversight event in the current period. */
  lastOversightDate: string | null
  nextAction: string | null
  nextActionDue: string | null
  episodeId: number
}

/** Short labels for drift flags; the thresholds fill in the numbers. */
export function driftLabel(code: DriftCode, t: DriftThresholds): string {
  switch (code) {
    case 'fco_no_decision':
      return `FCO over ${t.fcoMonths} months, no panel decision (oversight or none)`
    case 's20_no_decision':
      return `s20 over ${t.s20Months} months, no panel decision (oversight or none)`
    case 'placement_moves':
      return `${t.placementsIn12Months}+ placements in 12 months`
    case 'no_panel_look':
      return `No panel consideration for ${t.panelLookMonths} months`
    case 'pwp_no_discharge_plan':
      return `Placed with parents over ${t.pwpMonths} months, no discharge plan`
  }
}

export const trackerFlagLabels: Record<TrackerFlag, string> = {
  carers_changed: 'Carers changed since decision',
  placed_with_parents: 'Placed with parents (ICO/FCO)',
  plan_confirmed_no_decision: 'Plan confirmed, no decision yet',
  oversight_review_overdue: 'Oversight review overdue'
}

export const carePlanKinds = [
  'long_term_fostering',
  'adoption',
  'special_guardianship',
  'child_arrangements',
  'return_home',
  'residential',
  'staying_put_independence'
] as const
export type CarePlanKind = (typeof carePlanKinds)[number]
export const carePlanLabels: Record<CarePlanKind, string> = {
  long_term_fostering: 'Long-term fostering',
  adoption: 'Adoption',
  special_guardianship: 'Special guardianship',
  child_arrangements: 'Child arrangements order',
  return_home: 'Return home',
  residential: 'Residential',
  staying_put_independence: 'Staying put / independence'
}

/** When a looked-after child counts as drifting; editable, stored in `setting`. */
export interface DriftThresholds {
  /** On a full care order this many months without an agreed / not-agreed decision. */
  fcoMonths: number
  /** Under section 20 this many months without a decision. */
  s20Months: number
  /** This many placements or more in the last 12 months. */
  placementsIn12Months: number
  /** In care this many months with no panel consideration in that time. */
  panelLookMonths: number
  /** On a care order placed with parents this many months without a discharge application. */
  pwpMonths: number
}

export type TrackerGridRow = TrackerRow & {
  drift: DriftCode[]
  flags: TrackerFlag[]
  /** The child's permanence plan and the date an IRO review confirmed it. */
  carePlan: CarePlanKind | null
  carePlanConfirmed: string | null
  /** Latest discharge application (placed with parents), as on the date. */
  dischargeStatus: 'planned' | 'applied' | 'granted' | 'refused' | null
  /** Next review date of the latest oversight entry in the period, panel or manager. */
  oversightReviewDue: string | null
}

/** The tracker page's data for one date. */
export interface TrackerView {
  counts: TrackerCounts
  rows: TrackerGridRow[]
  thresholds: DriftThresholds
  driftCounts: Record<DriftCode, number>
  flagCounts: Record<TrackerFlag, number>
}

export interface PermanenceEventRow {
  id: number
  kind: 'decision' | 'oversight'
  date: string
  /** Panel outcome, or 'oversight' for an oversight entry. */
  outcome: 'agreed' | 'not_agreed' | 'deferred' | 'oversight'
  /** Panel meeting, or the manager who recorded the oversight. */
  by: string | null
  note: string | null
  nextReviewDate: string | null
  /** Replaced by an amendment: shown, never counted. */
  superseded: boolean
  recordedBy: string
  recordedAt: string
}

export interface ActionRow {
  id: number
  description: string
  owner: string
  dueDate: string | null
  doneAt: string | null
}

export interface ChildTimeline {
  childId: string
  name: string
  dob: string | null
  asOf: string
  /** The tracker's row on `asOf`; null when not looked after that day. */
  tracker: TrackerGridRow | null
  /** The thresholds behind `tracker.drift`. */
  thresholds: DriftThresholds
  episodes: EpisodeRow[]
  events: PermanenceEventRow[]
  actions: ActionRow[]
}

export type TrackerExport = GridWorkbook

const months = z.number().int().min(1).max(240)

export const driftThresholdsInput = z.strictObject({
  fcoMonths: months,
  s20Months: months,
  placementsIn12Months: z.number().int().min(2).max(50),
  panelLookMonths: months,
  pwpMonths: months
})

/** A saved tracker view: the filters and sort someone wants to come back to. */
export const trackerViewDefinition = z.strictObject({
  statuses: z.array(z.enum(permanenceStatuses)).max(4).optional(),
  groups: z.array(z.enum(legalStatusGroups)).max(6).optional(),
  drift: z.array(z.enum(driftCodes)).max(5).optional(),
  flags: z.array(z.enum(trackerFlags)).max(4).optional(),
  search: z.string().max(100).optional(),
  sort: z.strictObject({ column: z.string().min(1).max(64), direction: z.enum(['asc', 'desc']) }).optional()
})
export type TrackerViewDefinition = z.infer<typeof trackerViewDefinition>

export interface SavedTrackerView {
  id: number
  name: string
  definition: TrackerViewDefinition
  createdBy: string
  updatedAt: string
}

export interface OversightEntry {
  id: number
  childId: string
  entryDate: string
  manager: string
  note: string | null
  nextReviewDate: string | null
  recordedBy: string
  recordedAt: string
}

/** The tracker grid's columns that sort in SQL (the grid's column ids). */
export const trackerSortColumns = [
  'name',
  'childId',
  'age',
  'legalStatusGroup',
  'placement',
  'placementProvider',
  'carer',
  'carersSince',
  'carePlan',
  'periodStart',
  'timeInPlacement',
  'placementsLast12Months',
  'status',
  'lastPanelDate',
  'nextAction'
] as const
export type TrackerSortColumn = (typeof trackerSortColumns)[number]

/** The tile filters, as the page and a saved view hold them. */
export const trackerGridFilters = trackerViewDefinition.pick({ statuses: true, groups: true, drift: true, flags: true })
export type TrackerGridFilters = z.infer<typeof trackerGridFilters>

/** The grid's sort, first term first (empty: by child ID). */
export const trackerSort = sortBy(trackerSortColumns)
export type TrackerSort = z.output<typeof trackerSort>

export const trackerPageInput = z.strictObject({
  asOf: isoDate,
  ...pageWindow,
  sort: trackerSort,
  filters: trackerGridFilters.default({}),
  /** Part of a child ID, name or carer's name, any case. */
  search: z.string().max(100).default('')
})
export type TrackerPageInput = z.input<typeof trackerPageInput>

export type TrackerPage = Page<TrackerGridRow>

/** The tracker page's tiles: counts, drift and flag counts on a date, without the rows. */
export type TrackerSummary = Omit<TrackerView, 'rows'>

const trendRange = z.strictObject({ from: isoDate, to: isoDate }).refine((r) => r.from <= r.to, { message: 'must not be after the "To" date', path: ['from'] })

export const trackerCalls = {
  trackerCounts: query<TrackerCounts>()(z.strictObject({ asOf: isoDate })),
  /** Counts, rows with drift flags and the thresholds used, for the tracker page. */
  trackerView: query<TrackerView>()(z.strictObject({ asOf: isoDate })),
  /** The tiles of the tracker page, counted in SQL. */
  trackerSummary: query<TrackerSummary>()(z.strictObject({ asOf: isoDate })),
  /** One page of the tracker grid: filtered, searched and sorted in SQL, with the total. */
  trackerPage: query<TrackerPage>()(trackerPageInput),
  /** Counts at each month end from `from` to `to` (and on `to` itself), at most 10 years. */
  trackerTrend: query<TrackerCounts[]>()(trendRange),
  childTimeline: query<ChildTimeline>()(z.strictObject({ childId, asOf: isoDate })),
  addOversightEntry: command<OversightEntry>()(
    z.strictObject({
      childId,
      entryDate: isoDate,
      manager: z.string().trim().min(1, 'the manager is required').max(200),
      note: z.string().trim().max(4000).optional(),
      nextReviewDate: isoDate.optional()
    })
  ),
  getDriftThresholds: query<DriftThresholds>()(z.strictObject({})),
  setDriftThresholds: command<DriftThresholds>()(driftThresholdsInput),
  listTrackerViews: query<SavedTrackerView[]>()(z.strictObject({})),
  /** Saves under `name`, replacing a view of that name. */
  saveTrackerView: command<SavedTrackerView>()(z.strictObject({ name: z.string().trim().min(1).max(80), definition: trackerViewDefinition })),
  deleteTrackerView: command<{ deleted: number }>()(z.strictObject({ id: z.number().int().positive() })),
  /**
   * The tracker as a formatted .xlsx (base64), for the page to offer as a download; audited.
   * With `filters` or `search`, the Children sheet holds the rows the grid shows, all of them;
   * with `sort`, in the grid's order.
   */
  exportTracker: command<TrackerExport>()(
    z.strictObject({ asOf: isoDate, filters: trackerGridFilters.optional(), search: z.string().max(100).optional(), sort: trackerSort })
  ),
  /** The child IDs the grid holds on `asOf` (filtered, searched and sorted as it is), every one: what a print of it lists. */
  trackerChildIds: query<string[]>()(
    z.strictObject({ asOf: isoDate, filters: trackerGridFilters.default({}), search: z.string().max(100).default(''), sort: trackerSort })
  )
}
