import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { createHash } from 'node:crypto'
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs'
import { PassThrough, Readable } from 'node:stream'
import { invalidInput } from '../errors'
import { NotSimpleCsv, SimpleCsv, type CsvLine } from './csv-fast'

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

/** CSV rows through csv-parse, which reads every shape of CSV (and names what is wrong with a broken one). */
async function* csvParseBatches(source: ImportSource, stats: ReadStats, onBytes?: () => void): AsyncGenerator<SourceRow[]> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true })
  let batch: SourceRow[] = []
  let failure: unknown = null
  parser.on('data', ({ record, info }: { record: string[]; info: { lines: number } }) => batch.push({ sheet: null, row: info.lines, cells: record }))
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve)
    parser.on('error', (error) => {
      failure ??= error
      resolve()
    })
  })
  const take = (): SourceRow[] => {
    if (failure) throw failure
    const rows = batch
    batch = []
    return rows
  }
  try {
    for await (const chunk of byteStream(source, stats, onBytes)) {
      parser.write(chunk)
      const rows = take()
      if (rows.length) yield rows
    }
    parser.end()
    await ended
    const rows = take()
    if (rows.length) yield rows
  } finally {
    parser.destroy()
  }
}

async function* simpleCsvBatches(source: ImportSource, stats: ReadStats, onBytes?: () => void): AsyncGenerator<SourceRow[]> {
  const csv = new SimpleCsv()
  const lines: CsvLine[] = []
  const rows = (): SourceRow[] => {
    const out = lines.map(({ line, fields }) => ({ sheet: null, row: line, cells: fields }))
    lines.length = 0
    return out
  }
  for await (const chunk of byteStream(source, stats, onBytes)) {
    csv.push(chunk as Buffer, lines)
    if (lines.length) yield rows()
  }
  csv.end(lines)
  if (lines.length) yield rows()
}

/**
 * CSV rows in batches (every record of one chunk of the file together, so a large file
 * costs one await per chunk rather than several per row). The plain shape nearly every
 * return has is read by csv-fast.ts; a file that turns out not to be that plain is read
 * again by csv-parse from the start, carrying on after the rows already given.
 */
async function* csvRowBatches(source: ImportSource, stats: ReadStats, onBytes?: () => void): AsyncGenerator<SourceRow[]> {
  let given = 0
  try {
    try {
      for await (const rows of simpleCsvBatches(source, stats, onBytes)) {
        given += rows.length
        yield rows
      }
      return
    } catch (error) {
      if (!(error instanceof NotSimpleCsv)) throw error
    }
    stats.bytes = 0
    for await (const rows of csvParseBatches(source, stats, onBytes)) {
      const fresh = given > 0 ? rows.slice(given) : rows
      given = Math.max(0, given - rows.length)
      if (fresh.length) yield fresh
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

async function* oneByOne(rows: AsyncGenerator<SourceRow>): AsyncGenerator<SourceRow[]> {
  for await (const row of rows) yield [row]
}

/** Every non-empty row of every sheet, in file order, a batch at a time. `stats` fills in as bytes are read. */
export function readRowBatches(source: ImportSource, stats: ReadStats, onBytes?: () => void): AsyncGenerator<SourceRow[]> {
  return sniffKind(source) === 'xlsx' ? oneByOne(xlsxRows(source, stats, onBytes)) : csvRowBatches(source, stats, onBytes)
}

/** Every non-empty row of every sheet, in file order. `stats` fills in as bytes are read. */
export async function* readRows(source: ImportSource, stats: ReadStats, onBytes?: () => void): AsyncGenerator<SourceRow> {
  for await (const batch of readRowBatches(source, stats, onBytes)) yield* batch
}

/** Text of a cell as a 903 field: trimmed, blank as null. */
export const cellText = (cell: Cell | undefined): string | null => {
  if (cell === null || cell === undefined) return null
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  const text = String(cell).trim()
  return text === '' ? null : text
}
