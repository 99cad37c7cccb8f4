import { optionName } from '../placement-options'

/**
 * What each input field is called on screen, written once for every call: dispatch builds
 * its invalid-input messages from these, so a user reads "Demand growth must be at most
 * 100%", never "definition.demandGrowth: Too big". Keyed by the field's own name (the last
 * part of its path); a field missing here is named from its code ("placesPerUnit" → "Places
 * per unit"). `percent` fields hold fractions that the screens show as percentages.
 */
export interface FieldLabel {
  label: string
  percent?: boolean
}

export const fieldLabels: Record<string, string | FieldLabel> = {
  // people and children
  childId: 'Child ID',
  search: 'Search',
  lookedAfterOnly: 'Looked after only',
  manager: 'Manager',
  note: 'Note',
  notes: 'Notes',
  owner: 'Owner',
  chair: 'Chair',
  name: 'Name',
  role: 'Role',
  user: 'User',
  roles: 'Roles',
  // dates and times
  asOf: 'Date',
  date: 'Date',
  from: 'From',
  to: 'To',
  entryDate: 'Date of the entry',
  dueDate: 'Due date',
  reviewDate: 'Review date',
  returnDate: 'Return date',
  decisionDate: 'Decision date',
  effectiveFrom: 'Effective from',
  costsAsOf: 'Unit costs in force on',
  startTime: 'Start time',
  slotTime: 'Time slot',
  meetingDate: 'Date of the meeting',
  // panel
  meetingId: 'Meeting',
  itemId: 'Agenda item',
  outcome: 'Outcome',
  reasons: 'Reasons',
  conditions: 'Conditions',
  support: 'Support',
  dissent: 'Dissent',
  amendmentReason: 'Reason for the amendment',
  correctionReason: 'Reason for the correction',
  place: 'Place',
  online: 'Online',
  minMembers: 'Members needed for quorum',
  requireChair: 'Chair required',
  requireRoles: 'Roles required',
  description: 'Description',
  socialWorker: 'Presenting social worker',
  quorumRule: 'Quorum rule',
  secure: 'Legal permanence secure',
  legalPermanenceSecure: 'Legal permanence secure',
  html: 'Template',
  // tracker
  statuses: 'Permanence status',
  groups: 'Legal status',
  drift: 'Drift',
  fcoMonths: 'FCO without a decision, months',
  s20Months: 's20 without a decision, months',
  placementsIn12Months: 'Placements in 12 months',
  panelLookMonths: 'No panel consideration, months',
  // review
  cycleId: 'Review cycle',
  outcomeNote: 'Outcome note',
  // costs
  definition: 'Scenario',
  years: 'Years',
  weeksPerYear: 'Weeks a year',
  demandGrowth: { label: 'Demand growth', percent: true },
  inflation: { label: 'Inflation', percent: true },
  baseline: 'Baseline children',
  proposed: 'Proposed children',
  services: 'New services',
  unitCosts: 'Weekly cost overrides',
  beds: 'Beds',
  fixedAnnual: 'Running cost a year',
  units: 'Units',
  placesPerUnit: 'Places per unit',
  fixedAnnualPerUnit: 'Running cost a year per unit',
  replaces: 'Replaces',
  occupancy: { label: 'Occupancy', percent: true },
  lengthOfStayDays: 'Length of stay (days)',
  startYear: 'Opening year',
  setUpCost: 'Set-up cost',
  followOnWeeks: 'Weeks compared after the stay',
  otherwise: { label: 'Would otherwise use', percent: true },
  destinations: { label: 'Goes on to', percent: true },
  weekly: 'Weekly cost',
  optionCode: 'Placement option',
  // import and export
  file: 'File',
  files: 'Files',
  fileName: 'File name',
  dryRun: 'Dry run',
  sheet: 'Sheet',
  headerRow: 'Header row',
  dateFormat: 'Date format',
  // team database connection
  host: 'Server',
  port: 'Port',
  database: 'Database',
  password: 'Password',
  sslmode: 'Encryption',
  caFile: 'Certificate authority file'
}

/** "placesPerUnit" → "Places per unit", for fields without a written label. */
const fromCode = (key: string): string => {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The service a path runs through (services.ART_HUB.…, services.other.CODE.…): its name and where its key sits. */
function serviceAt(parts: readonly string[], name: (code: string) => string): { name: string; at: number } | null {
  const s = parts.indexOf('services')
  if (s < 0) return null
  const at = parts[s + 1] === 'other' ? s + 2 : s + 1
  const key = parts[at]
  return key === undefined ? null : { name: name(key), at }
}

/** Catalogue labels by option code, for options a commissioner added (the built-in ones have short names). */
export type CatalogueLabels = Partial<Record<string, string>>

/**
 * The on-screen name of the field at `path`. Record keys and list positions are named
 * after their parent, a placement option as the screens name it: ["definition","baseline",
 * "RESIDENTIAL_EXTERNAL"] → "Baseline children (Residential external)"; an option a
 * commissioner added, by its label in `catalogue`.
 */
export function labelForPath(path: readonly PropertyKey[], catalogue: CatalogueLabels = {}): FieldLabel {
  const parts = path.map(String)
  const name = (code: string): string => optionName(code, catalogue[code])
  const service = serviceAt(parts, name)
  for (const [i, part] of [...parts.entries()].reverse()) {
    const entry = fieldLabels[part]
    if (entry === undefined) continue
    const found = typeof entry === 'string' ? { label: entry } : entry
    // A service's own field, named as its field on screen: "ART hub occupancy", "ART hub would otherwise use IFA".
    if (service && i > service.at) {
      const label = [service.name, found.label.charAt(0).toLowerCase() + found.label.slice(1), ...parts.slice(i + 1).map(name)].join(' ')
      return { label, ...(found.percent && { percent: true }) }
    }
    const rest = parts.slice(i + 1).map((p) => (/^\d+$/.test(p) ? `row ${Number(p) + 1}` : name(p)))
    return rest.length ? { label: `${found.label} (${rest.join(', ')})` } : found
  }
  const last = parts.at(-1)
  return { label: last ? fromCode(last) : 'The request' }
}
