import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { codeListsOn, codesFor, collectionYearOf, isValidCode } from '../../../src/main/core/io/codes'
import { expandYear, implausibleDate, parseCellDate, parseTextDate } from '../../../src/main/core/io/dates'
import { rejectedReport } from '../../../src/main/core/io/history'
import { detectTable } from '../../../src/main/core/io/ssda903/tables'
import { upnCheckLetterOk } from '../../../src/main/core/io/ssda903/validate'
import { validUpn } from '../../helpers/fixtures903'
import { tempContext } from '../../helpers/tmp'

describe('dates', () => {
  it.each([
    ['31/03/2020', '2020-03-31'],
    ['1/4/2019', '2019-04-01'],
    ['31-03-2020', '2020-03-31'],
    ['2020-03-31', '2020-03-31'],
    ['31/03/20', '2020-03-31'],
    ['04/07/98', '1998-07-04'],
    ['29/02/2020', '2020-02-29'],
    ['29/02/2019', null],
    ['31/04/2020', null],
    ['2020/03/31', null],
    ['', null],
    ['next week', null],
    ['31/03/2020 00:00:00', '2020-03-31'],
    ['29/02/2000', '2000-02-29'],
    ['29/02/1900', null],
    ['00/03/2020', null],
    ['31/13/2020', null],
    ['31/03/0999', null],
    ['3a/03/2020', null],
    [' 31/03/2020 ', '2020-03-31'],
    ['31/06/2020', null],
    ['30/06/2020', '2020-06-30']
  ])('reads %j as %j', (text, iso) => {
    expect(parseTextDate(text, '2026-11-23')).toBe(iso)
    expect(parseCellDate(text, '2026-11-23')).toBe(iso)
  })

  it('puts a 2-digit year in the century ending with the current year, so no date lands in the future', () => {
    expect(expandYear(26, '2026-11-23')).toBe(2026)
    expect(expandYear(27, '2026-11-23')).toBe(1927)
    expect(expandYear(0, '2026-11-23')).toBe(2000)
    expect(expandYear(99, '2026-11-23')).toBe(1999)
  })

  it('reads real date cells, and never a number or digits as a day count (12345 was once 1933)', () => {
    expect(parseCellDate(new Date(Date.UTC(2020, 2, 31)), '2026-01-01')).toBe('2020-03-31')
    expect(parseCellDate(43921, '2026-01-01')).toBeNull()
    expect(parseCellDate('43921', '2026-01-01')).toBeNull()
    expect(parseCellDate('12345', '2026-01-01')).toBeNull()
    expect(parseCellDate(new Date(Number.NaN), '2026-01-01')).toBeNull()
    expect(parseCellDate('03/31/2020', '2026-01-01', 'MM/DD/YYYY')).toBe('2020-03-31')
  })

  it('finds dates no child in care today can have: before 01/01/1990 or in the future', () => {
    expect(implausibleDate('1001-01-01', '2020-03-31')).toMatch(/before 01\/01\/1990/)
    expect(implausibleDate('1899-12-31', '2020-03-31')).toMatch(/before 01\/01\/1990/)
    expect(implausibleDate('1989-12-31', '2020-03-31')).toMatch(/before 01\/01\/1990/)
    expect(implausibleDate('1990-01-01', '2020-03-31')).toBeNull()
    expect(implausibleDate('2020-03-31', '2020-03-31')).toBeNull()
    expect(implausibleDate('2020-04-01', '2020-03-31')).toBe('is in the future (after 31/03/2020)')
  })
})

describe('903 code lists', () => {
  it('belong to the collection year of the date (April starts the next year)', () => {
    expect(collectionYearOf('2019-03-31')).toBe(2019)
    expect(collectionYearOf('2019-04-01')).toBe(2020)
  })
  it.each([
    ['LS', 'C2', '2020-01-01', true],
    ['LS', 'C9', '2020-01-01', false],
    ['PLACE', 'U4', '2020-01-01', true],
    ['PLACE', 'U7', '2020-01-01', false],
    ['PLACE_PROVIDER', 'PR5', '2020-01-01', true],
    ['PLACE_PROVIDER', 'PR6', '2020-01-01', false],
    ['RNE', 'B', '2020-01-01', true],
    ['RNE', 'Q', '2020-01-01', false],
    ['CIN', 'N8', '2020-01-01', true],
    ['CIN', 'N0', '2020-01-01', false],
    ['REC', 'E43', '2018-06-01', true],
    ['REC', 'E43', '2021-06-01', false],
    ['REC', 'E45', '2021-06-01', true],
    ['REC', 'X1', '2010-01-01', true]
  ] as const)('%s %s on %s is %s', (column, code, on, ok) => expect(isValidCode(column, code, on)).toBe(ok))
  it("reads a date's lists from its digits exactly as its collection year gives them, in every month", () => {
    const columns = ['LS', 'PLACE', 'PLACE_PROVIDER', 'RNE', 'REC', 'CIN'] as const
    let months = 0
    for (let yearOf = 1990; yearOf <= 2030; yearOf++)
      for (let month = 1; month <= 12; month++, months++) {
        const on = `${yearOf}-${String(month).padStart(2, '0')}-15`
        // April onwards belongs to the next year's return.
        const year = month >= 4 ? yearOf + 1 : yearOf
        expect(collectionYearOf(on), on).toBe(year)
        for (const column of columns) expect(codeListsOn(on)[column], `${column} on ${on}`).toBe(codesFor(column, year))
      }
    expect(months).toBe(41 * 12)
  })
  it('uses the nearest known year outside the known range', () => {
    expect(codesFor('REC', 1990)).toBe(codesFor('REC', 2017))
    expect(codesFor('REC', 2099)).toBe(codesFor('REC', 2026))
  })
})

describe('903 tables and UPNs', () => {
  it('recognises Header and Episodes from their header rows, in any case and order', () => {
    expect(detectTable(['child', 'Sex', 'DOB', 'ethnic']).table).toBe('Header')
    expect(detectTable(['URN', 'CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'Place Provider', 'DEC', 'REC']).table).toBe('Episodes')
    expect(detectTable(['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'])).toEqual({ table: null, other: 'Reviews', missing: [] })
    expect(detectTable(['CHILD', 'DECOM', 'LS'])).toMatchObject({
      table: null,
      other: 'Episodes',
      missing: ['RNE', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC']
    })
  })
  it('checks the DfE UPN check letter', () => {
    expect(upnCheckLetterOk('A123456789012')).toBe(true)
    expect(upnCheckLetterOk('B123456789012')).toBe(false)
    expect(upnCheckLetterOk('A12345678901')).toBe(false)
    for (let n = 0; n < 50; n++) expect(upnCheckLetterOk(validUpn(n * 104729))).toBe(true)
  })
})

describe('formula injection', () => {
  it('escapes user text in the rejected-row report, as CSV and as xlsx', async () => {
    const ctx = await tempContext()
    const report = { rejected: [{ file: 'a.csv', row: 2, column: 'LS', value: '=HYPERLINK("http://x")', reason: 'bad' }], warnings: [] }
    await ctx.db
      .prepare("INSERT INTO import_batch (kind, file_name, sha256, imported_at, imported_by, report) VALUES ('903', 'a.csv', 'x', 'now', 't', ?)")
      .run(JSON.stringify(report))
    const csv = await rejectedReport(ctx.db, 1, 'csv')
    expect(csv.content.toString('utf8')).toBe('\uFEFFtype,file,row,column,value,reason\r\nrejected,a.csv,2,LS,"\'=HYPERLINK(""http://x"")",bad\r\n')
    const xlsx = await rejectedReport(ctx.db, 1, 'xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.content as unknown as ArrayBuffer)
    const row = workbook.getWorksheet('Rejected rows')!.getRow(2).values as unknown[]
    expect(row.slice(1)).toEqual(['rejected', 'a.csv', 2, 'LS', '\'=HYPERLINK("http://x")', 'bad'])
    await expect(rejectedReport(ctx.db, 99, 'csv')).rejects.toThrow(/No import with number 99/)
  })
})
