import * as XLSX from '@e965/xlsx'
import { crc32, deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { ImportSource } from '../../../src/main/core/io/read'
import { import903 } from '../../../src/main/core/io/ssda903/import'
import { dumpDb } from '../../helpers/dump'
import { cohort903, csvText, episodesTable, headerTable } from '../../helpers/fixtures903'
import { tempContext } from '../../helpers/tmp'
import { sheetXml, workbookParts, zip } from '../../helpers/zip'

/**
 * Files a data officer really gets wrong: a workbook damaged in transit, something else
 * renamed .xlsx, a CSV saved by a European Excel. Each is refused with one message that
 * names the file and says what to do, and the database is left exactly as it was.
 */
async function refused(sources: ImportSource[], message: RegExp): Promise<void> {
  const ctx = await tempContext()
  const before = await dumpDb(ctx.db)
  await expect(import903(ctx, sources)).rejects.toThrow(message)
  expect(await dumpDb(ctx.db)).toEqual(before)
}

const cohort = cohort903({ lookedAfter: 5 })
const headerXml = sheetXml(headerTable(cohort))

describe('damaged and mislabelled files', () => {
  it('refuses a workbook whose sheet inflates to bytes that fail the zip CRC, instead of reading no rows', async () => {
    const good = Buffer.from(headerXml, 'utf8')
    // Damaged bytes that still inflate: the deflated stream of other text, under the sheet's size and CRC.
    const garbage = Buffer.alloc(good.length, 0x20)
    const damaged = zip([
      ...workbookParts(['Header']),
      { name: 'xl/worksheets/sheet1.xml', deflated: { bytes: deflateRawSync(garbage), size: good.length, crc: crc32(good) } }
    ])
    await refused([{ name: 'Header.xlsx', content: damaged }], /^Header\.xlsx: not a readable workbook \(part xl\/worksheets\/sheet1\.xml is damaged/)
  })

  it('refuses a workbook whose sheet inflates to fewer bytes than its zip directory declares', async () => {
    const good = Buffer.from(headerXml, 'utf8')
    const short = good.subarray(0, good.length - 100)
    const damaged = zip([
      ...workbookParts(['Header']),
      { name: 'xl/worksheets/sheet1.xml', deflated: { bytes: deflateRawSync(short), size: good.length, crc: crc32(good) } }
    ])
    await refused([{ name: 'Header.xlsx', content: damaged }], /^Header\.xlsx: not a readable workbook \(part xl\/worksheets\/sheet1\.xml is damaged/)
  })

  it('names what a file called .xlsx or .xls really holds, rather than finding no 903 columns in it', async () => {
    await refused(
      [{ name: 'Header.xlsx', content: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n') }],
      /^Header\.xlsx: is not a spreadsheet workbook, though its name ends in \.xlsx \(it holds a PDF document\)/
    )
    await refused(
      [{ name: 'Episodes.xls', content: Buffer.from('<html><body><table><tr><td>CHILD</td></tr></table></body></html>') }],
      /^Episodes\.xls: is not a spreadsheet workbook, though its name ends in \.xls \(it holds a web page \(HTML\)\)/
    )
    await refused(
      [{ name: 'Header.ods', content: Buffer.from(csvText(headerTable(cohort))) }],
      /^Header\.ods: is not a spreadsheet workbook, though its name ends in \.ods \(it holds plain text\)/
    )
  })

  it('says a CSV is separated by semicolons or tabs, not that it lacks the 903 columns', async () => {
    const commas = csvText(headerTable(cohort))
    await refused(
      [{ name: 'Header.csv', content: Buffer.from(commas.replaceAll(',', ';')) }],
      /^Header\.csv: its columns are separated by semicolons \(;\), not commas; save it again as "CSV UTF-8 \(comma delimited\)"/
    )
    await refused([{ name: 'Header.csv', content: Buffer.from(commas.replaceAll(',', '\t')) }], /^Header\.csv: its columns are separated by tabs, not commas/)
  })

  it('says an .xls cut short is damaged, not what the parser tripped on', async () => {
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(headerTable(cohort903({ lookedAfter: 200 }))), 'Header')
    const xls = Buffer.from(XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Uint8Array)
    for (const cut of [0.3, 0.5, 0.8]) {
      await refused(
        [{ name: 'Header.xls', content: xls.subarray(0, Math.floor(xls.length * cut)) }],
        /^Header\.xls: not a readable workbook \(\.xlsx, \.xlsm, \.xls or \.ods\): the file is damaged or incomplete/
      )
    }
  })

  it('says a zip of other files named .xlsx is a zip archive, to unzip', async () => {
    await refused(
      [{ name: 'returns.xlsx', content: zip([{ name: 'Header.csv', data: csvText(headerTable(cohort)) }]) }],
      /^returns\.xlsx: not a readable workbook .*: it is a zip archive of other files, not a workbook \(unzip it and import the files inside\)$/
    )
  })

  it('says a UTF-16 file (Excel\'s "Unicode Text") needs saving as CSV UTF-8, not that it is binary', async () => {
    const text = csvText(headerTable(cohort))
    await refused(
      [{ name: 'Header.csv', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) }],
      /^Header\.csv: is UTF-16 text \(as Excel saves "Unicode Text"\), not UTF-8; save it as "CSV UTF-8 \(comma delimited\)"/
    )
  })

  it('refuses the same file chosen twice, which would write every episode twice', async () => {
    const episodes = Buffer.from(csvText(episodesTable(cohort)))
    const header = { name: 'Header.csv', content: Buffer.from(csvText(headerTable(cohort))) }
    await refused(
      [header, { name: 'Episodes.csv', content: episodes }, { name: 'Episodes.csv', content: episodes }],
      /^Episodes\.csv: is chosen twice \(the same contents\); choose each file once$/
    )
    await refused(
      [header, { name: 'Episodes.csv', content: episodes }, { name: 'Episodes (1).csv', content: Buffer.from(episodes) }],
      /^Episodes \(1\)\.csv: holds exactly the same as Episodes\.csv, so the same file is chosen twice; choose each file once$/
    )
  })

  it('refuses a password-protected workbook, saying so', async () => {
    // Office keeps an encrypted workbook in a compound file: the encryption header, then the encrypted package.
    const cfb = XLSX.CFB.utils.cfb_new()
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from('<encryption/>')]))
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7))
    const locked = Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array)
    await refused([{ name: 'Header.xlsx', content: locked }], /^Header\.xlsx: not a readable workbook .*: it is password-protected/)
  })
})
