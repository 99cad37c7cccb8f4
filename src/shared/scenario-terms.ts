import type { ScenarioDefinition } from './api'

/**
 * A scenario that places no child on either side and runs no service: there is nothing to
 * cost, so the screens say so instead of showing £0 baseline, £0 proposed and "no change".
 */
export const costsNothing = (def: ScenarioDefinition): boolean =>
  [...Object.values(def.baseline), ...Object.values(def.proposed)].every((n) => !n) &&
  !def.services.ART_HUB &&
  !def.services.MFP &&
  Object.keys(def.services.other ?? {}).length === 0

/** What a service's shares of its admissions (would otherwise use, goes on to) add up to: 1 is all of them. */
export const shareTotal = (shares: Partial<Record<string, number>> | undefined): number =>
  Object.values(shares ?? {}).reduce<number>((sum, share) => sum + (share ?? 0), 0)

/** Whether the shares account for every admission, within rounding: the core refuses a service's shares that do not. */
export const sharesAddUp = (shares: Partial<Record<string, number>> | undefined): boolean => Math.abs(shareTotal(shares) - 1) < 1e-6
