import { loadExcelJS } from '../util/excel'
import type { ImportBatch, RowIssue } from '../../../shared/api'
import { notFound } from '../errors'
import type { Db } from '../store/db'
import { csvLine } from './csv-write'
import { safeCell } from './safe-cell'

/** One committed import as the history records it. */
export type NewImportBatch = Omit<ImportBatch, 'id' | 'kind'> & {
  kind: '903' | 'tracker' | 'carers' | 'costs'
  /** JSON: what the rejected-row report is made from. */
  report: string
}

/**
 * The one writer of import_batch: every import (903, tracker, carers, unit costs) records
 * itself here, inside its own transaction. Returns the batch's id.
 */
export async function recordImportBatch(db: Db, b: NewImportBatch): Promise<number> {
  const id = await db
    .prepare(
      `INSERT INTO import_batch (kind, file_name, sha256, imported_at, imported_by, inserted, updated, unchanged, rejected, report)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
    )
    .pluck()
    .get(b.kind, b.fileName, b.sha256, b.importedAt, b.importedBy, b.inserted, b.updated, b.unchanged, b.rejected, b.report)
  return Number(id)
}

/** Import history, newest first. Demo loads and cost imports share the table and show too. */
export async function importHistory(db: Db, limit = 100): Promise<ImportBatch[]> {
  return (await db
    .prepare(
      `SELECT id, kind, file_name AS "fileName", sha256, imported_at AS "importedAt", imported_by AS "importedBy", inserted, updated, unchanged, rejected
              FROM import_batch ORDER BY id DESC LIMIT ?`
    )
    .all(limit)) as ImportBatch[]
}

const reportColumns = ['type', 'file', 'row', 'column', 'value', 'reason'] as const

/** The rejected rows (and warnings) of one import, as CSV or xlsx, with formula injection escaped. */
export async function rejectedReport(db: Db, batchId: number, format: 'csv' | 'xlsx'): Promise<{ fileName: string; mimeType: string; content: Buffer }> {
  const row = (await db.prepare('SELECT file_name, report FROM import_batch WHERE id = ?').get(batchId)) as
    { file_name: string; report: string | null } | undefined
  if (!row) throw notFound(`No import with number ${batchId}`)
  const report = (row.report ? JSON.parse(row.report) : {}) as { rejected?: RowIssue[]; warnings?: RowIssue[] }
  const lines = [
    ...(report.rejected ?? []).map((r) => ['rejected', r.file, r.row, r.column, r.value, r.reason] as const),
    ...(report.warnings ?? []).map((r) => ['warning', r.file, r.row, r.column, r.value, r.reason] as const)
  ]
  const base = `import-${batchId}-rejected-rows`
  if (format === 'csv') {
    return { fileName: `${base}.csv`, mimeType: 'text/csv', content: Buffer.from(`\uFEFF${csvLine(reportColumns)}${lines.map(csvLine).join('')}`) }
  }
  const workbook = new (await loadExcelJS()).Workbook()
  const sheet = workbook.addWorksheet('Rejected rows')
  sheet.addRow([...reportColumns])
  sheet.getRow(1).font = { bold: true }
  for (const line of lines) sheet.addRow(line.map((v) => safeCell(v)))
  sheet.columns.forEach((c, i) => (c.width = [10, 24, 8, 20, 24, 70][i]))
  return {
    fileName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: Buffer.from(await workbook.xlsx.writeBuffer())
  }
}
