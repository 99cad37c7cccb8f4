import { parse } from 'csv-parse'
import { createHash } from 'node:crypto'
import { createReadStream, openSync, readSync, closeSync, readFileSync, statSync } from 'node:fs'
import { PassThrough, Readable } from 'node:stream'
import { invalidInput } from '../errors'
import type { Cell } from './cell'
import { CsvRefused, NotSimpleCsv, SimpleCsv, type CsvLine } from './csv-fast'
import { defaultReadLimits, megabytes, type ReadLimits } from './limits'
import { isWorkbookBytes, readWorkbook, tooLarge, type Workbook } from './spreadsheet'

/**
 * The one row reader every import uses: CSV streamed a chunk at a time (a large file
 * never sits in memory whole), workbooks (xlsx, xlsm, xls, ods) through spreadsheet.ts
 * within ReadLimits. The file's bytes are hashed (sha256) and counted on the way
 * through, for the import history and the progress bar.
 */
export type { Cell } from './cell'

/** A file to import: on disk (desktop, CLI) or uploaded bytes (browser mode). */
export type ImportSource = { name: string; path: string } | { name: string; content: Buffer }

export interface SourceRow {
  /** Worksheet name for a workbook; null for CSV. */
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

/** 'xlsx' stands for every workbook format (xlsx, xlsm, xls, ods): a file with named sheets. */
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

const workbookName = /\.(xlsx|xlsm|xls|ods)$/i

/** What a file named as a workbook holds instead, in words a data officer recognises. */
const looksLike = (head: Buffer): string => {
  const text = head.toString('latin1').trimStart()
  if (text.startsWith('%PDF')) return 'a PDF document'
  if (/^<(!doctype html|html|table)/i.test(text)) return 'a web page (HTML)'
  if (text.startsWith('<')) return 'an XML file'
  return head.includes(0) ? 'binary data of another kind' : 'plain text'
}

/** By content, not by name: an xlsx or ods is a zip, an xls an OLE2 compound file; a file with NUL bytes is not text. */
export function sniffKind(source: ImportSource): FileKind {
  const head = headBytes(source, 4096)
  if (isWorkbookBytes(head)) return 'xlsx'
  if (head.length === 0) throw invalidInput(`${source.name}: the file is empty`)
  // Read as CSV it would be refused for its "columns"; the real problem is what the file is.
  const extension = workbookName.exec(source.name)?.[1]
  if (extension) {
    throw invalidInput(
      `${source.name}: is not a spreadsheet workbook, though its name ends in .${extension} (it holds ${looksLike(head)}); choose the right file, or open it in Excel or LibreOffice and save it as .xlsx or CSV`
    )
  }
  // Excel's "Unicode Text" and some exports: UTF-16, which reads as binary byte by byte.
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw invalidInput(
      `${source.name}: is UTF-16 text (as Excel saves "Unicode Text"), not UTF-8; save it as "CSV UTF-8 (comma delimited)" and import that file`
    )
  }
  if (head.includes(0)) throw invalidInput(`${source.name}: not a CSV file or a workbook (it contains binary data)`)
  return 'csv'
}

const chunkBytes = 256 * 1024

async function sha256Of(source: ImportSource): Promise<string> {
  const hash = createHash('sha256')
  if ('content' in source) return hash.update(source.content).digest('hex')
  for await (const chunk of createReadStream(source.path, { highWaterMark: chunkBytes })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * Refuses the same file chosen twice (Episodes.csv from two folders, or twice on a command
 * line): read twice, every row would clash with itself or, for episodes, be written twice.
 * Only files of equal size are hashed, so a normal import reads nothing more.
 */
export async function refuseRepeatedFiles(sources: readonly ImportSource[]): Promise<void> {
  const bySize = new Map<number, ImportSource[]>()
  for (const source of sources) {
    const size = sourceSize(source)
    bySize.set(size, [...(bySize.get(size) ?? []), source])
  }
  for (const same of bySize.values()) {
    if (same.length < 2) continue
    const seen = new Map<string, ImportSource>()
    for (const source of same) {
      const digest = await sha256Of(source)
      const earlier = seen.get(digest)
      if (earlier) {
        throw invalidInput(
          earlier.name === source.name
            ? `${source.name}: is chosen twice (the same contents); choose each file once`
            : `${source.name}: holds exactly the same as ${earlier.name}, so the same file is chosen twice; choose each file once`
        )
      }
      seen.set(digest, source)
    }
  }
}

/** Uploaded bytes in file-sized chunks, so they are read exactly as a file on disk is. */
function* pieces(content: Buffer): Generator<Buffer> {
  for (let at = 0; at < content.length; at += chunkBytes) yield content.subarray(at, at + chunkBytes)
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
  const raw = 'content' in source ? Readable.from(pieces(source.content)) : createReadStream(source.path, { highWaterMark: chunkBytes })
  raw.on('error', (error: Error) => counter.destroy(error))
  return raw.pipe(counter)
}

/** CSV rows through csv-parse, which reads every shape of CSV (and names what is wrong with a broken one). */
async function* csvParseBatches(source: ImportSource, stats: ReadStats, limits: ReadLimits, onBytes?: () => void): AsyncGenerator<SourceRow[]> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: limits.maxLineBytes })
  // Fatal: bytes that are not UTF-8 stop the read rather than becoming U+FFFD.
  const utf8 = new TextDecoder('utf-8', { fatal: true })
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
      parser.write(decoded(utf8, chunk as Buffer, stats.bytes))
      const rows = take()
      if (rows.length) yield rows
    }
    parser.write(decoded(utf8, undefined, stats.bytes))
    parser.end()
    await ended
    const rows = take()
    if (rows.length) yield rows
  } finally {
    parser.destroy()
  }
}

class NotUtf8 extends Error {}

function decoded(decoder: InstanceType<typeof TextDecoder>, chunk: Buffer | undefined, byteOffset: number): string {
  try {
    return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode()
  } catch {
    throw new NotUtf8(`within the first ${byteOffset.toLocaleString('en-GB')} bytes`)
  }
}

async function* simpleCsvBatches(source: ImportSource, stats: ReadStats, limits: ReadLimits, onBytes?: () => void): AsyncGenerator<SourceRow[]> {
  const csv = new SimpleCsv(limits.maxLineBytes)
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
async function* csvRowBatches(source: ImportSource, stats: ReadStats, limits: ReadLimits, onBytes?: () => void): AsyncGenerator<SourceRow[]> {
  let given = 0
  const lineLimit = `${megabytes(limits.maxLineBytes)}, the limit for one line of a CSV file (is it really a CSV file?)`
  const utf8Advice = 'save it as "CSV UTF-8" and import it again'
  try {
    try {
      for await (const rows of simpleCsvBatches(source, stats, limits, onBytes)) {
        given += rows.length
        yield rows
      }
      return
    } catch (error) {
      if (!(error instanceof NotSimpleCsv)) throw error
    }
    stats.bytes = 0
    for await (const rows of csvParseBatches(source, stats, limits, onBytes)) {
      const fresh = given > 0 ? rows.slice(given) : rows
      given = Math.max(0, given - rows.length)
      if (fresh.length) yield fresh
    }
  } catch (error) {
    if (error instanceof CsvRefused) {
      throw invalidInput(
        error.why === 'too-long'
          ? `${source.name}: line ${error.line} is longer than ${lineLimit}`
          : `${source.name}: line ${error.line} is not UTF-8 text (${utf8Advice})`
      )
    }
    if (error instanceof NotUtf8) throw invalidInput(`${source.name}: is not UTF-8 text (invalid bytes ${error.message}; ${utf8Advice})`)
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw invalidInput(`${source.name}: a record ending on line ${(error as { lines?: number }).lines ?? '?'} is longer than ${lineLimit}`)
    }
    throw invalidInput(`${source.name}: not readable as CSV (${error instanceof Error ? error.message : String(error)})`)
  }
}

/** The whole workbook, read once, its bytes hashed and counted as a CSV's are. */
export async function openWorkbook(source: ImportSource, stats: ReadStats, limits: ReadLimits = defaultReadLimits, onBytes?: () => void): Promise<Workbook> {
  if (sourceSize(source) > limits.maxUnpackedBytes) throw tooLarge(source.name, limits.maxUnpackedBytes)
  const bytes = 'content' in source ? source.content : readFileSync(source.path)
  stats.bytes = bytes.length
  stats.sha256 = createHash('sha256').update(bytes).digest('hex')
  onBytes?.()
  return readWorkbook(bytes, source.name, limits)
}

// A workbook is parsed whole, so batches of this size only keep the awaits per row few.
const workbookBatch = 1000

async function* workbookRowBatches(source: ImportSource, stats: ReadStats, limits: ReadLimits, onBytes?: () => void): AsyncGenerator<SourceRow[]> {
  const workbook = await openWorkbook(source, stats, limits, onBytes)
  let batch: SourceRow[] = []
  for (const row of workbook.rows()) {
    batch.push(row)
    if (batch.length >= workbookBatch) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}

/** Every non-empty row of every sheet, in file order, a batch at a time. `stats` fills in as bytes are read. */
export function readRowBatches(
  source: ImportSource,
  stats: ReadStats,
  onBytes?: () => void,
  limits: ReadLimits = defaultReadLimits
): AsyncGenerator<SourceRow[]> {
  return sniffKind(source) === 'xlsx' ? workbookRowBatches(source, stats, limits, onBytes) : csvRowBatches(source, stats, limits, onBytes)
}

/** Every non-empty row of every sheet, in file order. `stats` fills in as bytes are read. */
export async function* readRows(
  source: ImportSource,
  stats: ReadStats,
  onBytes?: () => void,
  limits: ReadLimits = defaultReadLimits
): AsyncGenerator<SourceRow> {
  for await (const batch of readRowBatches(source, stats, onBytes, limits)) yield* batch
}

/** Text of a cell as a 903 field: trimmed, blank as null. */
export const cellText = (cell: Cell | undefined): string | null => {
  if (cell === null || cell === undefined) return null
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  const text = String(cell).trim()
  return text === '' ? null : text
}
