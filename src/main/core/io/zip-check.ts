import { crc32, createInflateRaw } from 'node:zlib'
import { Readable } from 'node:stream'
import { AppError, invalidInput } from '../errors'
import { megabytes, type ReadLimits } from './limits'

/**
 * Checks what a zip container (xlsx, xlsm, ods) unpacks to before any spreadsheet parser
 * inflates it: the sizes its central directory declares must add up to no more than the
 * limit, and each part is then inflated as a stream, counted and thrown away, so a part
 * that holds more than it declares (a zip bomb that lies in its directory) is caught with
 * at most the limit's worth of CPU and a few kilobytes of memory.
 *
 * Bytes alone do not bound the parse: a few megabytes of tiny shared strings
 * (`<si><t>a</t></si>`) cost a parser far more memory than their size. So the cells of the
 * sheets and the entries of the shared-string table are counted in the same pass, and a
 * workbook with more of either than the cell limit is refused before it is parsed.
 */
interface Entry {
  name: string
  method: number
  crc: number
  compressedSize: number
  declaredSize: number
  localHeader: number
}

const eocdSignature = 0x06054b50
const centralSignature = 0x02014b50
const localSignature = 0x04034b50
const zip64Marker = 0xffffffff

function centralDirectory(zip: Buffer, fileName: string): Entry[] {
  const damaged = (why: string): never => {
    throw invalidInput(`${fileName}: not a readable workbook (its zip structure is damaged: ${why})`)
  }
  // The end record sits in the last 22 bytes plus a comment of up to 64 KB.
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === eocdSignature) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return damaged('no end-of-directory record')
  const count = zip.readUInt16LE(eocd + 10)
  let at = zip.readUInt32LE(eocd + 16)
  const entries: Entry[] = []
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== centralSignature) return damaged('directory entry out of place')
    const nameLength = zip.readUInt16LE(at + 28)
    entries.push({
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      declaredSize: zip.readUInt32LE(at + 24),
      localHeader: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength)
    })
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return entries
}

interface Counter {
  count: number
  /** The longest run of bytes between two tags: the longest text of a cell or string. */
  longestText: number
  add(chunk: Buffer): void
}

const lt = 0x3c

/** Text of a part, a chunk at a time; a tag cut by a chunk boundary is carried into the next chunk. */
abstract class TagScanner implements Counter {
  count = 0
  longestText = 0
  private sinceTag = 0
  private carry = ''
  add(chunk: Buffer): void {
    // Runs inside one chunk are shorter than the chunk; only a run across chunks can be long.
    const first = chunk.indexOf(lt)
    if (first < 0) this.sinceTag += chunk.length
    else {
      this.longestText = Math.max(this.longestText, this.sinceTag + first)
      this.sinceTag = chunk.length - chunk.lastIndexOf(lt) - 1
    }
    this.longestText = Math.max(this.longestText, this.sinceTag)
    let text = this.carry + chunk.toString('latin1')
    const cut = text.lastIndexOf('<')
    if (cut >= 0 && text.indexOf('>', cut) < 0 && text.length - cut < 64 * 1024) {
      this.carry = text.slice(cut)
      text = text.slice(0, cut)
    } else this.carry = ''
    this.scan(text)
  }
  protected abstract scan(text: string): void
}

class TagCounter extends TagScanner {
  constructor(private readonly tag: RegExp) {
    super()
  }
  protected scan(text: string): void {
    this.count += text.match(this.tag)?.length ?? 0
  }
}

/**
 * Cells of an ods holding a value, with their repeats: `number-columns-repeated` times the
 * row's `number-rows-repeated` (which a parser expands). Empty repeated cells, which
 * LibreOffice writes to the sheet's edge, hold nothing and are not counted.
 */
class OdsCellCounter extends TagScanner {
  private rowRepeat = 1
  protected scan(text: string): void {
    for (const [, tag, attrs = ''] of text.matchAll(/<table:(table-row|table-cell|covered-table-cell)\b([^>]*)>/g)) {
      if (tag === 'table-row') this.rowRepeat = Number(/number-rows-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1)
      else if (attrs.includes('office:value-type=')) this.count += Number(/number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1) * this.rowRepeat
    }
  }
}

// What is counted in which part: cells of xlsx sheets, shared strings, cells of an ods.
const counted: { part: RegExp; counter: () => Counter; what: 'cells' | 'strings' }[] = [
  { part: /^xl\/worksheets\/[^/]+\.xml$/i, counter: () => new TagCounter(/<(?:[\w-]+:)?c[\s>/]/g), what: 'cells' },
  { part: /^xl\/sharedStrings\.xml$/i, counter: () => new TagCounter(/<(?:[\w-]+:)?si[\s>/]/g), what: 'strings' },
  { part: /^content\.xml$/, counter: () => new OdsCellCounter(), what: 'cells' }
]

/** Size and CRC-32 of what a part inflates to (the CRC only meaningful when the size is within `stopAfter`). */
async function inflated(data: Buffer, stopAfter: number, counter: Counter | null): Promise<{ size: number; crc: number }> {
  let size = 0
  let crc = 0
  const inflater = Readable.from([data]).pipe(createInflateRaw({ chunkSize: 64 * 1024 }))
  try {
    for await (const chunk of inflater) {
      size += (chunk as Buffer).length
      if (size > stopAfter) break
      crc = crc32(chunk as Buffer, crc)
      counter?.add(chunk as Buffer)
    }
  } finally {
    inflater.destroy()
  }
  return { size, crc }
}

/** Throws a clear error if the zip would unpack to more than `maxUnpackedBytes`, holds more than `maxCells` cells or shared strings, or is damaged. */
export async function checkZipUnpackedSize(
  zip: Buffer,
  fileName: string,
  limits: Pick<ReadLimits, 'maxUnpackedBytes' | 'maxCells' | 'maxCellBytes'>
): Promise<void> {
  const { maxUnpackedBytes, maxCells, maxCellBytes } = limits
  const entries = centralDirectory(zip, fileName)
  const limit = megabytes(maxUnpackedBytes)
  const tooBig = (): never => {
    throw invalidInput(`${fileName}: the workbook unpacks to more than ${limit}, the limit for an import (save the data as CSV, or split the workbook)`)
  }
  const declared = entries.reduce((sum, e) => sum + (e.declaredSize === zip64Marker ? Infinity : e.declaredSize), 0)
  if (declared > maxUnpackedBytes) return tooBig()
  let actual = 0
  const totals = { cells: 0, strings: 0 }
  for (const e of entries) {
    if (e.method === 0) {
      actual += e.compressedSize
      continue
    }
    if (e.method !== 8)
      throw invalidInput(`${fileName}: not a readable workbook (part ${e.name} uses zip compression method ${e.method}, which spreadsheets do not use)`)
    const h = e.localHeader
    if (h + 30 > zip.length || zip.readUInt32LE(h) !== localSignature)
      throw invalidInput(`${fileName}: not a readable workbook (part ${e.name} is missing from the zip)`)
    const start = h + 30 + zip.readUInt16LE(h + 26) + zip.readUInt16LE(h + 28)
    let size: number
    let crc: number
    try {
      const rule = counted.find((c) => c.part.test(e.name))
      const counter = rule ? rule.counter() : null
      ;({ size, crc } = await inflated(zip.subarray(start, start + e.compressedSize), e.declaredSize, counter))
      if (rule) totals[rule.what] += counter!.count
      if (counter && counter.longestText > maxCellBytes) {
        throw invalidInput(`${fileName}: a cell holds more than ${megabytes(maxCellBytes)} of text, the limit for one cell (part ${e.name})`)
      }
    } catch (error) {
      if (error instanceof AppError) throw error
      throw invalidInput(`${fileName}: not a readable workbook (part ${e.name} is damaged: ${error instanceof Error ? error.message : String(error)})`)
    }
    if (size > e.declaredSize) throw invalidInput(`${fileName}: not a readable workbook (part ${e.name} holds more than its zip directory declares)`)
    // Damaged bytes can still inflate, to garbage a parser reads as an empty sheet: the zip's own checks catch them.
    if (size < e.declaredSize || crc !== e.crc) {
      throw invalidInput(
        `${fileName}: not a readable workbook (part ${e.name} is damaged: its contents fail the zip's check; save the file again or ask for a new copy)`
      )
    }
    actual += size
    if (actual > maxUnpackedBytes) return tooBig()
    for (const what of ['cells', 'strings'] as const) {
      if (totals[what] > maxCells) {
        throw invalidInput(
          `${fileName}: the workbook holds more than ${maxCells.toLocaleString('en-GB')} ${what === 'cells' ? 'cells' : 'shared strings'}, the limit for an import (save the data as CSV, or split the workbook)`
        )
      }
    }
  }
}
