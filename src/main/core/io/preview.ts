import type { FilePreview } from '../../../shared/api'
import { ukDate } from './dates'
import { cellText, readRows, sniffKind, sourceSize, type Cell, type ImportSource } from './read'

// Real spreadsheet dates are shown as people typed the others, DD/MM/YYYY.
const shown = (c: Cell): string => (c instanceof Date ? ukDate(c.toISOString().slice(0, 10)) : (cellText(c) ?? ''))

/** The first rows of a file (or one sheet of a workbook), for the column-mapping screen. */
export async function previewFile(source: ImportSource, options: { sheet?: string; headerRow: number; rows: number }): Promise<FilePreview> {
  const kind = sniffKind(source)
  const sheets: string[] = []
  let chosen: string | null | undefined
  let headers: string[] = []
  const rows: string[][] = []
  for await (const { sheet, row, cells } of readRows(source, { bytes: 0, totalBytes: sourceSize(source) })) {
    if (sheet !== null && !sheets.includes(sheet)) sheets.push(sheet)
    if (chosen === undefined && (options.sheet === undefined || options.sheet === sheet)) chosen = sheet
    if (sheet !== chosen || row < options.headerRow || rows.length >= options.rows) continue
    const texts = cells.map(shown)
    if (row === options.headerRow) headers = texts
    else rows.push(texts)
  }
  return { kind, sheets, sheet: chosen ?? null, headers, rows }
}
