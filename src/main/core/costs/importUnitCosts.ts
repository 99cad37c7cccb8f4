import ExcelJS from 'exceljs'
import { createHash } from 'node:crypto'
import { placementOptions, type ImportSummary, type PlacementOption } from '../../../shared/api'
import { invalidInput } from '../errors'
import type { Db } from '../store/db'
import { writeUnitCost } from './unitCosts'

export interface UnitCostImport {
  fileName: string
  content: Buffer
  sheet?: string
  /** Header text (case-insensitive) or column letter for each field. */
  columns: { optionCode: string; weekly: string; effectiveFrom?: string; source?: string }
  effectiveFrom?: string
  source?: string
}

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('richText' in value) return value.richText.map((t) => t.text).join('')
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value).trim()
}

/** "£1,250.00", "1250", 1250 → 1250; anything else is not a cost. */
const parseMoney = (value: ExcelJS.CellValue): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  const text = cellText(value).replace(/[£,\s]/g, '')
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : null
}

/** A date cell, ISO text or DD/MM/YYYY text, as YYYY-MM-DD. */
const parseDate = (value: ExcelJS.CellValue): string | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)
  const text = cellText(value)
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  const iso = uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : text
  const d = new Date(`${iso}T00:00:00Z`)
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null
}

const columnNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)

/**
 * Finds each mapped column by its header text in row 1, else by column letter.
 * A mapping that matches neither is refused before anything is written.
 */
function resolveColumns(ws: ExcelJS.Worksheet, columns: UnitCostImport['columns'], fileName: string): Record<string, number> {
  const headers = new Map<string, number>()
  ws.getRow(1).eachCell((cell, col) => headers.set(cellText(cell.value).toLowerCase(), col))
  const resolved: Record<string, number> = {}
  for (const [field, ref] of Object.entries(columns)) {
    if (ref === undefined) continue
    const byHeader = headers.get(ref.trim().toLowerCase())
    const byLetter = /^[A-Z]{1,3}$/.test(ref.trim()) ? columnNumber(ref.trim()) : undefined
    const col = byHeader ?? byLetter
    if (col === undefined) {
      throw invalidInput(`${fileName}, sheet "${ws.name}": no column "${ref}" for ${field} (headers in row 1: ${[...headers.keys()].join(', ') || 'none'})`)
    }
    resolved[field] = col
  }
  return resolved
}

/**
 * Imports unit costs from a finance workbook, one row per option. Options are matched by
 * code or by the label in the table; rows that cannot be used are reported with row,
 * column, value and reason, and the rest are written in one transaction with the audit.
 */
export async function importUnitCosts(db: Db, who: string, input: UnitCostImport): Promise<ImportSummary> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(input.content as unknown as ArrayBuffer)
  } catch (error) {
    throw invalidInput(`${input.fileName} is not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)})`)
  }
  const ws = input.sheet ? wb.getWorksheet(input.sheet) : wb.worksheets[0]
  if (!ws) throw invalidInput(`${input.fileName}: no sheet "${input.sheet}" (sheets: ${wb.worksheets.map((w) => w.name).join(', ')})`)
  const col = resolveColumns(ws, input.columns, input.fileName)
  if (col.effectiveFrom === undefined && !input.effectiveFrom) throw invalidInput('Give an effective-from date, or map a column that holds one')

  const labels = new Map((db.prepare('SELECT DISTINCT option_code, label FROM unit_cost').all() as { option_code: string; label: string }[]).map((r) => [r.label.toLowerCase(), r.option_code]))
  const summary: ImportSummary = { fileName: input.fileName, inserted: 0, updated: 0, unchanged: 0, rejected: [] }
  const changes: { optionCode: PlacementOption; weekly: number; effectiveFrom: string; source: string }[] = []
  const header = (field: string): string => cellText(ws.getRow(1).getCell(col[field]).value) || field
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return
    const reject = (field: string, value: ExcelJS.CellValue, reason: string): void => {
      summary.rejected.push({ row: rowNumber, column: header(field), value: cellText(value), reason })
    }
    const optionCell = row.getCell(col.optionCode).value
    const optionText = cellText(optionCell)
    if (optionText === '') return
    const optionCode = (placementOptions as readonly string[]).includes(optionText.toUpperCase()) ? optionText.toUpperCase() : labels.get(optionText.toLowerCase())
    if (!optionCode) return reject('optionCode', optionCell, `not an option code (${placementOptions.join(', ')}) or a label in the unit-cost table`)
    const weeklyCell = row.getCell(col.weekly).value
    const weekly = parseMoney(weeklyCell)
    if (weekly === null) return reject('weekly', weeklyCell, 'not a weekly cost in pounds (e.g. 549 or £1,250.00)')
    let effectiveFrom = input.effectiveFrom ?? null
    if (col.effectiveFrom !== undefined) {
      const dateCell = row.getCell(col.effectiveFrom).value
      if (cellText(dateCell) !== '') {
        effectiveFrom = parseDate(dateCell)
        if (!effectiveFrom) return reject('effectiveFrom', dateCell, 'not a date (use a date cell, YYYY-MM-DD or DD/MM/YYYY)')
      }
    }
    if (!effectiveFrom) return reject('effectiveFrom', null, 'no effective-from date in the row and none given for the import')
    const source = (col.source !== undefined ? cellText(row.getCell(col.source).value) : '') || input.source || `Imported from ${input.fileName}`
    changes.push({ optionCode: optionCode as PlacementOption, weekly, effectiveFrom, source })
  })

  db.transaction(() => {
    for (const change of changes) summary[writeUnitCost(db, who, change, '.import').outcome]++
    db.prepare(
      `INSERT INTO import_batch (kind, file_name, sha256, imported_at, imported_by, inserted, updated, unchanged, rejected, report)
       VALUES ('costs', ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ).run(
      input.fileName,
      createHash('sha256').update(input.content).digest('hex'),
      new Date().toISOString(),
      who,
      summary.inserted,
      summary.updated,
      summary.unchanged,
      summary.rejected.length,
      JSON.stringify(summary.rejected)
    )
  })()
  return summary
}
