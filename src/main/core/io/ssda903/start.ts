import type { DataImportSummary } from '../../../../shared/api'
import type { Context } from '../../context'
import { invalidInput } from '../../errors'
import { readRows, sniffKind, sourceSize, type ImportSource } from '../read'
import type { Import903Options } from './import'
import { import903OffThread } from './off-thread'
import { detectTable, notA903Table } from './tables'

/**
 * Refuses a CSV that is not a 903 Header or Episodes table from its first row alone,
 * before an import starts its worker (which takes a second or two to load): a wrong
 * file is named at once, with the same message the import itself would give. An xlsx
 * is left to the import, which may find the table on any of its sheets.
 */
export async function refuseNon903Csv(source: ImportSource): Promise<void> {
  if (sniffKind(source) !== 'csv') return
  const rows = readRows(source, { bytes: 0, totalBytes: sourceSize(source) })
  try {
    const first = await rows.next()
    if (first.done) throw invalidInput(`${source.name}: has no rows`)
    const detected = detectTable(first.value.cells)
    if (!detected.table) throw invalidInput(notA903Table(source.name, detected))
  } finally {
    await rows.return(undefined)
  }
}

/**
 * The app's way into a 903 import: a wrong CSV is refused at once, then `starting` is
 * reported while the worker loads, until the first row is read.
 */
export async function start903Import(ctx: Context, sources: readonly ImportSource[], options: Import903Options = {}): Promise<DataImportSummary> {
  for (const source of sources) await refuseNon903Csv(source)
  options.onProgress?.({ phase: 'starting', file: null, rows: 0, bytes: 0, totalBytes: 0, written: 0, of: 0 })
  return await import903OffThread(ctx, sources, options)
}
