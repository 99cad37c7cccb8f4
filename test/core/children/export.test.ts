/**
 * The all-children list as a workbook: every child the grid holds, filtered, searched and
 * sorted as it is, written, read back with exceljs (and opened in LibreOffice), on either
 * engine; refused to a commissioner, on a desk by its roles and on the team database by
 * its login's.
 */
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { childrenPage } from '../../../src/main/core/children/queries'
import type { Context } from '../../../src/main/core/context'
import { dispatch } from '../../../src/main/core/dispatch'
import { openContext } from '../../../src/main/core/session'
import { initTeam } from '../../../src/main/core/team/init'
import { addUser } from '../../../src/main/core/team/users'
import { childrenPageInput, type ChildrenPageInput, type ChildSummary } from '../../../src/shared/api'
import type { GridWorkbook } from '../../../src/shared/contract/paging'
import { ukDate } from '../../../src/shared/days'
import { testEngine, testPostgres, withTesterPassword } from '../../helpers/postgres'
import { demoContext, tempDir } from '../../helpers/tmp'
import { hasLibreOffice, sheetAsShownByLibreOffice } from '../../helpers/writers'

const asOf = '2020-03-31'
const headings = ['ID', 'Name', 'Sex', 'Date of birth', 'Looked after', 'Legal status', 'Placement', 'Provider', 'Carer', 'Episodes']

async function exported(ctx: Context, input: object): Promise<{ file: GridWorkbook; book: ExcelJS.Workbook }> {
  const result = await dispatch(ctx, 'exportChildren', input)
  if (!result.ok) throw new Error(result.error.message)
  const file = result.value as GridWorkbook
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(file.base64, 'base64') as never)
  return { file, book }
}

/** Every row of the grid for `input`, read page by page as the grid reads them. */
async function gridRows(ctx: Context, input: Omit<ChildrenPageInput, 'offset' | 'limit'>): Promise<ChildSummary[]> {
  const rows: ChildSummary[] = []
  for (let offset = 0; ; offset += 100) {
    const page = await childrenPage(ctx.db, childrenPageInput.parse({ ...input, offset, limit: 100 }))
    rows.push(...page.rows)
    if (rows.length >= page.total) return rows
  }
}

/** A grid row as the sheet should hold it: the grid's columns, the date of birth a real date. */
const asCells = (c: ChildSummary): unknown[] => [
  c.childId,
  c.name || null,
  c.sex,
  c.dob === null ? null : new Date(`${c.dob}T00:00:00Z`),
  c.lookedAfter ? 'Yes' : 'No',
  c.legalStatus,
  c.placement,
  c.placementProvider,
  c.carer,
  c.episodes
]

const sheetRows = (book: ExcelJS.Workbook): unknown[][] => {
  const rows: unknown[][] = []
  book.getWorksheet('Children')!.eachRow((row, n) => {
    if (n > 1) rows.push(headings.map((_, i) => row.getCell(i + 1).value ?? null))
  })
  return rows
}

const summaryPairs = (book: ExcelJS.Workbook): Map<string, unknown> => {
  const pairs = new Map<string, unknown>()
  book.getWorksheet('Summary')!.eachRow((row) => pairs.set(String(row.getCell(1).value), row.getCell(2).value))
  return pairs
}

const exportsLogged = async (ctx: Context): Promise<{ who: string; after: Record<string, unknown> }[]> =>
  ((await ctx.db.prepare("SELECT who, after FROM audit_log WHERE action = 'children.export' ORDER BY id").all()) as { who: string; after: string }[]).map(
    (r) => ({ who: r.who, after: JSON.parse(r.after) as Record<string, unknown> })
  )

describe('the children list as a workbook', () => {
  it('lists every child the grid does, in its order, with its columns, dates as dates, a summary saying which, and the export audited', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 150 })
    const grid = await gridRows(ctx, { filters: { lookedAfterOnly: true } })
    // More than one of the grid's blocks: the workbook is not the first page alone.
    expect(grid.length).toBe(150)
    const { file, book } = await exported(ctx, { filters: { lookedAfterOnly: true } })
    expect(file.fileName).toBe(`permanence-children-${asOf}.xlsx`)
    expect(file.rows).toBe(150)

    const sheet = book.getWorksheet('Children')!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headings)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 })
    expect(sheet.autoFilter).toBeTruthy()
    expect(sheetRows(book)).toEqual(grid.map(asCells))
    const dob = sheet.getRow(2).getCell(4)
    expect(dob.value).toBeInstanceOf(Date)
    expect(dob.numFmt).toBe('dd/mm/yyyy')
    for (let c = 1; c <= headings.length; c++) expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(6)

    const summary = summaryPairs(book)
    expect(book.worksheets.map((w) => w.name)).toEqual(['Summary', 'Children'])
    expect(summary.get('Which children')).toBe('Children currently looked after')
    expect(summary.get('In the order of')).toBe('Name (family name, then given name), ascending')
    expect(summary.get('Number of children')).toBe(150)
    expect(summary.has('Demo data: every child in this workbook is fictional')).toBe(true)
    expect(summary.get('Generated by')).toBe('tester')
    expect(summary.get('Generated at')).toBeInstanceOf(Date)

    expect(await exportsLogged(ctx)).toEqual([
      { who: 'tester', after: { fileName: file.fileName, to: 'download', rows: 150, withChildren: true, filters: { lookedAfterOnly: true }, search: '' } }
    ])
  })

  it('holds the rows of a searched grid sorted by a header click, in that order, and says so', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 150 })
    const narrowing = { filters: { lookedAfterOnly: true }, search: 'demo0001', sort: [{ column: 'dob' as const, direction: 'desc' as const }] }
    const grid = await gridRows(ctx, narrowing)
    // Both narrow it: the tick leaves out children who have left care, the search the other IDs.
    expect(grid.length).toBeGreaterThan(20)
    expect(grid.length).toBeLessThan((await gridRows(ctx, { search: 'demo0001' })).length)
    expect(grid.length).toBeLessThan(150)
    const { file, book } = await exported(ctx, narrowing)
    expect(file.rows).toBe(grid.length)
    const rows = sheetRows(book)
    expect(rows).toEqual(grid.map(asCells))
    // Not vacuous: the grid's order is not the default one, and is by date of birth, newest first.
    expect(rows.map((r) => r[0])).not.toEqual([...grid].sort((a, b) => (a.childId < b.childId ? -1 : 1)).map((c) => c.childId))
    const births = rows.map((r) => (r[3] as Date).getTime())
    expect(births).toEqual([...births].sort((a, b) => b - a))
    const summary = summaryPairs(book)
    expect(summary.get('Which children')).toBe('Children currently looked after, matching “demo0001”')
    expect(summary.get('In the order of')).toBe('Date of birth, descending')
    expect(summary.get('Number of children')).toBe(grid.length)
    expect((await exportsLogged(ctx)).at(-1)?.after).toMatchObject({
      rows: grid.length,
      filters: { lookedAfterOnly: true },
      search: 'demo0001',
      sort: narrowing.sort
    })
  })

  it('writes a header and a summary of none when no child matches', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 20 })
    const { file, book } = await exported(ctx, { search: 'nobody at all' })
    expect(file.rows).toBe(0)
    expect(book.getWorksheet('Children')!.rowCount).toBe(1)
    expect(summaryPairs(book).get('Number of children')).toBe(0)
  })

  // On a desk without LibreOffice this is skipped; CI installs it, so there it always runs.
  it.skipIf(!hasLibreOffice() && !process.env.CI)(
    'opens in LibreOffice with the same rows, and the dates of birth shown dd/mm/yyyy',
    async () => {
      const ctx = await demoContext({ asOf, lookedAfter: 40 })
      const { file } = await exported(ctx, { sort: [{ column: 'carer', direction: 'asc' }] })
      const dir = tempDir()
      const path = join(dir, file.fileName)
      writeFileSync(path, Buffer.from(file.base64, 'base64'))
      const csv = parse(readFileSync(sheetAsShownByLibreOffice(path, 2, 'Children', dir)), { bom: true }) as string[][]
      const grid = await gridRows(ctx, { sort: [{ column: 'carer', direction: 'asc' }] })
      expect(csv[0]).toEqual(headings)
      expect(csv.slice(1)).toEqual(
        grid.map((c) => [
          c.childId,
          c.name,
          c.sex ?? '',
          c.dob === null ? '' : ukDate(c.dob),
          c.lookedAfter ? 'Yes' : 'No',
          c.legalStatus ?? '',
          c.placement ?? '',
          c.placementProvider ?? '',
          c.carer ?? '',
          String(c.episodes)
        ])
      )
    },
    120_000
  )
})

describe('the children workbook for a commissioner', () => {
  it.runIf(testEngine() === 'sqlite')('is refused on a desk whose only role is commissioner, and nothing is logged', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 20 })
    await dispatch(ctx, 'setMyRoles', { roles: ['commissioner'] })
    const refused = await dispatch(ctx, 'exportChildren', {})
    expect(refused).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Not permitted for your role: the list of children names children, and a commissioner’s work is numbers only.' }
    })
    expect(await exportsLogged(ctx)).toEqual([])
    // A desk that is a commissioner's and a chair's sees children.
    await dispatch(ctx, 'setMyRoles', { roles: ['chair', 'commissioner'] })
    expect(await dispatch(ctx, 'exportChildren', { filters: { lookedAfterOnly: true } })).toMatchObject({ ok: true, value: { rows: 20 } })
  })

  it.runIf(testEngine() === 'postgres')("is refused on the team database to a commissioner's login, as PostgreSQL refuses it the children", async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 20 })
    const login = `commissioner_${randomBytes(3).toString('hex')}`
    const client = new pg.Client({ connectionString: withTesterPassword(ctx.dbPath) })
    await client.connect()
    try {
      await initTeam(client)
      await addUser(client, { name: login, roles: ['commissioner'], password: 'a-long-test-password' })
    } finally {
      await client.end()
    }
    const database = decodeURIComponent(new URL(ctx.dbPath).pathname.slice(1))
    const commissioner = await openContext(testPostgres().url(database, login, 'a-long-test-password'), 'cli')
    try {
      const refused = await dispatch(commissioner, 'exportChildren', {})
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^Not permitted for your role: /) } })
      // Without the app's own refusal, PostgreSQL's grants refuse the list too.
      const page = await dispatch(commissioner, 'childrenPage', {})
      expect(page).toMatchObject({ ok: false, error: { code: 'forbidden', details: expect.objectContaining({ sqlState: '42501' }) } })
    } finally {
      await commissioner.db.close()
    }
    expect(await exportsLogged(ctx)).toEqual([])
    // The superuser the test database belongs to exports it.
    expect(await dispatch(ctx, 'exportChildren', { filters: { lookedAfterOnly: true } })).toMatchObject({ ok: true, value: { rows: 20 } })
  })
})
