import { driftCodes, driftThresholdsInput, type DriftCode, type DriftThresholds, type TrackerRow } from '../../../shared/contract/tracker'
import { audit } from '../store/audit'
import type { Db } from '../store/db'
import { addMonths } from '../util/days'
import { readSetting, writeSetting } from '../store/settings'
import { hasNoPanelDecision } from './figures'

/** Starting thresholds a council can change: FCO 6 months or s20 12 months undecided, 3+ placements, no panel look for 12 months. */
export const defaultDriftThresholds: DriftThresholds = { fcoMonths: 6, s20Months: 12, placementsIn12Months: 3, panelLookMonths: 12, pwpMonths: 6 }

type DriftFacts = Pick<TrackerRow, 'legalStatusGroup' | 'status' | 'legalStatusSince' | 'periodStart' | 'placementsLast12Months' | 'lastPanelDate'> &
  Partial<Pick<TrackerRow, 'ls' | 'placement' | 'placementStart'>> & {
    /** Latest discharge application dated on or before the day (placed with parents). */
    dischargeStatus?: string | null
  }

/** On an interim or full care order (LS C1, C2) and placed with parents (PLACE P1). */
export const placedWithParents = (row: Partial<Pick<TrackerRow, 'ls' | 'placement'>>): boolean => (row.ls === 'C1' || row.ls === 'C2') && row.placement === 'P1'

/**
 * Why a looked-after child is drifting on `asOf`. "Over N months" is strict: a child
 * whose order is exactly six months old on the day is not yet flagged. A period with
 * an unknown start is measured from its current legal status (a lower bound).
 */
export function driftFlags(row: DriftFacts, asOf: string, t: DriftThresholds): DriftCode[] {
  const undecided = hasNoPanelDecision(row.status)
  const before = (months: number): string => addMonths(asOf, -months)
  const flags: DriftCode[] = []
  if (undecided && row.legalStatusGroup === 'FCO' && row.legalStatusSince < before(t.fcoMonths)) flags.push('fco_no_decision')
  if (undecided && row.legalStatusGroup === 'S20' && row.legalStatusSince < before(t.s20Months)) flags.push('s20_no_decision')
  if (row.placementsLast12Months >= t.placementsIn12Months) flags.push('placement_moves')
  const panelCutoff = before(t.panelLookMonths)
  if ((row.periodStart ?? row.legalStatusSince) < panelCutoff && (row.lastPanelDate === null || row.lastPanelDate < panelCutoff)) flags.push('no_panel_look')
  // Placed at home since the placement began (or, unknown, since the legal status did).
  if (placedWithParents(row) && !row.dischargeStatus && (row.placementStart ?? row.legalStatusSince) < before(t.pwpMonths)) flags.push('pwp_no_discharge_plan')
  return flags
}

export const emptyDriftCounts = (): Record<DriftCode, number> => Object.fromEntries(driftCodes.map((c) => [c, 0])) as Record<DriftCode, number>

const settingKey = 'tracker.drift_thresholds'

/** The stored thresholds; the defaults for anything not (validly) stored. */
export async function getDriftThresholds(db: Db): Promise<DriftThresholds> {
  const stored = await readSetting(db, settingKey)
  if (stored === undefined) return { ...defaultDriftThresholds }
  let value: unknown = null
  try {
    value = JSON.parse(stored)
  } catch {
    // A hand-edited, unreadable setting falls back to the defaults rather than breaking the tracker.
  }
  const parsed = driftThresholdsInput.partial().safeParse(value)
  return { ...defaultDriftThresholds, ...(parsed.success ? parsed.data : {}) }
}

export async function setDriftThresholds(db: Db, who: string, thresholds: DriftThresholds): Promise<DriftThresholds> {
  return await db.transaction(async () => {
    const before = await getDriftThresholds(db)
    await writeSetting(db, settingKey, JSON.stringify(thresholds))
    await audit(db, { who, action: 'tracker.drift_thresholds.set', entity: 'setting', entityId: settingKey, before, after: thresholds })
    return thresholds
  })()
}
