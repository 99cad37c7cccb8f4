export const legalStatusGroups = ['FCO', 'ICO', 'S20', 'PO', 'REMAND', 'OTHER'] as const
export type LegalStatusGroup = (typeof legalStatusGroups)[number]

export const permanenceStatuses = ['agreed', 'not_agreed', 'oversight', 'none'] as const
export type PermanenceStatus = (typeof permanenceStatuses)[number]

export type ByLegalStatus = Record<LegalStatusGroup, number>

/** The tracker's headline numbers on one date; the CLI prints exactly this. */
export interface TrackerCounts {
  asOf: string
  lookedAfter: number
  byLegalStatus: ByLegalStatus
  permanence: { agreed: number; notAgreed: number; oversight: number; none: number }
  /** The `none` children by legal-status group. */
  noDecisionByLegalStatus: ByLegalStatus
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
  carer: string | null
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
