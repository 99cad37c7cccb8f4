import { createInflateRaw } from 'node:zlib'
import { Readable } from 'node:stream'
import { invalidInput } from '../errors'
import { megabytes } from './limits'

/**
 * Checks what a zip container (xlsx, xlsm, ods) unpacks to before any spreadsheet parser
 * inflates it: the sizes its central directory declares must add up to no more than the
 * limit, and each part is then inflated as a stream, counted and thrown away, so a part
 * that holds more than it declares (a zip bomb that lies in its directory) is caught with
 * at most the limit's worth of CPU and a few kilobytes of memory.
 */
interface Entry {
  name: string
  method: number
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
      compressedSize: zip.readUInt32LE(at + 20),
      declaredSize: zip.readUInt32LE(at + 24),
      localHeader: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength)
    })
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return entries
}

async function inflatedSize(data: Buffer, stopAfter: number): Promise<number> {
  let total = 0
  const inflater = Readable.from([data]).pipe(createInflateRaw({ chunkSize: 64 * 1024 }))
  try {
    for await (const chunk of inflater) {
      total += (chunk as Buffer).length
      if (total > stopAfter) break
    }
  } finally {
    inflater.destroy()
  }
  return total
}

/** Throws a clear error if the zip would unpack to more than `maxUnpackedBytes`, or is damaged. */
export async function checkZipUnpackedSize(zip: Buffer, fileName: string, maxUnpackedBytes: number): Promise<void> {
  const entries = centralDirectory(zip, fileName)
  const limit = megabytes(maxUnpackedBytes)
  const tooBig = (): never => {
    throw invalidInput(`${fileName}: the workbook unpacks to more than ${limit}, the limit for an import (save the data as CSV, or split the workbook)`)
  }
  const declared = entries.reduce((sum, e) => sum + (e.declaredSize === zip64Marker ? Infinity : e.declaredSize), 0)
  if (declared > maxUnpackedBytes) return tooBig()
  let actual = 0
  for (const e of entries) {
    if (e.method === 0) {
      actual += e.compressedSize
      continue
    }
    if (e.method !== 8) throw invalidInput(`${fileName}: not a readable workbook (part ${e.name} uses zip compression method ${e.method}, which spreadsheets do not use)`)
    const h = e.localHeader
    if (h + 30 > zip.length || zip.readUInt32LE(h) !== localSignature) throw invalidInput(`${fileName}: not a readable workbook (part ${e.name} is missing from the zip)`)
    const start = h + 30 + zip.readUInt16LE(h + 26) + zip.readUInt16LE(h + 28)
    let size: number
    try {
      size = await inflatedSize(zip.subarray(start, start + e.compressedSize), e.declaredSize)
    } catch (error) {
      throw invalidInput(`${fileName}: not a readable workbook (part ${e.name} is damaged: ${error instanceof Error ? error.message : String(error)})`)
    }
    if (size > e.declaredSize) throw invalidInput(`${fileName}: not a readable workbook (part ${e.name} holds more than its zip directory declares)`)
    actual += size
    if (actual > maxUnpackedBytes) return tooBig()
  }
}
