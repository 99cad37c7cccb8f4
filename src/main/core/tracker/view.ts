import type { TrackerView } from '../../../shared/contract/tracker'
import type { Db } from '../store/db'
import { driftFlags, emptyDriftCounts, getDriftThresholds } from './drift'
import { countRows, trackerRows } from './queries'

/** The tracker page's data for one date: rows with drift flags, and counts of both. */
export function trackerView(db: Db, asOf: string): TrackerView {
  const thresholds = getDriftThresholds(db)
  const driftCounts = emptyDriftCounts()
  const rows = trackerRows(db, asOf).map((row) => {
    const drift = driftFlags(row, asOf, thresholds)
    for (const code of drift) driftCounts[code]++
    return { ...row, drift }
  })
  return { counts: countRows(asOf, rows), rows, thresholds, driftCounts }
}
