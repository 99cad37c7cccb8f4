import type ExcelJS from 'exceljs'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { PassThrough, type Writable } from 'node:stream'
import { fitRowHeight, loadExcelJS, printSetup, ukDateFormat } from '../util/excel'
import { writeFileAtomically } from './atomic-write'
import { safeCell } from './safe-cell'

/**
 * The pieces of a workbook that lists a grid's rows (the tracker's, the children's): a
 * streamed writer, so 100,000 rows are never held as a sheet in memory, a sheet of rows
 * under a frozen, filtered heading row, and the file or buffer it is written to.
 */

type Book = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>

/** One column of a listed sheet: its heading, width and the cell for each row. */
export interface ListColumn<Row> {
  header: string
  width: number
  value: (row: Row) => string | number | Date | null
  /** A real date, shown dd/mm/yyyy. */
  date?: boolean
  /** Free text that runs past the column's width: wraps, and the row grows to hold it. */
  wrap?: boolean
}

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } }

/** A heading row: bold, shaded, wrapped at the top of its cells. */
export function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true }
  row.alignment = { vertical: 'top', wrapText: true }
  row.eachCell((cell) => {
    cell.fill = headerFill
  })
}

/** exceljs's streaming writer onto `stream`, with inline strings (no table of every name to hold). */
export async function openListWorkbook(stream: Writable, created: Date): Promise<Book> {
  const book = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  book.creator = 'Permanence Desk'
  book.created = created
  return book
}

/**
 * Adds a sheet listing rows under `columns`: heading row frozen with the first
 * `titleColumns` columns (the child's ID and name) and filters on it, printed over
 * `pagesWide` pages with both repeated. Each added row is committed at once (streamed
 * out) and every text cell goes through safeCell.
 */
export function addListSheet<Row>(
  book: Book,
  name: string,
  columns: readonly ListColumn<Row>[],
  options: { titleColumns: 1 | 2; pagesWide: number; headerHeight?: number }
): { add: (row: Row) => void; commit: () => void } {
  const sheet = book.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: options.titleColumns, ySplit: 1 }],
    pageSetup: printSetup({ headerRows: '1:1', titleColumns: options.titleColumns === 2 ? 'A:B' : 'A:A', pagesWide: options.pagesWide })
  })
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }))
  styleHeader(sheet.getRow(1))
  if (options.headerHeight) sheet.getRow(1).height = options.headerHeight
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  sheet.getRow(1).commit()
  // One style object per column, shared by its cells, and one for every empty cell:
  // exceljs caches a style by its object and otherwise writes out each cell's style to
  // look it up, so a 100,000-row export stays close to the speed of an unstyled one.
  const cellStyles = columns.map((c): Partial<ExcelJS.Style> => ({
    alignment: { vertical: 'top', wrapText: c.wrap ?? false },
    ...(c.date ? { numFmt: ukDateFormat } : {})
  }))
  const emptyCell: Partial<ExcelJS.Style> = {}
  return {
    add: (row) => {
      const added = sheet.addRow(columns.map((c) => safeCell(c.value(row))))
      added.eachCell({ includeEmpty: true }, (cell, column) => {
        cell.style = cell.value === null ? emptyCell : (cellStyles[column - 1] ?? emptyCell)
      })
      fitRowHeight(added)
      added.commit()
    },
    commit: () => sheet.commit()
  }
}

/** A workbook written by `write` to `out`, beside it first and renamed, so a failed export never leaves half a file. */
export async function writeWorkbookFile(out: string, write: (stream: Writable) => Promise<void>): Promise<void> {
  await writeFileAtomically(out, async (partial) => {
    const stream = createWriteStream(partial)
    await write(stream)
    if (!stream.closed) await once(stream, 'close')
  })
}

/** A workbook written by `write`, in memory: what a download button is sent. */
export async function workbookBuffer(write: (stream: Writable) => Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = []
  const sink = new PassThrough()
  sink.on('data', (chunk: Buffer) => chunks.push(chunk))
  await write(sink)
  return Buffer.concat(chunks)
}
