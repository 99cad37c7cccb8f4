import type { PermanenceStatus, ReviewCohort } from '../../../../shared/api'

/** SSDA903 legal-status codes as a Head of Service reads them. */
const legalStatusNames: Record<string, string> = {
  C1: 'Interim care order', C2: 'Full care order', D1: 'Freeing order', E1: 'Placement order', V2: 'Section 20',
  J1: 'Remand', J2: 'PACE', J3: 'YRO with residence', L1: 'Police protection', L2: 'Emergency protection order', L3: 'Child assessment order'
}

export const legalStatusName = (ls: string | null): string => (ls === null ? 'Unknown' : `${legalStatusNames[ls] ?? 'Other'} (${ls})`)

export const statusName: Record<PermanenceStatus, string> = { agreed: 'Agreed', not_agreed: 'Not agreed', oversight: 'Oversight', none: 'None' }

export const cohortName: Record<ReviewCohort, string> = { FCO: 'Full care order', S20: 'Section 20 audit', PWP: 'Placed with parents' }

/** "2 years 3 months" from a number of days, for time on an order. */
export function duration(days: number): string {
  const years = Math.floor(days / 365.25)
  const months = Math.floor((days - years * 365.25) / 30.44)
  if (years === 0 && months === 0) return `${days} days`
  return [years && `${years} year${years === 1 ? '' : 's'}`, months && `${months} month${months === 1 ? '' : 's'}`].filter(Boolean).join(' ')
}
