import ExcelJS from 'exceljs'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Context } from '../../../src/main/core/context'
import { createDemo } from '../../../src/main/core/demo/load'
import { previewFile } from '../../../src/main/core/io/preview'
import { readRows, type ReadStats, type SourceRow } from '../../../src/main/core/io/read'
import { import903 } from '../../../src/main/core/io/ssda903/import'
import { importTracker } from '../../../src/main/core/io/tracker/import'
import { trackerMapping } from '../../../src/shared/api'
import { dumpDb } from '../../helpers/dump'
import { cohort903, episodesTable, headerTable, write903, type Table } from '../../helpers/fixtures903'
import { tempContext, tempDir } from '../../helpers/tmp'
import { convertWithLibreOffice, hasLibreOffice, pythonWithWriters, writeWithPython, type SheetSpec } from '../../helpers/writers'
import { craftXlsx, sheetXml, workbookParts, zip } from '../../helpers/zip'
import { defined, firstOf, itemAt } from '../../helpers/defined'

/**
 * Workbooks as councils have them, made in test setup by the tools that write them, and
 * imported through the one reader: every sheet, every row, the same data as the CSVs.
 * A case whose tool is not installed is skipped (and says so in its name).
 */
// On a desk without the tool its cases are skipped; in CI (which installs them) a missing
// tool fails them, so a case can never pass by not running.
const ci = Boolean(process.env.CI)
const withPython = it.skipIf(!pythonWithWriters() && !ci)
const withSoffice = it.skipIf(!hasLibreOffice() && !ci)

const stored903 = async (ctx: Context) => ({
  children: await ctx.db.prepare('SELECT child_id, sex, dob, ethnic, upn, mother, mc_dob FROM child ORDER BY child_id').all(),
  episodes: await ctx.db
    .prepare(
      'SELECT child_id, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, home_post, pl_post, urn FROM episode ORDER BY child_id, decom'
    )
    .all()
})

const isoOf = (uk: string): string => `${uk.slice(6, 10)}-${uk.slice(3, 5)}-${uk.slice(0, 2)}`
/** A 903 table as spreadsheet cells: dates as real date cells, blanks as empty cells. */
const asCells = (table: Table, dateColumns: number[]): SheetSpec[string] =>
  table.map((row, r) => row.map((v, c) => (v === '' ? null : r > 0 && dateColumns.includes(c) ? { date: isoOf(v) } : v)))

async function allRows(source: { name: string; path: string } | { name: string; content: Buffer }): Promise<SourceRow[]> {
  const rows: SourceRow[] = []
  const stats: ReadStats = { bytes: 0, totalBytes: 0 }
  for await (const r of readRows(source, stats)) rows.push(r)
  return rows
}

describe('workbooks from real writers', () => {
  const cohort = cohort903({ lookedAfter: 8, seed: 12 })
  const header = headerTable(cohort)
  const episodes = episodesTable(cohort)
  const sheets: SheetSpec = { Header: asCells(header, [2, 6]), Episodes: asCells(episodes, [1, 7]) }
  let expected: Awaited<ReturnType<typeof stored903>>

  async function writeWithExceljs(): Promise<string> {
    const wb = new ExcelJS.Workbook()
    for (const [name, rows] of Object.entries(sheets)) {
      const ws = wb.addWorksheet(name)
      for (const row of rows) ws.addRow(row.map((v) => (v !== null && typeof v === 'object' && 'date' in v ? new Date(`${v.date}T00:00:00Z`) : v)))
    }
    const path = join(tempDir(), 'exceljs.xlsx')
    await wb.xlsx.writeFile(path)
    return path
  }

  beforeAll(async () => {
    const ctx = await tempContext()
    const csv = write903(tempDir(), cohort)
    const summary = await import903(ctx, [
      { name: 'Header.csv', path: csv.header },
      { name: 'Episodes.csv', path: csv.episodes }
    ])
    expect(summary.rejected).toEqual([])
    expected = await stored903(ctx)
  })

  async function importsBothTables(path: string, name: string): Promise<void> {
    const ctx = await tempContext()
    const summary = await import903(ctx, [{ name, path }])
    expect(summary.rejected).toEqual([])
    expect(summary.files.map((f) => [f.table, f.rows])).toEqual([
      ['903 Header', header.length - 1],
      ['903 Episodes', episodes.length - 1]
    ])
    expect(await stored903(ctx)).toEqual(expected)
  }

  withPython(`openpyxl (pandas' writer): inline strings and absolute part paths, both tables`, async () => {
    await importsBothTables(writeWithPython('openpyxl', sheets, join(tempDir(), 'openpyxl.xlsx')), 'openpyxl.xlsx')
  })

  withPython(`xlsxwriter: shared strings and date formats`, async () => {
    await importsBothTables(writeWithPython('xlsxwriter', sheets, join(tempDir(), 'xlsxwriter.xlsx')), 'xlsxwriter.xlsx')
  })

  it('exceljs', async () => {
    await importsBothTables(await writeWithExceljs(), 'exceljs.xlsx')
  })

  it('a hand-made Header + Episodes workbook of inline strings with absolute part paths imports BOTH tables', async () => {
    const path = join(tempDir(), 'inline.xlsx')
    writeFileSync(
      path,
      craftXlsx(
        [
          { name: 'Header', rows: header },
          { name: 'Episodes', rows: episodes }
        ],
        { absolute: true }
      )
    )
    await importsBothTables(path, 'inline.xlsx')
  })

  withSoffice(`LibreOffice: xlsx, legacy xls and ods`, { timeout: 120_000 }, async () => {
    const work = tempDir()
    const exceljsPath = await writeWithExceljs()
    for (const format of ['xlsx', 'xls', 'ods'] as const) await importsBothTables(convertWithLibreOffice(exceljsPath, format, work), `return.${format}`)
  })

  it('reads a 300-sheet workbook whole and identically twice', async () => {
    const wb = new ExcelJS.Workbook()
    for (let s = 1; s <= 300; s++) {
      const ws = wb.addWorksheet(`Team ${String(s).padStart(3, '0')}`)
      ws.addRow(['CHILD', 'NOTE'])
      ws.addRow([`C${s}`, `note ${s}`])
    }
    const path = join(tempDir(), 'many.xlsx')
    await wb.xlsx.writeFile(path)
    const first = await allRows({ name: 'many.xlsx', path })
    const second = await allRows({ name: 'many.xlsx', path })
    expect(second).toEqual(first)
    expect(first).toHaveLength(600)
    expect([...new Set(first.map((r) => r.sheet))]).toEqual(Array.from({ length: 300 }, (_, i) => `Team ${String(i + 1).padStart(3, '0')}`))
    expect(first.slice(-1)[0]).toEqual({ sheet: 'Team 300', row: 2, cells: ['C300', 'note 300'] })
  })

  withPython(`imports a tracker from the sheet the mapping names in an openpyxl workbook`, async () => {
    const ctx = await tempContext('2020-03-31')
    await createDemo(ctx.db, { asOf: '2020-03-31', lookedAfter: 20, seed: 5, childrenOnly: true }, 'tester')
    const ids = (await ctx.db.prepare("SELECT child_id FROM child WHERE dob < '2018-01-01' ORDER BY child_id LIMIT 2").pluck().all()) as string[]
    const path = writeWithPython(
      'openpyxl',
      {
        Notes: [['Kept by the permanence team (fictional)']],
        Tracker: [
          ['Permanence tracker (synthetic)'],
          [],
          ['LAC Ref', 'Date of panel / review', 'Result'],
          [firstOf(ids), { date: '2020-01-15' }, 'Endorsed'],
          [itemAt(ids, 1), '03/02/2020', 'Adjourned']
        ]
      },
      join(tempDir(), 'tracker.xlsx')
    )
    const mapping = trackerMapping.parse({
      sheet: 'Tracker',
      headerRow: 3,
      columns: { childId: 'LAC Ref', date: 'Date of panel / review', outcome: 'Result' },
      values: { outcome: { agreed: ['Endorsed'], deferred: ['Adjourned'] } }
    })
    const summary = await importTracker(ctx, { name: 'tracker.xlsx', path }, mapping)
    expect(summary).toMatchObject({ inserted: 2, rejected: [] })
    expect(await ctx.db.prepare("SELECT child_id, decision_date, outcome FROM decision WHERE source = 'import' ORDER BY decision_date").all()).toEqual([
      { child_id: ids[0], decision_date: '2020-01-15', outcome: 'agreed' },
      { child_id: ids[1], decision_date: '2020-02-03', outcome: 'deferred' }
    ])
  })

  withPython(`rejects a formula saved without its result (openpyxl writes them) with its reason, never [object Object]`, async () => {
    const withFormula = {
      ...sheets,
      Header: defined(sheets.Header, 'sheets.Header').map((row, r) => (r === 1 ? row.map((v, c) => (c === 3 ? { formula: '=1+1' } : v)) : row))
    }
    const ctx = await tempContext()
    const before = await dumpDb(ctx.db)
    const summary = await import903(ctx, [{ name: 'f.xlsx', path: writeWithPython('openpyxl', withFormula, join(tempDir(), 'f.xlsx')) }], { dryRun: true })
    expect(summary.rejected).toContainEqual({
      file: 'f.xlsx',
      row: 2,
      column: 'ETHNIC',
      value: '=1+1',
      reason: 'ETHNIC: the formula =1+1 was saved without its result (open and save the file in Excel or LibreOffice to calculate it)'
    })
    expect(JSON.stringify(summary)).not.toContain('[object Object]')
    expect(await dumpDb(ctx.db)).toEqual(before)
  })

  it('rejects an error cell (#N/A) with its reason', async () => {
    const rows = header.map((row, r) => (r === 1 ? row.map((v, c) => (c === 3 ? { attrs: 't="e"', inner: '<v>#N/A</v>' } : v)) : row))
    const ctx = await tempContext()
    const summary = await import903(ctx, [{ name: 'e.xlsx', content: craftXlsx([{ name: 'Header', rows }]) }], { dryRun: true })
    expect(summary.rejected).toEqual([{ file: 'e.xlsx', row: 2, column: 'ETHNIC', value: '#N/A', reason: 'ETHNIC: the cell shows the spreadsheet error #N/A' }])
  })

  it('previews an absolute-path inline-string workbook with every sheet named', async () => {
    const content = craftXlsx(
      [
        { name: 'Header', rows: header },
        { name: 'Episodes', rows: episodes }
      ],
      { absolute: true }
    )
    const preview = await previewFile({ name: 'inline.xlsx', content }, { sheet: 'Episodes', headerRow: 1, rows: 2 })
    expect(preview).toEqual({ kind: 'xlsx', sheets: ['Header', 'Episodes'], sheet: 'Episodes', headers: episodes[0], rows: episodes.slice(1, 3) })
  })

  it('rejects a workbook cell whose bytes were not UTF-8 (the parser leaves U+FFFD) instead of storing it', async () => {
    const rows = header.map((row, r) => (r === 1 ? row.map((v, c) => (c === 3 ? 'W\u00a3RI' : v)) : row))
    // Latin-1 writes the £ as the single byte 0xA3, which is not UTF-8 (the rest of the sheet is ASCII).
    const bytes = Buffer.from(sheetXml(rows), 'latin1')
    const ctx = await tempContext()
    const summary = await import903(
      ctx,
      [{ name: 'u.xlsx', content: zip([...workbookParts(['Header']), { name: 'xl/worksheets/sheet1.xml', data: bytes }]) }],
      { dryRun: true }
    )
    expect(summary.rejected).toEqual([
      {
        file: 'u.xlsx',
        row: 2,
        column: 'ETHNIC',
        value: 'W\ufffdRI',
        reason: "ETHNIC contains U+FFFD, the mark left where text was not valid UTF-8 (check the file's encoding)"
      }
    ])
  })
})
