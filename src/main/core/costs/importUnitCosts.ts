import { createHash } from 'node:crypto'
import { moneyLimit, type ImportSummary } from '../../../shared/api'
import { systemClock, type Clock } from '../clock'
import { invalidInput } from '../errors'
import { earliestDate, parseCellDate, ukDate } from '../io/dates'
import { fieldProblem, type FieldRule } from '../io/field-checks'
import { recordImportBatch } from '../io/history'
import { mappedRows } from '../io/mapped-rows'
import { cellText, type Cell, type ImportSource, type ReadStats } from '../io/read'
import type { Db } from '../store/db'
import { listOptions } from './catalogue'
import { unitCostOutcome, writeUnitCost, type UnitCostChange } from './unitCosts'

export interface UnitCostImport {
  fileName: string
  content: Buffer
  sheet?: string
  /** Header text (case-insensitive) or column letter for each field. */
  columns: { optionCode: string; weekly: string; effectiveFrom?: string; source?: string }
  effectiveFrom?: string
  source?: string
}

type Field = keyof UnitCostImport['columns']

/** "£1,250.00", "1250", 1250 → 1250; anything else is not a cost. */
const parseMoney = (value: Cell | undefined): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  const text = (cellText(value) ?? '').replace(/[£,\s]/g, '')
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : null
}

// A label or code, a cost, a date, and a line naming the source: none is long.
const fieldRules: Record<Field, FieldRule> = { optionCode: { max: 100 }, weekly: { max: 40 }, effectiveFrom: { max: 40 }, source: { max: 300 } }

/**
 * Every name a finance sheet may give an option, lower-cased, to its code: the labels its
 * costs have carried, the catalogue's current label, and the code itself (which wins), for
 * every option in the catalogue — the seeded ones and any a commissioner added or retired.
 */
async function optionNames(db: Db): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  const past = (await db.prepare('SELECT DISTINCT u.option_code AS code, u.label FROM unit_cost u JOIN cost_option o ON o.code = u.option_code').all()) as {
    code: string
    label: string
  }[]
  const catalogue = (await db.prepare('SELECT code, label FROM cost_option ORDER BY position, code').all()) as { code: string; label: string }[]
  for (const { code, label } of [...past, ...catalogue]) names.set(label.toLowerCase(), code)
  for (const { code } of catalogue) names.set(code.toLowerCase(), code)
  return names
}

/**
 * Imports unit costs from a finance sheet (a workbook or CSV), one row per option, read
 * through io/'s mapped rows like the tracker and carers imports: the mapped sheet (the
 * first when none is named), headings in row 1, each column found by its heading or its
 * letter. Options are matched by code or by label in the catalogue; rows that cannot be
 * used are reported with file, row, column, value and reason, and the rest are written in
 * one transaction with the audit and the import history. A dry run writes nothing.
 */
export async function importUnitCosts(db: Db, who: string, input: UnitCostImport, options: { dryRun?: boolean; clock?: Clock } = {}): Promise<ImportSummary> {
  if (!input.columns.effectiveFrom && !input.effectiveFrom) throw invalidInput('Give an effective-from date, or map a column that holds one')
  const clock = options.clock ?? systemClock
  const today = clock.today()
  const latestEffective = `${Number(today.slice(0, 4)) + 5}-12-31`
  const source: ImportSource = { name: input.fileName, content: input.content }
  const stats: ReadStats = { bytes: 0, totalBytes: input.content.length }
  const catalogue = await optionNames(db)
  const codes = (await listOptions(db, true)).map((o) => o.code).join(', ')
  const summary: ImportSummary = { fileName: input.fileName, inserted: 0, updated: 0, unchanged: 0, rejected: [] }
  const changes: UnitCostChange[] = []
  const mapping = { sheet: input.sheet, headerRow: 1, columns: input.columns }
  const mapped = (Object.keys(input.columns) as Field[]).filter((field) => input.columns[field] !== undefined)
  for await (const { row, cell, heading, issue } of mappedRows<Field>(source, mapping, stats, () => undefined, { columnLetters: true })) {
    const reject = (field: Field, reason: string): void => {
      summary.rejected.push({ ...issue(field, reason), column: heading(field) })
    }
    const unreadable = mapped.find((field) => fieldProblem(cell(field), heading(field), fieldRules[field]) !== null)
    if (unreadable) {
      reject(unreadable, fieldProblem(cell(unreadable), heading(unreadable), fieldRules[unreadable])!)
      continue
    }
    const optionText = cellText(cell('optionCode')) ?? ''
    if (optionText === '') continue
    const optionCode = catalogue.get(optionText.trim().toLowerCase())
    if (!optionCode) {
      reject('optionCode', `not an option code or label in the catalogue (codes: ${codes}); add a new option to the catalogue first`)
      continue
    }
    const weekly = parseMoney(cell('weekly'))
    if (weekly === null) {
      reject('weekly', 'not a weekly cost in pounds (e.g. 549 or £1,250.00)')
      continue
    }
    // A number cell can hold any value; the preview refuses what the unit-cost table would.
    if (weekly < 0 || weekly > moneyLimit) {
      reject('weekly', weekly < 0 ? 'a weekly cost cannot be below £0' : `more than £${moneyLimit.toLocaleString('en-GB')} a week: is this the weekly cost?`)
      continue
    }
    let effectiveFrom = input.effectiveFrom ?? null
    if (cellText(cell('effectiveFrom')) !== null) {
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
      summary.rejected.push({
        file: input.fileName,
        row,
        column: 'effectiveFrom',
        value: '',
        reason: 'no effective-from date in the row and none given for the import'
      })
      continue
    }
    const sourceText = cellText(cell('source')) || input.source || `Imported from ${input.fileName}`
    changes.push({ optionCode, weekly, effectiveFrom, source: sourceText })
  }

  // Each row is counted against the table as it stands (a sheet that names one option and
  // date twice counts both rows as the first would be).
  if (options.dryRun) {
    for (const change of changes) summary[await unitCostOutcome(db, change)]++
    return summary
  }
  // Nothing usable: nothing is written, as a 903 or tracker import with no new rows writes nothing.
  if (changes.length === 0) return summary
  await db.transaction(async () => {
    for (const change of changes) summary[(await writeUnitCost(db, who, change, '.import', clock)).outcome]++
    await recordImportBatch(db, {
      kind: 'costs',
      fileName: input.fileName,
      sha256: stats.sha256 ?? createHash('sha256').update(input.content).digest('hex'),
      importedAt: clock.timestamp(),
      importedBy: who,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected.length,
      report: JSON.stringify({ files: [{ name: input.fileName }], rejected: summary.rejected, warnings: [] })
    })
  })()
  return summary
}
