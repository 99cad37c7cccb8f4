import type { Db } from '../store/db'
import { ensureTrackerSpans } from '../tracker/refresh'
import { trackerPendingSql } from './sources'

/**
 * Brings the tracker's spans up to date before a costs or forecast read, probing through
 * the commissioning source: a commissioner's login may not read tracker_dirty. A login
 * that may not write the spans reads them as the last writer left them (as the tracker does).
 */
export async function ensureCommissioningSpans(db: Db): Promise<void> {
  if ((await db.prepare(trackerPendingSql(db.engine)).pluck().get()) !== 1) return
  if (db.engine === 'postgres' && (await db.prepare("SELECT has_table_privilege('tracker_span', 'INSERT')").pluck().get()) !== 1) return
  await ensureTrackerSpans(db)
}
