import type { RowIssue } from '../../../shared/api'
import { invalidInput } from '../errors'
import { fieldProblem, shownValue, type FieldRule } from './field-checks'
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
  /** A rejection of this row's `field`, named by its heading, with the value as the file has it. */
  issue: (field: F, reason: string) => RowIssue
  /** Every mapped cell checked against its rule (length, control characters, bad UTF-8). */
  fieldIssues: (rules: Record<F, FieldRule>) => RowIssue[]
}

/** Headings and mapped words match whatever their case and spacing: "LAC  ref" is "lac ref". */
export const normText = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ')

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
  onRow: () => void
): AsyncGenerator<MappedRow<F>> {
  const workbook = sniffKind(source) === 'xlsx'
  let index: Map<F, number> | null = null
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
      index = headerIndex(source.name, mapping, cells.map((c) => normText(cellText(c) ?? '')))
      continue
    }
    const columns = index
    const cell = (field: F): Cell | undefined => cells[columns.get(field) ?? -1]
    const issue = (field: F, reason: string): RowIssue => ({ file: source.name, row, column: mapping.columns[field] ?? field, value: shownValue(cell(field)), reason })
    const fieldIssues = (rules: Record<F, FieldRule>): RowIssue[] =>
      [...columns.keys()].flatMap((field) => {
        const problem = fieldProblem(cell(field), mapping.columns[field]!, rules[field])
        return problem ? [issue(field, problem)] : []
      })
    yield { row, cells, cell, issue, fieldIssues }
  }
  if (workbook && sheetName === undefined) {
    throw invalidInput(`${source.name}: has no sheet named "${mapping.sheet}"; its sheets are ${sheetsSeen.map((s) => `"${s}"`).join(', ')}`)
  }
  if (index === null) throw invalidInput(`${source.name}: has no header row ${mapping.headerRow}`)
}

function headerIndex<F extends string>(file: string, mapping: ColumnMapping<F>, headings: string[]): Map<F, number> {
  const index = new Map<F, number>()
  const missing: string[] = []
  for (const [field, heading] of Object.entries(mapping.columns) as [F, string | undefined][]) {
    if (heading === undefined) continue
    const i = headings.indexOf(normText(heading))
    if (i < 0) missing.push(`"${heading}" (${field})`)
    else index.set(field, i)
  }
  if (missing.length) {
    throw invalidInput(`${file}: column(s) ${missing.join(', ')} not found in row ${mapping.headerRow}; it has ${headings.filter(Boolean).map((h) => `"${h}"`).join(', ')}`)
  }
  return index
}
