import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { trackerView } from '../../../src/main/core/tracker/view'
import { dispatch } from '../../../src/main/core/dispatch'
import { exportTracker } from '../../../src/main/core/tracker/export'
import { trackerPage } from '../../../src/main/core/tracker/page'
import { trackerCounts } from '../../../src/main/core/tracker/queries'
import { trackerPageInput } from '../../../src/shared/contract/tracker'
import { testEngine } from '../../helpers/postgres'
import { demoContext, tempContext } from '../../helpers/tmp'

const asOf = '2020-03-31'

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(buffer as unknown as ArrayBuffer)
  return book
}

/** Label → value pairs of the Summary sheet's first two columns. */
function summaryPairs(book: ExcelJS.Workbook): Map<string, unknown> {
  const pairs = new Map<string, unknown>()
  book.getWorksheet('Summary')!.eachRow((row) => pairs.set(String(row.getCell(1).value), row.getCell(2).value))
  return pairs
}

describe('tracker export', () => {
  it('writes a formatted workbook: summary counts, frozen header, filters, real dates, one row per child', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 120 })
    const counts = await trackerCounts(ctx.db, asOf)
    const file = await exportTracker(ctx, asOf)
    expect(file.fileName).toBe('permanence-tracker-2020-03-31.xlsx')
    const book = await readBack(file.buffer)

    const summary = summaryPairs(book)
    expect(summary.get('As of')).toEqual(new Date('2020-03-31T00:00:00Z'))
    expect(summary.get('Looked after')).toBe(counts.lookedAfter)
    expect(summary.get('Full care order')).toBe(counts.byLegalStatus.FCO)
    expect(summary.get('Section 20')).toBe(counts.byLegalStatus.S20)
    expect(summary.get('Agreed')).toBe(counts.permanence.agreed)
    expect(summary.get('Not agreed')).toBe(counts.permanence.notAgreed)
    expect(summary.get('Oversight')).toBe(counts.permanence.oversight)
    expect(summary.get('None')).toBe(counts.permanence.none)
    expect([...summary.keys()]).toContain('Demo data: every child in this workbook is fictional')

    const sheet = book.getWorksheet('Children')!
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 })
    expect(sheet.autoFilter).toBeTruthy()
    expect(sheet.rowCount).toBe(counts.lookedAfter + 1)
    const headers = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(headers).toContain('Permanence status')
    const col = (name: string): number => headers.indexOf(name) + 1
    const statuses = new Map<string, number>()
    for (let r = 2; r <= sheet.rowCount; r++) {
      const status = String(sheet.getRow(r).getCell(col('Permanence status')).value)
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
    expect(statuses.get('None') ?? 0).toBe(counts.permanence.none)
    // Issue 15: the carers flag, counted on the summary and per child.
    expect(summary.get('Carers changed since decision')).toBe(counts.carersChangedSinceDecision)
    let flagged = 0
    for (let r = 2; r <= sheet.rowCount; r++)
      if (String(sheet.getRow(r).getCell(col('Carers, plan, placed with parents, oversight')).value ?? '').includes('Carers changed since decision')) flagged++
    expect(flagged).toBe(counts.carersChangedSinceDecision)
    expect(counts.carersChangedSinceDecision).toBeGreaterThan(0)
    let drifting = 0
    for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(col('Drift')).value) drifting++
    expect(drifting).toBe((await trackerView(ctx.db, asOf)).rows.filter((row) => row.drift.length > 0).length)
    const entered = sheet.getRow(2).getCell(col('Entered care'))
    expect(entered.value).toBeInstanceOf(Date)
    expect(entered.numFmt).toBe('dd/mm/yyyy')

    const audit = await ctx.db.prepare("SELECT who, entity_id FROM audit_log WHERE action = 'tracker.export'").all()
    expect(audit).toEqual([{ who: 'tester', entity_id: asOf }])
  })

  it('escapes user text that a spreadsheet would run as a formula', async () => {
    const ctx = await tempContext(asOf)
    await ctx.db.prepare("INSERT INTO carer (id, name, kind) VALUES (1, '@SUM(1+1)', 'inhouse')").run()
    await ctx.db.prepare(`INSERT INTO child (child_id, given_name, family_name, dob) VALUES ('X1', '=HYPERLINK("http://evil","x")', '', '2010-01-01')`).run()
    await ctx.db.prepare("INSERT INTO episode (child_id, decom, rne, ls, place, carer_id, seq) VALUES ('X1', '2019-01-01', 'S', 'C2', '-1+2', 1, 1)").run()
    await ctx.db
      .prepare("INSERT INTO placement_carer (child_id, placement_start, carer_id, linked_by, linked_at) VALUES ('X1', '2019-01-01', 1, 't', 'now')")
      .run()
    await ctx.db
      .prepare(
        "INSERT INTO action (child_id, description, owner, due_date, created_by, created_at) VALUES ('X1', '+cmd|calc', 'SW', '2020-05-01', 't', '2019-01-01')"
      )
      .run()
    const book = await readBack((await exportTracker(ctx, asOf)).buffer)
    const sheet = book.getWorksheet('Children')!
    const headers = (sheet.getRow(1).values as unknown[]).slice(1)
    const cell = (name: string): unknown => sheet.getRow(2).getCell(headers.indexOf(name) + 1).value
    expect(cell('Name')).toBe(`'=HYPERLINK("http://evil","x")`)
    expect(cell('Carer')).toBe(`'@SUM(1+1)`)
    expect(cell('Placement (PLACE)')).toBe(`'-1+2`)
    expect(cell('Next action')).toBe(`'+cmd|calc`)
    // Nothing was written as a formula anywhere in the workbook.
    book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula))))
  })

  it('is offered to the page as base64 through the API', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 30 })
    const result = await dispatch(ctx, 'exportTracker', { asOf })
    if (!result.ok) throw new Error(result.error.message)
    const value = result.value as { fileName: string; base64: string; rows: number }
    expect(value.rows).toBe(30)
    const book = await readBack(Buffer.from(value.base64, 'base64'))
    expect(book.getWorksheet('Children')!.rowCount).toBe(31)
  })

  it.runIf(testEngine() === 'sqlite')('is refused to a desk whose only role is commissioner, and nothing is logged', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 10 })
    await dispatch(ctx, 'setMyRoles', { roles: ['commissioner'] })
    expect(await dispatch(ctx, 'exportTracker', { asOf })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Not permitted for your role: the tracker names children, and a commissioner’s work is numbers only.' }
    })
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'tracker.export'").pluck().get()).toBe(0)
    await dispatch(ctx, 'setMyRoles', { roles: ['chair', 'commissioner'] })
    expect(await dispatch(ctx, 'exportTracker', { asOf })).toMatchObject({ ok: true, value: { rows: 10 } })
  })

  it('holds every row the filtered grid does, all pages of it, and says the sheet is filtered', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 90 })
    const narrowing = { filters: { statuses: ['none' as const] }, search: 'demo00' }
    const grid = await trackerPage(ctx.db, trackerPageInput.parse({ asOf, ...narrowing, limit: 1000 }))
    expect(grid.total).toBeGreaterThan(0)
    expect(grid.total).toBeLessThan(90)
    const result = await dispatch(ctx, 'exportTracker', { asOf, ...narrowing })
    if (!result.ok) throw new Error(result.error.message)
    const book = await readBack(Buffer.from((result.value as { base64: string }).base64, 'base64'))
    const ids: string[] = []
    book.getWorksheet('Children')!.eachRow((row, n) => n > 1 && ids.push(String(row.getCell(1).value)))
    expect(ids).toEqual(grid.rows.map((r) => r.childId))
    const summary = summaryPairs(book)
    expect(summary.get('Looked after')).toBe(90)
    // Which filter, in words: the workbook is read without the page beside it.
    expect(summary.get('Children sheet: only children with permanence status None; matching “demo00”')).toBe(grid.total)
    const audit = (await ctx.db.prepare("SELECT after FROM audit_log WHERE action = 'tracker.export'").pluck().get()) as string
    expect(JSON.parse(audit)).toMatchObject({ rows: grid.total, filters: { statuses: ['none'] }, search: 'demo00' })
  })

  it('lists the rows in the order the grid was sorted by a click, filtered or not, as the print does', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 90 })
    const sheetIds = async (input: object): Promise<string[]> => {
      const result = await dispatch(ctx, 'exportTracker', { asOf, ...input })
      if (!result.ok) throw new Error(result.error.message)
      const book = await readBack(Buffer.from((result.value as { base64: string }).base64, 'base64'))
      const ids: string[] = []
      book.getWorksheet('Children')!.eachRow((row, n) => n > 1 && ids.push(String(row.getCell(1).value)))
      return ids
    }
    const gridIds = async (input: object): Promise<string[]> =>
      (await trackerPage(ctx.db, trackerPageInput.parse({ asOf, ...input, limit: 1000 }))).rows.map((r) => r.childId)
    const printIds = async (input: object): Promise<string[]> => {
      const result = await dispatch(ctx, 'trackerChildIds', { asOf, ...input })
      if (!result.ok) throw new Error(result.error.message)
      return result.value as string[]
    }
    const byAge = { sort: [{ column: 'age', direction: 'desc' }] }
    const byChild = await gridIds({})
    const oldestFirst = await gridIds(byAge)
    expect(oldestFirst).not.toEqual(byChild)
    expect(await sheetIds(byAge)).toEqual(oldestFirst)
    expect(await printIds(byAge)).toEqual(oldestFirst)
    const narrowed = {
      filters: { statuses: ['none'] },
      sort: [
        { column: 'name', direction: 'desc' },
        { column: 'status', direction: 'asc' }
      ]
    }
    const grid = await gridIds(narrowed)
    expect(grid.length).toBeGreaterThan(1)
    expect(grid).not.toEqual([...grid].sort())
    expect(await sheetIds(narrowed)).toEqual(grid)
    expect(await printIds(narrowed)).toEqual(grid)
    const audit = (await ctx.db.prepare("SELECT after FROM audit_log WHERE action = 'tracker.export' ORDER BY id DESC LIMIT 1").pluck().get()) as string
    expect(JSON.parse(audit)).toMatchObject({ sort: narrowed.sort })
  })
})
