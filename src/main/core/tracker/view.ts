import type { TrackerView } from '../../../shared/contract/tracker'
import type { Db } from '../store/db'
import { driftFlags, emptyDriftCounts, getDriftThresholds } from './drift'
import { childFacts, emptyFlagCounts, factsFor, withFacts } from './flags'
import { countRows, trackerRows } from './queries'

/** The tracker page's data for one date: rows with drift flags and facts, and counts of them. */
export async function trackerView(db: Db, asOf: string): Promise<TrackerView> {
  const thresholds = await getDriftThresholds(db)
  const driftCounts = emptyDriftCounts()
  const flagCounts = emptyFlagCounts()
  const facts = await childFacts(db, asOf)
  const rows = (await trackerRows(db, asOf)).map((row) => {
    const extra = withFacts(row, factsFor(facts, row.childId), asOf)
    const drift = driftFlags({ ...row, dischargeStatus: extra.dischargeStatus }, asOf, thresholds)
    for (const code of drift) driftCounts[code]++
    for (const flag of extra.flags) flagCounts[flag]++
    return { ...row, drift, ...extra }
  })
  return { counts: countRows(asOf, rows), rows, thresholds, driftCounts, flagCounts }
}
