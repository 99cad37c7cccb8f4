import { createHash } from 'node:crypto'
import type { ImportSummary, PlacementOption } from '../../../shared/api'
import { invalidInput } from '../errors'
import { earliestDate, parseCellDate, ukDate } from '../io/dates'
import { fieldProblem, shownValue, type FieldRule } from '../io/field-checks'
import { cellText, openWorkbook, sniffKind, type Cell } from '../io/read'
import type { Db } from '../store/db'
import { listOptions } from './catalogue'
import { recordImportBatch } from '../io/history'
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

/** "£1,250.00", "1250", 1250 → 1250; anything else is not a cost. */
const parseMoney = (value: Cell | undefined): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  const text = (cellText(value) ?? '').replace(/[£,\s]/g, '')
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : null
}

const columnNumber = (letters: string): number => Array.from(letters).reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)

// A label or code, a cost, a date, and a line naming the source: none is long.
const fieldRules: Record<keyof UnitCostImport['columns'], FieldRule> = { optionCode: { max: 100 }, weekly: { max: 40 }, effectiveFrom: { max: 40 }, source: { max: 300 } }

/**
 * Every name a finance sheet may give an option, lower-cased, to its code: the labels its
 * costs have carried, the catalogue's current label, and the code itself (which wins), for
 * every option in the catalogue — the seeded ones and any a commissioner added or retired.
 */
async function optionNames(db: Db): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  const past = await db.prepare('SELECT DISTINCT u.option_code AS code, u.label FROM unit_cost u JOIN cost_option o ON o.code = u.option_code').all() as { code: string; label: string }[]
  const catalogue = await db.prepare('SELECT code, label FROM cost_option ORDER BY position, code').all() as { code: string; label: string }[]
  for (const { code, label } of [...past, ...catalogue]) names.set(label.toLowerCase(), code)
  for (const { code } of catalogue) names.set(code.toLowerCase(), code)
  return names
}

/**
 * Finds each mapped column (0-based) by its header text in row 1, else by column letter.
 * A mapping that matches neither is refused before anything is written.
 */
function resolveColumns(headerCells: readonly Cell[], columns: UnitCostImport['columns'], where: string): Partial<Record<keyof UnitCostImport['columns'], number>> {
  const headers = new Map<string, number>()
  headerCells.forEach((cell, i) => {
    const text = cellText(cell)
    if (text !== null && !headers.has(text.toLowerCase())) headers.set(text.toLowerCase(), i)
  })
  const resolved: Partial<Record<keyof UnitCostImport['columns'], number>> = {}
  for (const [field, ref] of Object.entries(columns) as [keyof UnitCostImport['columns'], string | undefined][]) {
    if (ref === undefined) continue
    const byHeader = headers.get(ref.trim().toLowerCase())
    const byLetter = /^[A-Z]{1,3}$/.test(ref.trim()) ? columnNumber(ref.trim()) - 1 : undefined
    const col = byHeader ?? byLetter
    if (col === undefined) {
      throw invalidInput(`${where}: no column "${ref}" for ${field} (headers in row 1: ${[...headers.keys()].join(', ') || 'none'})`)
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
  const source = { name: input.fileName, content: input.content }
  if (sniffKind(source) !== 'xlsx') throw invalidInput(`${input.fileName}: not a readable workbook (.xlsx, .xlsm, .xls or .ods)`)
  const workbook = await openWorkbook(source, { bytes: 0, totalBytes: input.content.length })
  const sheet = input.sheet ?? workbook.sheetNames[0]
  if (sheet === undefined || !workbook.sheetNames.includes(sheet)) throw invalidInput(`${input.fileName}: no sheet "${input.sheet}" (sheets: ${workbook.sheetNames.join(', ')})`)
  const where = `${input.fileName}, sheet "${sheet}"`
  const rows = [...workbook.rows()].filter((r) => r.sheet === sheet)
  const headerCells = rows[0]?.row === 1 ? rows[0].cells : []
  const col = resolveColumns(headerCells, input.columns, where)
  if (col.effectiveFrom === undefined && !input.effectiveFrom) throw invalidInput('Give an effective-from date, or map a column that holds one')

  const options = await optionNames(db)
  const codes = (await listOptions(db, true)).map((o) => o.code).join(', ')
  const summary: ImportSummary = { fileName: input.fileName, inserted: 0, updated: 0, unchanged: 0, rejected: [] }
  const changes: { optionCode: PlacementOption; weekly: number; effectiveFrom: string; source: string }[] = []
  const today = new Date().toISOString().slice(0, 10)
  const latestEffective = `${Number(today.slice(0, 4)) + 5}-12-31`
  const header = (field: keyof UnitCostImport['columns']): string => cellText(headerCells[col[field]!]) ?? field
  for (const { row: rowNumber, cells } of rows) {
    if (rowNumber === 1) continue
    const cell = (field: keyof UnitCostImport['columns']): Cell | undefined => (col[field] === undefined ? undefined : cells[col[field]!])
    const reject = (field: keyof UnitCostImport['columns'], reason: string): void => {
      summary.rejected.push({ row: rowNumber, column: header(field), value: shownValue(cell(field)), reason })
    }
    const unreadable = (Object.keys(col) as (keyof UnitCostImport['columns'])[]).find((field) => fieldProblem(cell(field), header(field), fieldRules[field]) !== null)
    if (unreadable) {
      reject(unreadable, fieldProblem(cell(unreadable), header(unreadable), fieldRules[unreadable])!)
      continue
    }
    const optionText = cellText(cell('optionCode')) ?? ''
    if (optionText === '') continue
    const optionCode = options.get(optionText.trim().toLowerCase())
    if (!optionCode) {
      reject('optionCode', `not an option code or label in the catalogue (codes: ${codes}); add a new option to the catalogue first`)
      continue
    }
    const weekly = parseMoney(cell('weekly'))
    if (weekly === null) {
      reject('weekly', 'not a weekly cost in pounds (e.g. 549 or £1,250.00)')
      continue
    }
    let effectiveFrom = input.effectiveFrom ?? null
    if (col.effectiveFrom !== undefined && cellText(cell('effectiveFrom')) !== null) {
      effectiveFrom = parseCellDate(cell('effectiveFrom'), today)
      if (!effectiveFrom) {
        reject('effectiveFrom', 'not a date (use a date cell, DD/MM/YYYY or YYYY-MM-DD)')
        continue
      }
      // Costs are set for the years a budget covers: from 1990 (as every imported date) to a few years ahead.
      if (effectiveFrom < earliestDate || effectiveFrom > latestEffective) {
        reject('effectiveFrom', `${ukDate(effectiveFrom)} is not a plausible effective-from date (between 01/01/1990 and ${ukDate(latestEffective)})`)
        continue
      }
    }
    if (!effectiveFrom) {
      summary.rejected.push({ row: rowNumber, column: 'effectiveFrom', value: '', reason: 'no effective-from date in the row and none given for the import' })
      continue
    }
    const source = (col.source !== undefined ? cellText(cell('source')) : null) || input.source || `Imported from ${input.fileName}`
    changes.push({ optionCode, weekly, effectiveFrom, source })
  }

  // Nothing usable: nothing is written, as a 903 or tracker import with no new rows writes nothing.
  if (changes.length === 0) return summary
  await db.transaction(async () => {
    for (const change of changes) summary[(await writeUnitCost(db, who, change, '.import')).outcome]++
    await recordImportBatch(db, {
      kind: 'costs',
      fileName: input.fileName,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      importedAt: new Date().toISOString(),
      importedBy: who,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected.length,
      report: JSON.stringify(summary.rejected)
    })
  })()
  return summary
}
