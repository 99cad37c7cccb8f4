import type { ImportedFile } from '../../../../shared/api'
import type { Context } from '../../context'
import { invalidInput } from '../../errors'
import { DateOrder, type MonthFirstExample } from '../date-order'
import type { ProgressReporter } from '../progress'
import { readRowBatches, sourceSize, sniffKind, type ImportSource, type ReadStats } from '../read'
import type { Staging } from './staging'
import { detectTable, notA903Table, type TableName } from './tables'
import { readEpisodeRow, readHeaderRow } from './validate'

/**
 * A file whose dates are month first would store every date whose day is 12 or less the
 * wrong way round (a date of birth of 11 May as 5 November), so none of it is imported.
 */
const monthFirstProblem = (file: string, at: MonthFirstExample): string =>
  `${file}: the dates are month first (row ${at.row}, column ${at.column}: "${at.value}" reads only as month/day, and no date in the file has a day over 12 first). ` +
  'A 903 return has DD/MM/YYYY dates: saved month first, 11 May 2024 is written 05/11/2024 and would be stored as 5 November. ' +
  'Save the file again with its date columns as DD/MM/YYYY (or with a UK locale) and check it again. Nothing has been imported.'

/** Reads every file into staging. Throws (before anything is written) on a file that is not a 903 table. */
export async function stageFiles(ctx: Context, sources: readonly ImportSource[], staging: Staging, progress: ProgressReporter): Promise<ImportedFile[]> {
  const files: ImportedFile[] = []
  const totalBytes = sources.reduce((sum, s) => sum + sourceSize(s), 0)
  let bytesBefore = 0
  // One date for the whole import (and not a clock read per row).
  const today = ctx.today()
  progress.phase('reading', { totalBytes })
  for (const source of sources) {
    const kind = sniffKind(source)
    const stats: ReadStats = { bytes: 0, totalBytes: sourceSize(source) }
    progress.phase('reading', { file: source.name })
    const perSheet = new Map<string | null, { table: TableName; index: Map<string, number>; rows: number } | 'skip'>()
    const found: { table: TableName; rows: number }[] = []
    const skipped: string[] = []
    const dateOrder = new DateOrder()
    for await (const batch of readRowBatches(source, stats))
      for (const { sheet, row, cells } of batch) {
        progress.row(bytesBefore + stats.bytes)
        const known = perSheet.get(sheet)
        if (known === undefined) {
          const detected = detectTable(cells)
          const where = sheet === null ? source.name : `${source.name} (sheet "${sheet}")`
          if (detected.table) {
            const entry = { table: detected.table, index: detected.index, rows: 0 }
            perSheet.set(sheet, entry)
            continue
          }
          const problem = notA903Table(where, detected)
          if (kind === 'csv' || detected.missing.length) throw invalidInput(problem)
          perSheet.set(sheet, 'skip')
          skipped.push(problem)
          continue
        }
        if (known === 'skip') continue
        known.rows++
        const input = { file: source.name, row, cells, index: known.index, today, dateOrder }
        if (known.table === 'Header') {
          const result = readHeaderRow(input)
          if (result.ok) {
            staging.addHeader(source.name, row, result.values)
            staging.addIssues('warning', result.warnings, result.values.child_id)
          } else staging.addIssues('rejected', result.rejected, null)
        } else {
          const result = readEpisodeRow(input)
          if (result.ok) {
            staging.addEpisode(source.name, row, result.values)
            staging.addIssues('warning', result.warnings, result.values.child_id)
          } else {
            const i = known.index.get('CHILD')
            const childId = i === undefined ? null : String(cells[i] ?? '').trim() || null
            staging.addIssues('rejected', result.rejected, childId)
          }
        }
        if (staging.full) await staging.flush()
      }
    for (const [, entry] of perSheet) if (entry !== 'skip') found.push(entry)
    if (found.length === 0) throw invalidInput(skipped[0] ?? `${source.name}: has no rows`)
    const monthFirst = dateOrder.monthFirstFile()
    if (monthFirst) throw invalidInput(monthFirstProblem(source.name, monthFirst))
    bytesBefore += stats.bytes
    for (const f of found) files.push({ name: source.name, sha256: stats.sha256 ?? '', table: `903 ${f.table}`, rows: f.rows })
  }
  await staging.flush()
  await staging.index()
  return files
}
