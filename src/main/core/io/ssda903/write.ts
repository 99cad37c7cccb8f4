import type { DataImportSummary, ImportedFile } from '../../../../shared/api'
import type { Context } from '../../context'
import { appendAuditRows, audit } from '../../store/audit'
import type { AuditRow } from '../../store/audit-chain'
import type { Db } from '../../store/db'
import { refreshTrackerSpans, fullScanShare } from '../../tracker/refresh'
import { rebuildSpans, withoutDirtyMarks, withoutSpanIndexes } from '../../tracker/span-build'
import { recordImportBatch } from '../history'
import type { ProgressReporter } from '../progress'
import { earlierEpisode } from './plan'
import { createTemp, dropTemp, episodeFields, headerFields, tempIndex, type Staging } from './staging'

const childJson = (db: Db, alias: string): string =>
  db.sql.jsonObject([
    ...headerFields.map((f) => [f, `${alias}.${f}`] as const),
    ['episodes', `(SELECT COUNT(*) FROM ${db.sql.main}episode x WHERE x.child_id = ${alias}.child_id)`]
  ])

/**
 * PostgreSQL spaces the JSON it builds (`{"sex" : 1}`); the audit log keeps it compact as
 * SQLite writes it, so the same change reads, and hashes, the same on both engines.
 */
const compactJson = (text: string | null): string | null => (text === null ? null : JSON.stringify(JSON.parse(text)))

/**
 * Set-based writes, a chunk of children at a time so progress can be reported, all
 * inside ONE transaction: a kill part-way leaves nothing behind. Each changed child
 * gets an audit row with its Header fields and episode count before and after, and
 * its tracker spans are rebuilt in the same pass, so the tracker answers as soon as
 * the import commits instead of recomputing on its first read.
 */
export async function write(ctx: Context, s: Staging, files: ImportedFile[], summary: DataImportSummary, progress: ProgressReporter): Promise<number> {
  const { db } = ctx
  const main = db.sql.main
  // Chunks are small and staging is large: SQLite's CROSS JOIN keeps the chunk as the
  // outer loop (PostgreSQL has no such form and plans the join from the statistics).
  const loop = db.engine === 'sqlite' ? 'CROSS JOIN' : 'JOIN'
  const chunk = `${s.plan}_chunk`
  const old = `${s.plan}_old`
  await db.exec(`
    ${createTemp(db, chunk, 'child_id TEXT PRIMARY KEY, is_new INTEGER, header_changed INTEGER, episodes_changed INTEGER, episodes_from TEXT, before TEXT')}
    ${createTemp(db, old, 'child_id TEXT, decom TEXT, place TEXT, place_provider TEXT, carer_id INTEGER')}
    ${tempIndex(db, old, 'by_child', 'child_id, decom')}
  `)
  const fill = db.prepare(`INSERT INTO ${chunk} (child_id, is_new, header_changed, episodes_changed, episodes_from, before)
    SELECT p.child_id, p.is_new, p.header_changed, p.episodes_changed, p.episodes_from,
           CASE WHEN p.is_new = 1 THEN NULL ELSE (SELECT ${childJson(db, 'c')} FROM ${main}child c WHERE c.child_id = p.child_id) END
    FROM ${s.plan} p WHERE (p.is_new = 1 OR p.header_changed = 1 OR p.episodes_changed = 1) AND p.child_id > ? ORDER BY p.child_id LIMIT ?`)
  const lastInChunk = db.prepare(`SELECT MAX(child_id) FROM ${chunk}`).pluck()
  const upsert = db.prepare(`INSERT INTO ${main}child (${headerFields.join(', ')}, import_batch_id)
      SELECT ${headerFields.map((f) => `h.${f}`).join(', ')}, CAST(@batch AS INTEGER) FROM ${chunk} k ${loop} ${s.child} h ON h.child_id = k.child_id
      WHERE k.header_changed = 1 AND h.rejected = 0
    ON CONFLICT (child_id) DO UPDATE SET ${headerFields
      .slice(1)
      .map((f) => `${f} = excluded.${f}`)
      .join(', ')}, import_batch_id = excluded.import_batch_id`)
  // Carer links are the app's own: keep them on episodes that are the same placement.
  const saveOld = db.prepare(`INSERT INTO ${old} SELECT e.child_id, e.decom, e.place, e.place_provider, e.carer_id
    FROM ${chunk} k ${loop} ${main}episode e ON e.child_id = k.child_id WHERE k.episodes_changed = 1 AND e.carer_id IS NOT NULL`)
  // Each changed child's stored episodes from the files' first on; earlier history stays (plan.ts).
  const remove = db.prepare(`DELETE FROM ${main}episode WHERE id IN (SELECT e.id FROM ${chunk} k ${loop} ${main}episode e ON e.child_id = k.child_id
    WHERE k.episodes_changed = 1 AND NOT ${earlierEpisode('e', 'k.episodes_from')})`)
  const insertEpisodes = db.prepare(`INSERT INTO ${main}episode (${episodeFields.join(', ')}, carer_id, seq, import_batch_id)
    SELECT ${episodeFields.map((f) => `e.${f}`).join(', ')},
           (SELECT o.carer_id FROM ${old} o WHERE o.child_id = e.child_id AND o.decom = e.decom
              AND o.place IS NOT DISTINCT FROM e.place AND o.place_provider IS NOT DISTINCT FROM e.place_provider LIMIT 1),
           CAST(@base AS INTEGER) + e.ord, CAST(@batch AS INTEGER)
    FROM ${chunk} k ${loop} ${s.episode} e ON e.child_id = k.child_id WHERE k.episodes_changed = 1 AND e.rejected = 0 ORDER BY e.ord`)
  const auditChunk =
    db.prepare(`SELECT @at AS at, @who AS who, CASE WHEN k.is_new = 1 THEN 'import.903.insert' ELSE 'import.903.update' END AS action, 'child' AS entity,
           k.child_id AS entity_id, k.before AS before, (SELECT ${childJson(db, 'c')} FROM ${main}child c WHERE c.child_id = k.child_id) AS after
    FROM ${chunk} k ORDER BY k.child_id`)
  const spansDone = db.prepare(`DELETE FROM ${main}tracker_dirty WHERE child_id IN (SELECT child_id FROM ${chunk})`)
  const clear = db.prepare(`DELETE FROM ${chunk}`)
  const clearOld = db.prepare(`DELETE FROM ${old}`)
  const now = ctx.clock.timestamp()
  const rejectedRows = summary.totals.rejectedRows
  const chunkSize = 1000

  let batchId = 0
  try {
    await db.transaction(async () => {
      batchId = Number(
        await recordImportBatch(db, {
          kind: '903',
          fileName: [...new Set(files.map((f) => f.name))].join(', '),
          sha256: [...new Set(files.map((f) => f.sha256))].join(','),
          importedAt: now,
          importedBy: ctx.user,
          inserted: summary.inserted,
          updated: summary.updated,
          unchanged: summary.unchanged,
          rejected: rejectedRows,
          report: JSON.stringify({ files, rejected: summary.rejected, warnings: summary.warnings })
        })
      )
      const base = (await db.prepare(`SELECT COALESCE(MAX(seq), 0) FROM ${main}episode`).pluck().get()) as number
      // Rebuilding most of the spans is a bulk load: their indexes are built once at the
      // end, and the triggers that would mark each written row's child are off, since
      // every child written here gets its spans rebuilt below anyway.
      const stored = (await db.prepare(`SELECT COUNT(*) FROM ${main}child`).pluck().get()) as number
      const bulk = summary.inserted + summary.updated >= (stored + summary.inserted) * fullScanShare
      const restoreIndexes = bulk ? await withoutSpanIndexes(db) : async () => undefined
      const restoreMarks = bulk ? await withoutDirtyMarks(db, ['child', 'episode']) : async () => undefined
      let written = 0
      let removed = 0
      let last = ''
      for (;;) {
        await clear.run()
        await clearOld.run()
        const n = (await fill.run(last, chunkSize)).changes
        if (n === 0) break
        last = (await lastInChunk.get()) as string
        // Fresh statistics for each chunk, PostgreSQL otherwise guesses its size when planning the joins.
        if (db.engine === 'postgres') await db.exec(`ANALYZE ${chunk}`)
        await upsert.run({ batch: batchId })
        await saveOld.run()
        removed += (await remove.run()).changes
        written += (await insertEpisodes.run({ base, batch: batchId })).changes
        await rebuildSpans(db, `child_id IN (SELECT child_id FROM ${chunk})`)
        await spansDone.run()
        const auditRows = (await auditChunk.all({ at: now, who: ctx.user })) as Omit<AuditRow, 'id'>[]
        await appendAuditRows(
          db,
          db.engine === 'postgres' ? auditRows.map((r) => ({ ...r, before: compactJson(r.before), after: compactJson(r.after) })) : auditRows
        )
        progress.wrote(n)
      }
      // Seconds at 100,000 children: the bar says so rather than sit at "n of n".
      progress.phase('saving')
      await restoreMarks()
      await restoreIndexes()
      // Children other changes marked before this import: done now, so no read waits.
      await refreshTrackerSpans(db)
      summary.episodes = { written, removed, kept: summary.episodes?.kept ?? 0 }
      await audit(db, {
        who: ctx.user,
        at: now,
        action: 'import.903',
        entity: 'import_batch',
        entityId: batchId,
        after: { files, inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged, rejectedRows }
      })
    })()
  } finally {
    await dropTemp(db, [chunk, old])
  }
  return batchId
}
