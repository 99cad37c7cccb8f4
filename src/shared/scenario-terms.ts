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
