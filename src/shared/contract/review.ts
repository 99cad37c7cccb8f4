import { z } from 'zod'
import { childId, command, isoDate, query } from './define'
import { expectedVersion, type DecisionOutcome } from './panel'
import { permanenceStatuses, type PermanenceStatus, type TrackerCounts, type TrackerRow } from './tracker'

/**
 * The council's cohorts for the Head of Service: full care orders with no
 * decision and no oversight, the section 20 audit, and children on care orders placed
 * with parents (the twice-yearly audit).
 */
export const reviewCohorts = ['FCO', 'S20', 'PWP'] as const
export type ReviewCohort = (typeof reviewCohorts)[number]
export const cohortLabels: Record<ReviewCohort, string> = { FCO: 'Full care order', S20: 'Section 20 audit', PWP: 'Placed with parents' }

/** Who is in a cohort: 903 legal statuses × permanence statuses × placements (none listed: any). */
export interface CohortDefinition {
  cohort: ReviewCohort
  label: string
  legalStatuses: string[]
  statuses: PermanenceStatus[]
  placements: string[]
}

const code = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{1,3}$/, 'a 903 code such as C2 or P1')
export const cohortDefinitionsInput = z
  .array(
    z.strictObject({
      cohort: z.enum(reviewCohorts),
      label: z.string().trim().min(1).max(120),
      legalStatuses: z.array(code).min(1).max(20),
      statuses: z.array(z.enum(permanenceStatuses)).min(1).max(4),
      placements: z.array(code).max(40)
    })
  )
  .length(3)
  .refine((defs) => new Set(defs.map((d) => d.cohort)).size === 3, 'define each of FCO, S20 and PWP once')

export const reviewOutcomes = ['refer_panel', 'plan_confirmed', 'refer_kdm', 'other'] as const
export type ReviewOutcome = (typeof reviewOutcomes)[number]

export const reviewOutcomeLabels: Record<ReviewOutcome, string> = {
  refer_panel: 'Refer to Permanence Panel',
  plan_confirmed: 'Plan confirmed with oversight',
  refer_kdm: 'Refer to key decision-making meeting',
  other: 'Other'
}

/** What the tracker said about the child on the cycle's start date, frozen when it opened. */
export type ReviewSnapshot = Pick<
  TrackerRow,
  | 'ls'
  | 'legalStatusSince'
  | 'periodStart'
  | 'placement'
  | 'placementProvider'
  | 'carer'
  | 'placementStart'
  | 'placementsLast12Months'
  | 'status'
  | 'decisionDate'
  | 'lastPanelDate'
  | 'lastOversightDate'
>

/** Something about the child that moved after the snapshot; the child stays in the cycle. */
export interface ReviewChange {
  kind: 'legal_status' | 'left_care' | 'decision'
  detail: string
}

export interface ReviewProgress {
  total: number
  reviewed: number
}

export interface ReviewCycleSummary {
  id: number
  label: string
  startDate: string
  status: 'open' | 'closed'
  openedBy: string
  openedAt: string
  progress: ReviewProgress
  byCohort: Record<ReviewCohort, ReviewProgress>
  byOutcome: Record<ReviewOutcome, number>
  /** Children whose order or care changed after the cycle opened. */
  changed: number
  /** The cohort definitions the cycle was opened with, in the order children were matched. */
  cohortDefinitions: CohortDefinition[]
}

export interface ReviewItemRow {
  id: number
  cycleId: number
  childId: string
  name: string
  cohort: ReviewCohort
  snapshot: ReviewSnapshot
  /** Days from the start of the legal status to the cycle's start date. */
  daysOnOrder: number
  changes: ReviewChange[]
  outcome: ReviewOutcome | null
  outcomeNote: string | null
  reviewDate: string | null
  nextReviewDate: string | null
  reviewedBy: string | null
  /** Section 20 audit: is the child's legal permanence secure? null until answered. */
  legalPermanenceSecure: boolean | null
  /** The item's edit version, sent back as `expectedVersion` with a change. */
  version: number
}

export interface LegalStatusSpell {
  ls: string | null
  from: string
  /** Null while it is still the child's legal status. */
  to: string | null
}

/** A correction of the item's outcome, from the audit log: who, when, why and what it was before. */
export interface ReviewOutcomeCorrection {
  by: string
  at: string
  reason: string
  was: ReviewOutcome
}

/** A Head of Service referral to panel that was later corrected to another outcome. */
export interface WithdrawnReferral extends ReviewOutcomeCorrection {
  itemId: number
  cycleLabel: string
  /** The outcome the review item has now. */
  now: ReviewOutcome
}

/** A panel meeting not yet signed off with this child on its agenda, still to be decided. */
export interface PendingAgendaEntry {
  meetingId: number
  date: string
  reason: string | null
}

export interface ReviewItemDetail extends ReviewItemRow {
  cycle: ReviewCycleSummary
  /** Newest first; empty while the outcome stands as first recorded. */
  corrections: ReviewOutcomeCorrection[]
  /** Panels still to consider the child: a corrected referral leaves them for the chair to take off. */
  onAgenda: PendingAgendaEntry[]
  dob: string | null
  legalStatusHistory: LegalStatusSpell[]
  panelHistory: { date: string; outcome: DecisionOutcome; reasons: string | null }[]
  oversightNotes: { date: string; manager: string; note: string | null; nextReviewDate: string | null; source: string }[]
}

/** A child's review outcomes across cycles, for the tracker's child page. */
export interface ChildReviewEntry {
  itemId: number
  cycleId: number
  cycleLabel: string
  cohort: ReviewCohort
  outcome: ReviewOutcome | null
  outcomeNote: string | null
  reviewDate: string | null
  nextReviewDate: string | null
  reviewedBy: string | null
}

export interface WaitingChild {
  childId: string
  name: string
  ls: string | null
  legalStatusSince: string
  daysWaiting: number
  status: 'not_agreed' | 'oversight' | 'none'
}

export interface OverdueOversight {
  childId: string
  name: string
  ls: string | null
  lastOversightDate: string
  manager: string
  nextReviewDate: string
  daysOverdue: number
}

export interface ReviewDashboard {
  asOf: string
  /** Tracker counts at month ends up to asOf; `noDecisionByLegalStatus` is the trend of children with neither decision nor oversight. */
  trend: TrackerCounts[]
  longestWaits: WaitingChild[]
  /** Children under oversight on asOf, and of which the latest oversight (manager's or panel's) is past its review date. */
  oversight: { total: number; reviewOverdue: number }
  overdueOversight: OverdueOversight[]
  cycle: ReviewCycleSummary | null
}

export interface ReviewWorkbook {
  fileName: string
  mimeType: string
  contentBase64: string
}

/** No council kept this review before 2000: an earlier cohort date is a typing slip, refused. */
export const earliestCycleDate = '2000-01-01'

const note = z.string().trim().max(4000)

/**
 * The outcomes that need a note, each with what the Head of Service is told when it is
 * missing: the form says it beside the note and the core refuses with the same words.
 */
export const missingNote: Partial<Record<ReviewOutcome, string>> = {
  plan_confirmed: 'Plan confirmed needs an oversight note: what was confirmed and why.',
  refer_kdm: 'A referral to a key decision-making meeting needs a note of the question for legal advice.',
  other: 'Outcome "other" needs a note saying what was decided.'
}

export const missingCorrectionReason = 'Reason for the correction must say why the recorded outcome is being corrected.'
const cycleId = z.number().int().positive()

/** An outcome as recorded, and as corrected. */
const outcomeFields = {
  itemId: z.number().int().positive(),
  outcome: z.enum(reviewOutcomes),
  note: note.optional(),
  reviewDate: isoDate.optional(),
  nextReviewDate: isoDate.optional(),
  expectedVersion
}

export const reviewCalls = {
  openReviewCycle: command<ReviewCycleSummary>()(
    z.strictObject({
      startDate: isoDate,
      label: z.string().trim().min(1).max(60).optional(),
      /** Open even though the date is more than a quarter ahead or another cycle is open (the error's `details.confirm` says which). */
      confirm: z.boolean().optional()
    })
  ),
  closeReviewCycle: command<ReviewCycleSummary>()(z.strictObject({ cycleId })),
  listReviewCycles: query<ReviewCycleSummary[]>()(z.strictObject({})),
  reviewCycle: query<{ cycle: ReviewCycleSummary; items: ReviewItemRow[] }>()(z.strictObject({ cycleId })),
  reviewItem: query<ReviewItemDetail>()(z.strictObject({ itemId: z.number().int().positive() })),
  recordReviewOutcome: command<ReviewItemRow>()(z.strictObject(outcomeFields)),
  /** Puts right a recorded outcome (a slip) while the cycle is open; the reason is kept with the change. */
  correctReviewOutcome: command<ReviewItemRow>()(
    z.strictObject({
      ...outcomeFields,
      correctionReason: z.string().trim().min(1, 'say why the recorded outcome is being corrected').max(2000)
    })
  ),
  childReviews: query<ChildReviewEntry[]>()(z.strictObject({ childId })),
  reviewDashboard: query<ReviewDashboard>()(z.strictObject({ asOf: isoDate.optional(), months: z.number().int().min(1).max(36).optional() })),
  exportReviewCycle: query<ReviewWorkbook>()(z.strictObject({ cycleId })),
  getCohortDefinitions: query<CohortDefinition[]>()(z.strictObject({})),
  /** For councils that count differently; used by cycles opened from now on, printed on their exports. */
  setCohortDefinitions: command<CohortDefinition[]>()(z.strictObject({ definitions: cohortDefinitionsInput })),
  /** The section 20 audit's "legal permanence secure?" answer, beside the outcome. */
  setLegalPermanenceSecure: command<ReviewItemRow>()(z.strictObject({ itemId: z.number().int().positive(), secure: z.boolean().nullable(), expectedVersion }))
}
