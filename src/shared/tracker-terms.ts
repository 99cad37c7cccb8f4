// Without zod, so the first screen (the home tiles, the tracker link's filters) loads no schemas.

export const legalStatusGroups = ['FCO', 'ICO', 'S20', 'PO', 'REMAND', 'OTHER'] as const
export type LegalStatusGroup = (typeof legalStatusGroups)[number]

export const permanenceStatuses = ['agreed', 'not_agreed', 'oversight', 'none'] as const
export type PermanenceStatus = (typeof permanenceStatuses)[number]

export const driftCodes = ['fco_no_decision', 's20_no_decision', 'placement_moves', 'no_panel_look', 'pwp_no_discharge_plan'] as const
export type DriftCode = (typeof driftCodes)[number]

/**
 * Facts about a looked-after child the tracker counts and filters by:
 * decisions about earlier carers only; on a care order placed with parents; a care
 * plan confirmed at an IRO review but no panel decision; an oversight entry (the
 * latest, wherever recorded) whose next review date has passed.
 */
export const trackerFlags = ['carers_changed', 'placed_with_parents', 'plan_confirmed_no_decision', 'oversight_review_overdue'] as const
export type TrackerFlag = (typeof trackerFlags)[number]

/**
 * The words for each "without a decision" figure; one meaning each (defined in
 * core/tracker/figures.ts), so a label seen on two screens is always the same number.
 */
export const figureLabels = {
  /** Status "none": no panel decision and no management oversight. */
  noDecisionNoOversight: 'no panel decision and no oversight'
} as const
