import { issueListLimit, type DataImportSummary, type ImportedFile, type RowIssue } from '../../../shared/api'
import type { Context } from '../context'
import { audit } from '../store/audit'
import { recordImportBatch } from './history'
import type { ProgressListener, ProgressReporter } from './progress'
import { groupIssues } from './warnings'

export interface MappedImportOptions {
  dryRun?: boolean
  onProgress?: ProgressListener
}

/** What a mapped-file import (tracker, carers) found once its rows are checked against the database. */
export interface MappedImportFindings<K extends 'tracker' | 'carers', Extra extends object> {
  kind: K
  dryRun: boolean
  file: ImportedFile
  /** Kept in the history's report, so the rejected-row report says how the file was read. */
  mapping: object
  /** Rows to write: each is reported to `progress` as it is written. */
  inserted: number
  unchanged: number
  /** The import's own counts, shown after `unchanged` in the summary and the batch's audit row. */
  extra: Extra
  rejected: RowIssue[]
  warnings: RowIssue[]
}

export type MappedImportSummary<K extends 'tracker' | 'carers', Extra extends object> = Omit<DataImportSummary, 'kind'> & { kind: K } & Extra

/**
 * The end both mapped imports share: the summary (lists cut at issueListLimit, totals in
 * full), and on commit one transaction that records the import batch, runs `write` for the
 * import's own rows and audits the batch. A committed import is in the history even when
 * it changes nothing, so its rejected rows can be downloaded.
 */
export async function finishMappedImport<K extends 'tracker' | 'carers', Extra extends object>(
  ctx: Context,
  progress: ProgressReporter,
  found: MappedImportFindings<K, Extra>,
  write: (batchId: number, now: string) => Promise<void>
): Promise<MappedImportSummary<K, Extra>> {
  const { kind, file, inserted, unchanged, extra, rejected, warnings } = found
  const rejectedRows = new Set(rejected.map((r) => r.row)).size
  const summary = {
    kind,
    dryRun: found.dryRun,
    inserted,
    updated: 0,
    unchanged,
    ...extra,
    rejected: rejected.slice(0, issueListLimit),
    warnings: warnings.slice(0, issueListLimit),
    warningGroups: groupIssues(warnings),
    files: [file],
    batchId: null as number | null,
    totals: { rejectedRows, rejected: rejected.length, warnings: warnings.length }
  }
  if (!found.dryRun) {
    progress.phase('writing', { written: 0, of: inserted })
    const { db } = ctx
    const now = ctx.clock.timestamp()
    await db.transaction(async () => {
      const batchId = Number(
        await recordImportBatch(db, {
          kind,
          fileName: file.name,
          sha256: file.sha256,
          importedAt: now,
          importedBy: ctx.user,
          inserted,
          updated: 0,
          unchanged,
          rejected: rejectedRows,
          report: JSON.stringify({ files: [file], mapping: found.mapping, rejected: summary.rejected, warnings: summary.warnings })
        })
      )
      await write(batchId, now)
      await audit(db, {
        who: ctx.user,
        at: now,
        action: `import.${kind}`,
        entity: 'import_batch',
        entityId: batchId,
        after: { file, inserted, unchanged, ...extra, rejectedRows }
      })
      summary.batchId = batchId
    })()
  }
  progress.phase('done')
  return summary
}
