import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'

/**
 * A minimal zip writer for hand-made workbooks: the shapes no writer we can run produces
 * (inline strings with absolute part paths, error cells, bombs, a directory that lies).
 */
export interface ZipEntry {
  name: string
  data?: Buffer | string
  /** Already deflated bytes, with the size and CRC they unpack to (for large generated parts). */
  deflated?: { bytes: Buffer; size: number; crc: number }
  /** The size written in the directory, when it should lie. */
  declaredSize?: number
}

export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const raw = e.data === undefined ? null : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8')
    const bytes = e.deflated?.bytes ?? deflateRawSync(raw!)
    const size = e.declaredSize ?? e.deflated?.size ?? raw!.length
    const crc = e.deflated?.crc ?? crc32(raw!)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(bytes.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(bytes.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, bytes)
    centrals.push(central, name)
    offset += 30 + name.length + bytes.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const column = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)))

/** A cell as raw sheet XML (`<c>` inner parts and attributes), for shapes plain text cannot say. */
export interface RawCell {
  attrs: string
  inner: string
}

/** Sheet XML with every text cell an inline string, as openpyxl and some council systems write. */
export function sheetXml(rows: readonly (readonly (string | RawCell | null)[])[]): string {
  const body = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((c, i) => {
            const ref = `${column(i)}${r + 1}`
            if (c === null) return ''
            if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escape(c)}</t></is></c>`
            return `<c r="${ref}" ${c.attrs}>${c.inner}</c>`
          })
          .join('')}</row>`
    )
    .join('')
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${main}"><sheetData>${body}</sheetData></worksheet>`
}

/** The parts of an xlsx around its sheets; `absolute` writes part paths as /xl/… as openpyxl does. */
export function workbookParts(sheetNames: readonly string[], options: { absolute?: boolean; sharedStrings?: boolean } = {}): ZipEntry[] {
  const sheets = sheetNames.map((name, i) => ({ name, part: `worksheets/sheet${i + 1}.xml`, id: `rId${i + 1}` }))
  const target = (part: string): string => (options.absolute ? `/xl/${part}` : part)
  return [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
        .map((s) => `<Override PartName="/xl/${s.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
        .join(
          ''
        )}${options.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="${s.id}"/>`).join('')}</sheets></workbook>`
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((s) => `<Relationship Id="${s.id}" Type="${rel}/worksheet" Target="${target(s.part)}"/>`)
        .join(
          ''
        )}${options.sharedStrings ? `<Relationship Id="rIdS" Type="${rel}/sharedStrings" Target="${target('sharedStrings.xml')}"/>` : ''}</Relationships>`
    }
  ]
}

/** An xlsx of inline-string sheets, put together by hand. */
export function craftXlsx(
  sheets: readonly { name: string; rows: readonly (readonly (string | RawCell | null)[])[] }[],
  options: { absolute?: boolean } = {}
): Buffer {
  return zip([
    ...workbookParts(
      sheets.map((s) => s.name),
      options
    ),
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s.rows) }))
  ])
}

/** `head`, `piece` repeated `times`, `tail`, deflated as a stream: a large part without holding it in memory. */
export async function deflatedRepeat(head: string, piece: string, times: number, tail: string): Promise<NonNullable<ZipEntry['deflated']>> {
  const deflater = createDeflateRaw({ level: 9 })
  const out: Buffer[] = []
  deflater.on('data', (c: Buffer) => out.push(c))
  let crc = 0
  let size = 0
  const write = (b: Buffer): void => {
    crc = crc32(b, crc)
    size += b.length
    deflater.write(b)
  }
  write(Buffer.from(head))
  const block = Buffer.from(piece.repeat(1000))
  for (let i = 0; i < Math.floor(times / 1000); i++) write(block)
  write(Buffer.from(piece.repeat(times % 1000) + tail))
  await new Promise<void>((resolve) => deflater.end(resolve))
  return { bytes: Buffer.concat(out), size, crc }
}
