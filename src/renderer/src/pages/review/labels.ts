import { codeMeanings } from '../../../../shared/ssda903-codes'

/** A legal-status code as a Head of Service reads it: "Full care order (C2)". */
export const legalStatusName = (ls: string | null): string => (ls === null ? 'Unknown' : `${codeMeanings.LS[ls] ?? 'Other'} (${ls})`)

/** "2 years 3 months" from a number of days, for time on an order. */
export function duration(days: number): string {
  const years = Math.floor(days / 365.25)
  const months = Math.floor((days - years * 365.25) / 30.44)
  if (years === 0 && months === 0) return `${days} day${days === 1 ? '' : 's'}`
  return [years && `${years} year${years === 1 ? '' : 's'}`, months && `${months} month${months === 1 ? '' : 's'}`].filter(Boolean).join(' ')
}
