import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { createHash } from 'node:crypto'
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs'
import { PassThrough, Readable } from 'node:stream'
import { invalidInput } from '../errors'

/**
 * Streaming row reader for CSV and xlsx files. Rows are yielded one at a time, so a
 * large file never sits in memory whole; the file's bytes are hashed (sha256) and
 * counted on the way through, for the import history and the progress bar.
 */
export type Cell = string | number | boolean | Date | null

/** A file to import: on disk (desktop, CLI) or uploaded bytes (browser mode). */
export type ImportSource = { name: string; path: string } | { name: string; content: Buffer }

export interface SourceRow {
  /** Worksheet name for xlsx; null for CSV. */
  sheet: string | null
  /** 1-based row number as a spreadsheet shows it (the header is usually row 1). */
  row: number
  cells: Cell[]
}

export interface ReadStats {
  bytes: number
  totalBytes: number
  sha256?: string
}

export type FileKind = 'csv' | 'xlsx'

const headBytes = (source: ImportSource, n: number): Buffer => {
  if ('content' in source) return source.content.subarray(0, n)
  let fd: number
  try {
    fd = openSync(source.path, 'r')
  } catch (error) {
    throw invalidInput(`${source.name}: cannot be opened (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  try {
    const buffer = Buffer.alloc(n)
    return buffer.subarray(0, readSync(fd, buffer, 0, n, 0))
  } finally {
    closeSync(fd)
  }
}

export const sourceSize = (source: ImportSource): number => ('content' in source ? source.content.length : statSync(source.path).size)

/** By content, not by name: an xlsx is a zip; a file with NUL bytes is not text. */
export function sniffKind(source: ImportSource): FileKind {
  const head = headBytes(source, 4096)
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'xlsx'
  if (head.length === 0) throw invalidInput(`${source.name}: the file is empty`)
  if (head.includes(0)) throw invalidInput(`${source.name}: not a CSV or xlsx file (it contains binary data)`)
  return 'csv'
}

function byteStream(source: ImportSource, stats: ReadStats, onBytes?: () => void): Readable {
  const hash = createHash('sha256')
  const counter = new PassThrough()
  counter.on('data', (chunk: Buffer) => {
    hash.update(chunk)
    stats.bytes += chunk.length
    onBytes?.()
  })
  counter.on('end', () => {
    stats.sha256 = hash.digest('hex')
  })
  const raw = 'content' in source ? Readable.from([source.content]) : createReadStream(source.path, { highWaterMark: 256 * 1024 })
  raw.on('error', (error: Error) => counter.destroy(error))
  return raw.pipe(counter)
}

async function* csvRows(source: ImportSource, stats: ReadStats, onBytes?: () => void): AsyncGenerator<SourceRow> {
  const parser = byteStream(source, stats, onBytes).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true })
  )
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { sheet: null, row: info.lines, cells: record }
    }
  } catch (error) {
    throw invalidInput(`${source.name}: not readable as CSV (${error instanceof Error ? error.message : String(error)})`)
  }
}

const cellValue = (value: unknown): Cell => {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string }
    if (v.richText) return v.richText.map((t) => t.text).join('')
    if ('result' in v) return cellValue(v.result)
    if (typeof v.text === 'string') return v.text
    if (v.error) return null
  }
  return String(value)
}

async function* xlsxRows(source: ImportSource, stats: ReadStats, onBytes?: () => void): AsyncGenerator<SourceRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(byteStream(source, stats, onBytes), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit'
  })
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name: string }).name
      for await (const row of sheet) {
        const values = row.values as unknown[]
        yield { sheet: name, row: row.number, cells: values.slice(1).map(cellValue) }
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'invalid_input') throw error
    throw invalidInput(`${source.name}: not readable as an xlsx workbook (${error instanceof Error ? error.message : String(error)})`)
  }
}

/** Every non-empty row of every sheet, in file order. `stats` fills in as bytes are read. */
export function readRows(source: ImportSource, stats: ReadStats, onBytes?: () => void): AsyncGenerator<SourceRow> {
  return sniffKind(source) === 'xlsx' ? xlsxRows(source, stats, onBytes) : csvRows(source, stats, onBytes)
}

/** Text of a cell as a 903 field: trimmed, blank as null. */
export const cellText = (cell: Cell | undefined): string | null => {
  if (cell === null || cell === undefined) return null
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  const text = String(cell).trim()
  return text === '' ? null : text
}
