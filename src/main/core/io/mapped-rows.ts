import type { RowIssue } from '../../../shared/api'
import { invalidInput } from '../errors'
import { fieldProblem, shownValue, type FieldRule } from './field-checks'
import { resaveWithCommas } from './separators'
import { cellText, readRows, sniffKind, type Cell, type ImportSource, type ReadStats } from './read'

/** Where a mapped file's data sits: an optional sheet, its header row, and a heading per field. */
export interface ColumnMapping<F extends string> {
  sheet?: string
  headerRow: number
  columns: Partial<Record<F, string>>
}

export interface MappedRow<F extends string> {
  /** The row number as a spreadsheet shows it. */
  row: number
  cells: Cell[]
  /** The cell under the column mapped to `field`; undefined when the field is not mapped. */
  cell: (field: F) => Cell | undefined
  /** The heading of `field`'s column as the file writes it (the mapped word when the column has none). */
  heading: (field: F) => string
  /** A rejection of this row's `field`, named by its heading, with the value as the file has it. */
  issue: (field: F, reason: string) => RowIssue
  /** Every mapped cell checked against its rule (length, control characters, bad UTF-8). */
  fieldIssues: (rules: Record<F, FieldRule>) => RowIssue[]
}

/** Headings and mapped words match whatever their case and spacing: "LAC  ref" is "lac ref". */
export const normText = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ')

export interface MappingOptions {
  /** A mapped word that is no heading may name a column by its letter (A, B … AA), as a finance sheet's mapping does. */
  columnLetters?: boolean
}

/**
 * The data rows of a file read through a column mapping (legacy trackers, carers): the mapped
 * sheet of a workbook (the first when none is named), from the row after the header row,
 * with each field found by its heading. A missing sheet, header row or heading is one clear
 * error naming the file, before any row is used.
 */
export async function* mappedRows<F extends string>(
  source: ImportSource,
  mapping: ColumnMapping<F>,
  stats: ReadStats,
  onRow: () => void,
  options: MappingOptions = {}
): AsyncGenerator<MappedRow<F>> {
  const workbook = sniffKind(source) === 'xlsx'
  let index: Map<F, number> | null = null
  let headings: string[] = []
  let sheetName: string | null | undefined
  const sheetsSeen: string[] = []
  for await (const { sheet, row, cells } of readRows(source, stats)) {
    onRow()
    if (workbook) {
      if (sheet !== null && !sheetsSeen.includes(sheet)) sheetsSeen.push(sheet)
      if (sheetName === undefined && (mapping.sheet === undefined || mapping.sheet === sheet)) sheetName = sheet
      if (sheet !== sheetName) continue
    }
    if (row < mapping.headerRow) continue
    if (index === null) {
      if (row !== mapping.headerRow) throw invalidInput(`${source.name}: row ${mapping.headerRow} (the header row in the mapping) is empty`)
      headings = cells.map((c) => cellText(c) ?? '')
      index = headerIndex(source.name, mapping, headings, options)
      continue
    }
    const columns = index
    const fileHeadings = headings
    const heading = (field: F): string => fileHeadings[columns.get(field) ?? -1] || (mapping.columns[field] ?? field)
    const cell = (field: F): Cell | undefined => cells[columns.get(field) ?? -1]
    const issue = (field: F, reason: string): RowIssue => ({
      file: source.name,
      row,
      column: mapping.columns[field] ?? field,
      value: shownValue(cell(field)),
      reason
    })
    const fieldIssues = (rules: Record<F, FieldRule>): RowIssue[] =>
      [...columns.keys()].flatMap((field) => {
        const problem = fieldProblem(cell(field), mapping.columns[field]!, rules[field])
        return problem ? [issue(field, problem)] : []
      })
    yield { row, cells, cell, heading, issue, fieldIssues }
  }
  if (workbook && sheetName === undefined) {
    throw invalidInput(`${source.name}: has no sheet named "${mapping.sheet}"; its sheets are ${sheetsSeen.map((s) => `"${s}"`).join(', ')}`)
  }
  if (index === null) throw invalidInput(`${source.name}: has no header row ${mapping.headerRow}`)
}

/** Column letters as a spreadsheet shows them (A, Z, AA …) to a 0-based index. */
const columnIndex = (letters: string): number => Array.from(letters).reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1

/** Each mapped field's column, its heading matched whatever its case and spacing; an error names the file's headings as written. */
function headerIndex<F extends string>(file: string, mapping: ColumnMapping<F>, written: string[], options: MappingOptions): Map<F, number> {
  const headings = written.map(normText)
  const index = new Map<F, number>()
  const missing: string[] = []
  for (const [field, heading] of Object.entries(mapping.columns) as [F, string | undefined][]) {
    if (heading === undefined) continue
    let i = headings.indexOf(normText(heading))
    const letters = heading.trim()
    if (i < 0 && options.columnLetters && /^[A-Z]{1,3}$/.test(letters) && columnIndex(letters) < headings.length) i = columnIndex(letters)
    if (i < 0) missing.push(`"${heading}" (${field})`)
    else index.set(field, i)
  }
  if (missing.length) {
    const found = written.map((h) => h.trim()).filter(Boolean)
    // One heading holding every column: a CSV saved with semicolons, as Excel does in many locales.
    const semicolons = found.length === 1 && found[0]!.includes(';')
    throw invalidInput(
      `${file}: ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')} not found in row ${mapping.headerRow}; it has ${found.map((h) => `"${h}"`).join(', ')}${
        semicolons ? ` (${resaveWithCommas(';')})` : ''
      }`
    )
  }
  return index
}
