/**
 * The council's own cohorts for the Head of Service, as editable definitions:
 * a child looked after on the date is in the first cohort, in the order stored, whose
 * legal statuses, permanence statuses and placements (none listed: any) it matches.
 * Placed with parents comes first, so a child at home on a care order is in its audit.
 */
import { cohortDefinitionsInput, statusLabels, type CohortDefinition, type TrackerRow } from '../../../shared/api'
import { invalidInput } from '../errors'
import { audit } from '../store/audit'
import type { Db } from '../store/db'
import { readSetting, writeSetting } from '../store/settings'

export const defaultCohortDefinitions: CohortDefinition[] = [
  {
    cohort: 'PWP',
    label: 'Interim or full care order, placed with parents',
    legalStatuses: ['C1', 'C2'],
    statuses: ['agreed', 'not_agreed', 'oversight', 'none'],
    placements: ['P1']
  },
  { cohort: 'FCO', label: 'Full care order, no decision and no oversight', legalStatuses: ['C2'], statuses: ['none'], placements: [] },
  { cohort: 'S20', label: 'Section 20, no decision and no oversight', legalStatuses: ['V2'], statuses: ['none'], placements: [] }
]

/** What cycles opened before cohorts became editable used: FCO and s20 without an agreed decision. */
export const legacyCohortDefinitions: CohortDefinition[] = [
  { cohort: 'FCO', label: 'Full care order, no agreed decision', legalStatuses: ['C2'], statuses: ['not_agreed', 'oversight', 'none'], placements: [] },
  { cohort: 'S20', label: 'Section 20, no agreed decision', legalStatuses: ['V2'], statuses: ['not_agreed', 'oversight', 'none'], placements: [] }
]

const settingKey = 'review.cohort_definitions'

export async function getCohortDefinitions(db: Db): Promise<CohortDefinition[]> {
  const stored = await readSetting(db, settingKey)
  if (stored === undefined) return structuredClone(defaultCohortDefinitions)
  let value: unknown = null
  try {
    value = JSON.parse(stored)
  } catch {
    // A hand-edited, unreadable setting falls back to the defaults rather than blocking the review.
  }
  const parsed = cohortDefinitionsInput.safeParse(value)
  return parsed.success ? parsed.data : structuredClone(defaultCohortDefinitions)
}

export async function setCohortDefinitions(db: Db, who: string, input: CohortDefinition[]): Promise<CohortDefinition[]> {
  const parsed = cohortDefinitionsInput.safeParse(input)
  if (!parsed.success) throw invalidInput(`Cohort definitions: ${parsed.error.issues.map((i) => i.message).join('; ')}`)
  const definitions = parsed.data
  return await db.transaction(async () => {
    const before = await getCohortDefinitions(db)
    await writeSetting(db, settingKey, JSON.stringify(definitions))
    await audit(db, { who, action: 'review.cohort_definitions.set', entity: 'setting', entityId: settingKey, before, after: definitions })
    return definitions
  })()
}

/** The cohort `row` belongs to under `definitions`, or null. */
export function cohortOf(row: Pick<TrackerRow, 'ls' | 'status' | 'placement'>, definitions: readonly CohortDefinition[]): CohortDefinition['cohort'] | null {
  for (const d of definitions) {
    if (row.ls === null || !d.legalStatuses.includes(row.ls) || !d.statuses.includes(row.status)) continue
    if (d.placements.length > 0 && (row.placement === null || !d.placements.includes(row.placement))) continue
    return d.cohort
  }
  return null
}

/** One line per cohort, for exports: what the numbers count. */
export const describeDefinition = (d: CohortDefinition): string =>
  `${d.cohort}: ${d.label} — legal status ${d.legalStatuses.join('/')}; permanence ${d.statuses.map((s) => statusLabels[s]).join('/')}; placement ${d.placements.length ? d.placements.join('/') : 'any'}`
