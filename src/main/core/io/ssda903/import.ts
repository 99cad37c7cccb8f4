import type { DataImportSummary } from '../../../../shared/api'
import { basename } from 'node:path'
import type { Context } from '../../context'
import { invalidInput } from '../../errors'
import type { Db } from '../../store/db'
import { sqliteConnection } from '../../store/engine/sqlite'
import { ProgressReporter, type ProgressListener } from '../progress'
import { refuseRepeatedFiles, sniffKind, type ImportSource } from '../read'
import { crossRowChecks } from './checks'
import { plan } from './plan'
import { stageFiles } from './stage-files'
import { Staging } from './staging'
import { summarise } from './summary'
import { write } from './write'

/**
 * SSDA903 import. Files are streamed row by row into TEMP staging tables (outside the
 * database file; on PostgreSQL, the import's own session's), checked across rows with
 * SQL, compared with what is stored, and — unless this is a dry run — written in ONE
 * transaction. A crash or kill at any point before that transaction commits leaves the
 * database exactly as it was.
 *
 * A child is "inserted" (new), "updated" (Header fields or episode list differ) or
 * "unchanged". A child's episodes are replaced as a whole by the ones in the file, so
 * re-importing the same return changes nothing; if any of a child's episode rows is
 * rejected, none of that child's episodes are replaced (half a history would misstate
 * the child's care), and the other rows say so.
 */
export interface Import903Options {
  dryRun?: boolean
  onProgress?: ProgressListener
}

/**
 * Settings for the import's connection while it runs (SQLite):
 * - a bigger temporary cache: the staging tables stay in memory instead of spilling to
 *   temp files (the main database's cache, openDb's pageCacheKb, already holds the
 *   indexes the write updates). It is a fixed ceiling (memory stays flat as files grow)
 *   and changes nothing about durability;
 * - no checkpoint at its commit. A large import leaves a large write-ahead log, and
 *   copying it into the database file (3 s of the 28 s a 100k-child return took) is
 *   housekeeping, not part of the answer: the import worker does it after reporting
 *   (checkpointAfterImport), otherwise the connection's next commit or close does.
 */
const importTempCacheKb = 32 * 1024
function importSettings(store: Db): () => void {
  if (store.engine !== 'sqlite') return () => {}
  const db = sqliteConnection(store, 'cache_size')
  const before = {
    temp: db.pragma('temp.cache_size', { simple: true }),
    checkpoint: db.pragma('wal_autocheckpoint', { simple: true })
  }
  db.pragma(`temp.cache_size = -${importTempCacheKb}`)
  db.pragma('wal_autocheckpoint = 0')
  return () => {
    if (!db.open) return
    db.pragma(`temp.cache_size = ${Number(before.temp)}`)
    db.pragma(`wal_autocheckpoint = ${Number(before.checkpoint)}`)
  }
}

/** Copies what the import wrote to the log into the database file, without waiting for readers. */
export function checkpointAfterImport(store: Db): void {
  if (store.engine === 'sqlite' && store.open) sqliteConnection(store, 'wal_checkpoint').pragma('wal_checkpoint(PASSIVE)')
}

/** Imports SSDA903 Header / Episodes files (CSV or xlsx). The entry point for the CLI, the API and benchmarks. */
export async function import903(ctx: Context, sources: readonly ImportSource[], options: Import903Options = {}): Promise<DataImportSummary> {
  if (sources.length === 0) throw invalidInput('No files to import')
  const progress = new ProgressReporter(options.onProgress)
  for (const source of sources) sniffKind(source)
  await refuseRepeatedFiles(sources)
  // PostgreSQL's temporary tables belong to one connection, and outside a transaction each
  // statement may get another from the pool: there the whole import is one transaction
  // (the write a savepoint in it), which also leaves nothing behind if it fails part-way.
  const summary =
    ctx.db.engine === 'postgres'
      ? await ctx.db.transaction(() => importStaged(ctx, sources, options, progress))()
      : await importStaged(ctx, sources, options, progress)
  progress.phase('done')
  return summary
}

async function importStaged(ctx: Context, sources: readonly ImportSource[], options: Import903Options, progress: ProgressReporter): Promise<DataImportSummary> {
  const restore = importSettings(ctx.db)
  const staging = await Staging.create(ctx.db)
  try {
    const files = await stageFiles(ctx, sources, staging, progress)
    progress.phase('checking')
    await crossRowChecks(ctx.db, staging)
    await plan(ctx.db, staging)
    const summary = await summarise(ctx.db, staging, files, options.dryRun ?? false)
    // An import that changes nothing is still recorded, so its report can be downloaded.
    if (!options.dryRun) {
      progress.phase('writing', { written: 0, of: summary.inserted + summary.updated })
      summary.batchId = await write(ctx, staging, files, summary, progress)
    }
    return summary
  } finally {
    await staging.drop()
    restore()
  }
}

/** The same for files on disk, by path: what the CLI and the benchmarks call. */
export const import903Paths = async (ctx: Context, paths: readonly string[], options: Import903Options = {}): Promise<DataImportSummary> =>
  await import903(
    ctx,
    paths.map((path) => ({ name: basename(path), path })),
    options
  )
