import type { PermanenceStatus } from '../../../shared/contract/tracker'

/**
 * What "without a decision" means, once each. Three different figures for full-care-order
 * children used to share near-identical words on different screens (92, 157 and 189 on the
 * demo data); every count, cohort and flag now tests a child with one of these, and each
 * shows with its own label from `figureLabels` in the contract.
 */

/** No panel decision and no management oversight: the tracker's "None". */
export const hasNoDecisionNoOversight = (status: PermanenceStatus): boolean => status === 'none'

/** No panel decision either way (agreed or not agreed); management oversight is not a panel decision. */
export const hasNoPanelDecision = (status: PermanenceStatus): boolean => status === 'none' || status === 'oversight'

/** Permanence not agreed by panel: not agreed, under oversight, or nothing yet (the Head of Service's cohort). */
export const lacksAgreedDecision = (status: PermanenceStatus): boolean => status !== 'agreed'
