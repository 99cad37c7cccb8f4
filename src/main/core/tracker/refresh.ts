/**
 * Keeps tracker_span (migration 007) in step with the records: recomputes the spans of
 * the children that triggers marked in tracker_dirty, with the pure rules (spans.ts).
 * Every tracker read calls ensureTrackerSpans first, so the spans are never stale.
 */
import { AppError } from '../errors'
import type { Db } from '../store/db'
import { rebuildSpans, withoutSpanIndexes } from './span-build'

/** Above this share of all children, one scan of every table beats a seek per child. */
export const fullScanShare = 0.1

/** Recomputes the spans of every marked child, in one transaction; returns how many children. */
export async function refreshTrackerSpans(db: Db): Promise<number> {
  return await db.transaction(async () => {
    const marked = (await db.prepare('SELECT COUNT(*) FROM tracker_dirty').pluck().get()) as number
    if (marked === 0) return 0
    const all = (await db.prepare('SELECT COUNT(*) FROM child').pluck().get()) as number
    if (marked >= all * fullScanShare) {
      const restoreIndexes = await withoutSpanIndexes(db)
      await rebuildSpans(db, '')
      await restoreIndexes()
    } else await rebuildSpans(db, 'child_id IN (SELECT child_id FROM tracker_dirty)')
    await db.prepare('DELETE FROM tracker_dirty').run()
    return marked
  })()
}

/**
 * Brings the spans up to date if any record changed since they were computed: one
 * cheap probe when nothing did. A read-only connection cannot write them.
 */
export async function ensureTrackerSpans(db: Db): Promise<void> {
  if ((await db.prepare('SELECT EXISTS (SELECT 1 FROM tracker_dirty)').pluck().get()) === 0) return
  // On the team database a login that may not write the spans (a panel member, a
  // commissioner) reads them as the last writer left them; every writer's next read refreshes.
  if (db.engine === 'postgres' && (await db.prepare("SELECT has_table_privilege('tracker_span', 'INSERT')").pluck().get()) !== 1) return
  if (db.readonly) {
    throw new AppError(
      'bad_database',
      'The tracker needs recomputing after changes to care records, which a read-only connection cannot do. Open the database with write access once.'
    )
  }
  await refreshTrackerSpans(db)
}
