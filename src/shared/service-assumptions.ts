import type { ScenarioDefinition, UnitCostRow } from './api'

/**
 * The new services (ART hub, MFP) as the unit-cost table states them: its capacity and
 * yearly cost, one MFP unit. What a scenario starts from when the commissioner switches
 * a service on; the scenario's own fields change it from there.
 */
export function serviceAssumptions(rows: readonly Pick<UnitCostRow, 'optionCode' | 'capacity' | 'annual'>[]): ScenarioDefinition['services'] {
  const art = rows.find((r) => r.optionCode === 'ART_HUB')
  const mfp = rows.find((r) => r.optionCode === 'MFP')
  return {
    ...(art && { ART_HUB: { beds: art.capacity ?? 3, fixedAnnual: art.annual } }),
    ...(mfp && { MFP: { units: 1, placesPerUnit: mfp.capacity ?? 3, fixedAnnualPerUnit: mfp.annual } })
  }
}
