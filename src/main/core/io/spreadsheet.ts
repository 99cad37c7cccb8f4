// SheetJS Community Edition, from the `@e965/xlsx` npm package: a faithful republication of
// the SheetJS CE tarballs (0.20.x), which SheetJS itself publishes only on its own CDN. The
// `xlsx` package on npm stopped at 0.18.5 and carries known vulnerabilities (prototype
// pollution CVE-2023-30533, ReDoS CVE-2024-22363), both fixed in 0.20.x.
import * as XLSX from '@e965/xlsx'
import { invalidInput } from '../errors'
import { CellProblem, type Cell } from './cell'
import { megabytes, type ReadLimits } from './limits'
import { checkZipUnpackedSize } from './zip-check'

const zipSignature = 0x504b0304
const cfbSignature = 0xd0cf11e0

/** Is this a workbook container (zip for xlsx/xlsm/ods, OLE2 compound file for .xls)? */
export const isWorkbookBytes = (head: Buffer): boolean => head.length >= 4 && (head.readUInt32BE(0) === zipSignature || head.readUInt32BE(0) === cfbSignature)

// Excel's error codes, as SheetJS numbers them.
const errorCodes: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA'
}

function cellOf(cell: XLSX.CellObject | undefined): Cell {
  if (!cell) return null
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '')
    case 'n':
      return typeof cell.v === 'number' && Number.isFinite(cell.v) ? cell.v : null
    case 'b':
      return Boolean(cell.v)
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v))
      return Number.isNaN(d.getTime()) ? new CellProblem('the date cell holds no valid date', String(cell.v)) : d
    }
    case 'e': {
      const code = errorCodes[cell.v as number] ?? '#ERROR'
      return new CellProblem(`the cell shows the spreadsheet error ${code}${cell.f ? ` (formula =${cell.f})` : ''}`, code)
    }
    case 'z':
      return cell.f
        ? new CellProblem(`the formula =${cell.f} was saved without its result (open and save the file in Excel or LibreOffice to calculate it)`, `=${cell.f}`)
        : null
    default:
      return null
  }
}

/** SheetJS logs approximations (e.g. LibreOffice's conditional currency formats) to the console; an import's stderr is for errors. */
function quietly<T>(read: () => T): T {
  const original = console.error
  console.error = () => undefined
  try {
    return read()
  } finally {
    console.error = original
  }
}

/** SheetJS's reason in a data officer's words; its own TypeErrors ("Cannot read properties of undefined") mean the bytes are damaged. */
function whyUnreadable(error: unknown): string {
  const why = error instanceof Error ? error.message : String(error)
  if (/password|encrypt/i.test(why)) return 'it is password-protected'
  if (/unsupported zip/i.test(why)) return 'it is a zip archive of other files, not a workbook (unzip it and import the files inside)'
  if (error instanceof TypeError || error instanceof RangeError) {
    return 'the file is damaged or incomplete, perhaps cut short when it was copied or downloaded (save it again, or ask for a new copy)'
  }
  return why
}

export interface Workbook {
  /** Every sheet's name, in workbook order (empty sheets too). */
  sheetNames: string[]
  /** Every non-empty row of every sheet, in workbook order; 1-based row numbers, cells from column A. */
  rows(): Generator<{ sheet: string; row: number; cells: Cell[] }>
}

/**
 * Reads a workbook — .xlsx/.xlsm (shared or inline strings, relative or absolute part
 * paths, as Excel, LibreOffice, Google Sheets, openpyxl/pandas, xlsxwriter and exceljs
 * write them), legacy .xls and .ods — with SheetJS, every sheet in workbook order. The
 * whole workbook is parsed in memory, so its size is checked first (ReadLimits): a zip is
 * measured before it is inflated, and rows and cells are counted as they are read.
 */
export async function readWorkbook(bytes: Buffer, fileName: string, limits: ReadLimits): Promise<Workbook> {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === zipSignature) await checkZipUnpackedSize(bytes, fileName, limits)
  else if (bytes.length > limits.maxLegacyBytes) throw tooLarge(fileName, limits.maxLegacyBytes)
  let wb: XLSX.WorkBook
  try {
    wb = quietly(() =>
      XLSX.read(bytes, {
        type: 'buffer',
        dense: true,
        cellDates: true,
        UTC: true,
        cellFormula: true,
        sheetStubs: true,
        cellHTML: false,
        cellNF: false,
        cellText: false,
        cellStyles: false,
        bookVBA: false,
        // One row more than allowed, so a sheet over the limit is refused rather than cut short.
        sheetRows: limits.maxRows + 1
      })
    )
  } catch (error) {
    throw invalidInput(`${fileName}: not a readable workbook (.xlsx, .xlsm, .xls or .ods): ${whyUnreadable(error)}`)
  }
  const data = (name: string): (XLSX.CellObject[] | undefined)[] => (wb.Sheets[name] as XLSX.DenseWorkSheet | undefined)?.['!data'] ?? []
  for (const name of wb.SheetNames) {
    if (data(name).length > limits.maxRows) {
      throw invalidInput(`${fileName}: sheet "${name}" has more than ${limits.maxRows.toLocaleString('en-GB')} rows, the limit for an import`)
    }
  }
  return {
    sheetNames: [...wb.SheetNames],
    *rows() {
      let cells = 0
      for (const sheet of wb.SheetNames) {
        const rows = data(sheet)
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r]
          if (!row) continue
          cells += row.length
          if (cells > limits.maxCells) {
            throw invalidInput(
              `${fileName}: the workbook has more than ${limits.maxCells.toLocaleString('en-GB')} cells, the limit for an import (save the data as CSV, or split the workbook)`
            )
          }
          const values = Array.from(row, cellOf)
          if (values.every((v) => v === null || v === '')) continue
          yield { sheet, row: r + 1, cells: values }
        }
      }
    }
  }
}

export const tooLarge = (fileName: string, limit: number): Error =>
  invalidInput(`${fileName}: the file is larger than ${megabytes(limit)}, the limit for a workbook import (save the data as CSV, or split the workbook)`)
