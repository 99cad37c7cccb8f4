import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importUnitCosts } from '../../../src/main/core/costs/importUnitCosts'
import { defaultReadLimits, type ReadLimits } from '../../../src/main/core/io/limits'
import { readRows, type ImportSource } from '../../../src/main/core/io/read'
import { import903 } from '../../../src/main/core/io/ssda903/import'
import { dumpDb } from '../../helpers/dump'
import { cohort903, csvText, headerTable } from '../../helpers/fixtures903'
import { tempContext, tempDir } from '../../helpers/tmp'
import { craftXlsx, deflatedRepeat, sheetXml, workbookParts, zip } from '../../helpers/zip'
import { itemAt } from '../../helpers/defined'

/**
 * Small hostile files must not cost gigabytes or minutes (issue 12, points 4 and 6): each
 * is refused with an error that names the file and the limit, or its rows are rejected,
 * and the database is left exactly as it was.
 */
const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'

async function count(source: ImportSource, limits: ReadLimits = defaultReadLimits): Promise<number> {
  let n = 0
  for await (const _ of readRows(source, { bytes: 0, totalBytes: 0 }, undefined, limits)) n++
  return n
}

/** import903 must fail with `message` and leave the database as it was. */
async function refused(sources: ImportSource[], message: RegExp): Promise<void> {
  const ctx = await tempContext()
  const before = await dumpDb(ctx.db)
  await expect(import903(ctx, sources)).rejects.toThrow(message)
  expect(await dumpDb(ctx.db)).toEqual(before)
}

describe('workbook limits', () => {
  it('refuses a shared-strings bomb (1.2 million tiny strings in 50 KB) before parsing it', async () => {
    const strings = await deflatedRepeat(`<?xml version="1.0"?><sst xmlns="${main}">`, '<si><t>a</t></si>', 1_200_000, '</sst>')
    const bomb = zip([
      ...workbookParts(['Header'], { sharedStrings: true }),
      { name: 'xl/worksheets/sheet1.xml', data: sheetXml([[{ attrs: 't="s"', inner: '<v>0</v>' }]]) },
      { name: 'xl/sharedStrings.xml', deflated: strings }
    ])
    expect(bomb.length).toBeLessThan(100_000)
    await refused([{ name: 'bomb.xlsx', content: bomb }], /^bomb\.xlsx: the workbook holds more than 1,000,000 shared strings, the limit for an import/)
  })

  it('refuses a workbook whose parts declare more than 200 MB, without inflating them', async () => {
    const parts = [...workbookParts(['Header']), { name: 'xl/worksheets/sheet1.xml', data: sheetXml([['CHILD']]), declaredSize: 250 * 1024 * 1024 }]
    await refused([{ name: 'big.xlsx', content: zip(parts) }], /^big\.xlsx: the workbook unpacks to more than 200 MB, the limit for an import/)
  })

  it('refuses a part that holds more than its directory declares (a lying zip bomb)', async () => {
    const sheet = await deflatedRepeat(`<worksheet xmlns="${main}"><sheetData>`, '<row/>', 2_000_000, '</sheetData></worksheet>')
    const parts = [...workbookParts(['Header']), { name: 'xl/worksheets/sheet1.xml', deflated: { ...sheet, size: 1000 } }]
    await refused(
      [{ name: 'liar.xlsx', content: zip(parts) }],
      /^liar\.xlsx: not a readable workbook \(part xl\/worksheets\/sheet1\.xml holds more than its zip directory declares\)/
    )
  })

  it('refuses a 50 MB cell while measuring the zip, before any parser holds it', async () => {
    const sheet = await deflatedRepeat(
      `<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`,
      'C',
      50 * 1024 * 1024,
      '</t></is></c></row></sheetData></worksheet>'
    )
    const parts = [...workbookParts(['Header']), { name: 'xl/worksheets/sheet1.xml', deflated: sheet }]
    await refused(
      [{ name: 'field.xlsx', content: zip(parts) }],
      /^field\.xlsx: a cell holds more than 1 MB of text, the limit for one cell \(part xl\/worksheets\/sheet1\.xml\)/
    )
  })

  it('refuses a workbook with more cells than the limit, counted before parsing', async () => {
    const sheet = await deflatedRepeat(
      `<worksheet xmlns="${main}"><sheetData>`,
      '<row><c><v>1</v></c><c><v>2</v></c></row>',
      600_000,
      '</sheetData></worksheet>'
    )
    const parts = [...workbookParts(['Header']), { name: 'xl/worksheets/sheet1.xml', deflated: sheet }]
    await refused([{ name: 'cells.xlsx', content: zip(parts) }], /^cells\.xlsx: the workbook holds more than 1,000,000 cells/)
  })

  it('counts an ods row repeated a million times as a million rows of cells, and ignores the empty repeats LibreOffice writes', async () => {
    const ods = (rows: string): Buffer =>
      zip([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
        {
          name: 'META-INF/manifest.xml',
          data: '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
        },
        { name: 'styles.xml', data: '<?xml version="1.0"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' },
        {
          name: 'content.xml',
          data: `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`
        }
      ])
    const valued = (rowsRepeated: number, columnsRepeated: number): string =>
      `<table:table-row table:number-rows-repeated="${rowsRepeated}"><table:table-cell table:number-columns-repeated="${columnsRepeated}" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>`
    const empty = '<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    await refused([{ name: 'repeat.ods', content: ods(valued(100_000, 1000)) }], /^repeat\.ods: the workbook holds more than 1,000,000 cells/)
    expect(await count({ name: 'fine.ods', content: ods(valued(3, 2) + empty) })).toBe(3)
  })

  it('refuses a sheet over the row limit and a workbook over the cell limit, naming the file and the limit', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`C${i}`, 'x', 'y'])
    const file = { name: 'rows.xlsx', content: craftXlsx([{ name: 'Header', rows }]) }
    expect(await count(file)).toBe(12)
    await expect(count(file, { ...defaultReadLimits, maxRows: 10 })).rejects.toThrow('rows.xlsx: sheet "Header" has more than 10 rows, the limit for an import')
    await expect(count(file, { ...defaultReadLimits, maxCells: 30 })).rejects.toThrow(
      'rows.xlsx: the workbook holds more than 30 cells, the limit for an import'
    )
  })

  it('refuses an .xls larger than the legacy limit', async () => {
    const fake = Buffer.alloc(2048)
    fake.writeUInt32BE(0xd0cf11e0, 0)
    await expect(count({ name: 'old.xls', content: fake }, { ...defaultReadLimits, maxLegacyBytes: 1024 })).rejects.toThrow(
      'old.xls: the file is larger than 1 KB, the limit for a workbook import'
    )
  })

  it('costs import reads the same limits: a bomb of a rates sheet is refused and nothing is written', async () => {
    const strings = await deflatedRepeat(`<?xml version="1.0"?><sst xmlns="${main}">`, '<si><t>a</t></si>', 1_200_000, '</sst>')
    const bomb = zip([
      ...workbookParts(['Rates'], { sharedStrings: true }),
      { name: 'xl/worksheets/sheet1.xml', data: sheetXml([[{ attrs: 't="s"', inner: '<v>0</v>' }]]) },
      { name: 'xl/sharedStrings.xml', deflated: strings }
    ])
    const ctx = await tempContext()
    const before = await dumpDb(ctx.db)
    await expect(
      importUnitCosts(ctx.db, 'finance', { fileName: 'rates.xlsx', content: bomb, columns: { optionCode: 'A', weekly: 'B' }, effectiveFrom: '2020-04-01' })
    ).rejects.toThrow(/rates\.xlsx: the workbook holds more than 1,000,000 shared strings/)
    expect(await dumpDb(ctx.db)).toEqual(before)
  })
})

describe('CSV limits and encoding', () => {
  const cohort = cohort903({ lookedAfter: 4, seed: 3 })

  it('refuses a 60 MB line at the 1 MB line limit, from a path and from uploaded bytes, without reading it whole', async () => {
    const text = `CHILD,SEX,DOB\n${'A'.repeat(60 * 1024 * 1024)},1,01/01/2010\n`
    const path = join(tempDir(), 'long.csv')
    writeFileSync(path, text)
    await refused([{ name: 'long.csv', path }], /^long\.csv: line 2 is longer than 1 MB, the limit for one line of a CSV file/)
    await refused([{ name: 'long.csv', content: Buffer.from(text) }], /^long\.csv: line 2 is longer than 1 MB/)
  })

  it('refuses a record over 1 MB in a CSV that csv-parse reads (quoted line breaks)', async () => {
    const text = `CHILD,SEX,DOB\n"A\nB",1,01/01/2010\n"${'x'.repeat(2 * 1024 * 1024)}",1,01/01/2010\n`
    await refused([{ name: 'quoted.csv', content: Buffer.from(text) }], /^quoted\.csv: a record ending on line \d+ is longer than 1 MB/)
  })

  it('refuses bytes that are not UTF-8 (a Windows-1252 £) naming the line, instead of turning them into U+FFFD', async () => {
    const lines = csvText(headerTable(cohort)).split('\n')
    const bytes = Buffer.concat([Buffer.from(`${lines.slice(0, 3).join('\n')}\n`), Buffer.from([0x41, 0xa3, 0x0a]), Buffer.from(lines.slice(3).join('\n'))])
    await refused([{ name: 'Header.csv', content: bytes }], /^Header\.csv: line 4 is not UTF-8 text \(save it as "CSV UTF-8" and import it again\)/)
    // A line break inside quotes sends the file to csv-parse, which must refuse the bytes too.
    const quoted = Buffer.concat([
      Buffer.from(`CHILD,SEX,DOB\n"A\nB",1,01/01/2010\n${'C1,1,01/01/2010\n'.repeat(30_000)}`),
      Buffer.from([0xff, 0x2c, 0x31, 0x0a])
    ])
    await refused([{ name: 'q.csv', content: quoted }], /^q\.csv: is not UTF-8 text \(invalid bytes within the first [\d,]+ bytes; save it as "CSV UTF-8"/)
  })

  it('rejects a row with a NUL byte in a field, showing it escaped, and imports the others', async () => {
    const header = headerTable(cohort)
    itemAt(header, 2)[3] = 'W\u0000RI'
    const ctx = await tempContext()
    const summary = await import903(ctx, [{ name: 'Header.csv', content: Buffer.from(`${'\n'.repeat(5000)}${csvText(header)}`) }], { dryRun: true })
    expect(summary.rejected).toEqual([
      {
        file: 'Header.csv',
        row: 5003,
        column: 'ETHNIC',
        value: 'W\\u0000RI',
        reason: 'ETHNIC contains a control character (U+0000), which no typed text holds'
      }
    ])
  })

  it('rejects an over-long field in a workbook with its value shortened', async () => {
    const header = headerTable(cohort)
    itemAt(header, 1)[0] = 'C'.repeat(200_000)
    const ctx = await tempContext()
    const before = await dumpDb(ctx.db)
    const summary = await import903(ctx, [{ name: 'h.xlsx', content: craftXlsx([{ name: 'Header', rows: header }]) }])
    expect(summary.rejected[0]).toEqual({
      file: 'h.xlsx',
      row: 2,
      column: 'CHILD',
      value: `${'C'.repeat(60)}… (200,000 characters)`,
      reason: 'CHILD is 200,000 characters long; it can be at most 10'
    })
    expect(summary.inserted).toBe(cohort.children.length - 1)
    expect(JSON.stringify(summary).length).toBeLessThan(10_000)
    expect(await dumpDb(ctx.db)).not.toEqual(before)
  })
})
