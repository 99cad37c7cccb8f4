import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDb } from '../../src/main/core/store/db'
import { trackerCounts } from '../../src/main/core/tracker/queries'
import { runCli } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'

describe('permanence tracker (CLI)', () => {
  it('prints exactly the counts of the core as JSON, and per-child rows with --children', async () => {
    const db = join(tempDir(), 'demo.db')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '80'])).status).toBe(0)
    const run = await runCli(['--db', db, 'tracker', '--as-of', '2020-03-31', '--json'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const store = await openDb(db, { readonly: true })
    const expected = await trackerCounts(store, '2020-03-31')
    await store.close()
    expect(run.stdout).toBe(`${JSON.stringify(expected)}\n`)
    expect(run.json()).toMatchObject({ asOf: '2020-03-31', lookedAfter: 80 })
    expect(Object.keys(run.json().byLegalStatus)).toEqual(['FCO', 'ICO', 'S20', 'PO', 'REMAND', 'OTHER'])
    expect(Object.keys(run.json().permanence)).toEqual(['agreed', 'notAgreed', 'oversight', 'none'])
    expect(run.json().carersChangedSinceDecision).toBe(expected.carersChangedSinceDecision)
    // Issue 15's count sits beside the existing keys, which stay as they were.
    expect(Object.keys(run.json())).toEqual(['asOf', 'lookedAfter', 'byLegalStatus', 'permanence', 'noDecisionByLegalStatus', 'carersChangedSinceDecision'])

    const withChildren = (await runCli(['--db', db, 'tracker', '--as-of', '2020-03-31', '--json', '--children'])).json()
    expect(withChildren.children).toHaveLength(80)
    expect(withChildren.children.filter((c: { status: string }) => c.status === 'none')).toHaveLength(expected.permanence.none)
  })

  it('pages the children as the grid does with --offset, --limit and --sort, through the contract', async () => {
    const db = join(tempDir(), 'demo.db')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '60'])).status).toBe(0)
    const all = (await runCli(['--db', db, 'tracker', '--as-of', '2020-03-31', '--json', '--children'])).json().children as {
      childId: string
      status: string
    }[]
    const page = await runCli(['--db', db, 'tracker', '--as-of', '2020-03-31', '--json', '--children', '--offset', '10', '--limit', '5'])
    expect(page.stderr).toBe('')
    expect(page.json().total).toBe(60)
    expect(page.json().children.map((c: { childId: string }) => c.childId)).toEqual(all.slice(10, 15).map((c) => c.childId))
    const byStatus = (await runCli(['--db', db, 'tracker', '--as-of', '2020-03-31', '--json', '--children', '--limit', '60', '--sort', 'status:desc'])).json()
      .children as { childId: string; status: string }[]
    const expected = [...all].sort((a, b) => (a.status === b.status ? (a.childId < b.childId ? -1 : 1) : a.status < b.status ? 1 : -1))
    expect(byStatus.map((c) => c.childId)).toEqual(expected.map((c) => c.childId))
    const refused = await runCli(['--db', db, 'tracker', '--as-of', '2020-03-31', '--children', '--sort', 'drift'])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/Column is not one of/)
    expect((await runCli(['--db', db, 'tracker', '--limit', '5'])).stderr).toMatch(/go with --children/)
  })

  it('refuses a date that is not a real YYYY-MM-DD date with exit 2', async () => {
    const db = join(tempDir(), 'empty.db')
    const run = await runCli(['--db', db, 'tracker', '--as-of', '2020-02-30', '--json'])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/"2020-02-30" is not a date/)
    expect(run.stdout).toBe('')
  })
})

describe('permanence export tracker (CLI)', () => {
  it('writes the workbook, refuses to overwrite without --force', async () => {
    const dir = tempDir()
    const db = join(dir, 'demo.db')
    const out = join(dir, 'tracker.xlsx')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '40'])).status).toBe(0)
    const run = await runCli(['--db', db, '--json', 'export', 'tracker', '--as-of', '2020-03-31', '--out', out])
    expect(run.stderr).toBe('')
    expect(run.json()).toEqual({ ok: true, out, asOf: '2020-03-31', rows: 40 })
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(out)
    expect(book.getWorksheet('Children')!.rowCount).toBe(41)
    const again = await runCli(['--db', db, 'export', 'tracker', '--as-of', '2020-03-31', '--out', out])
    expect(again.status).toBe(2)
    expect(again.stderr).toMatch(/already exists/)
    expect((await runCli(['--db', db, 'export', 'tracker', '--as-of', '2020-03-31', '--out', out, '--force'])).status).toBe(0)
  })
})
