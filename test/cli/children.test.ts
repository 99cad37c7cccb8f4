import ExcelJS from 'exceljs'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { childrenPage } from '../../src/main/core/children/queries'
import { openDb } from '../../src/main/core/store/db'
import { childrenPageInput } from '../../src/shared/contract/children'
import { runCli } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'

/** The first column of the Children sheet below its heading: the child IDs, in the order written. */
async function sheetIds(file: string): Promise<string[]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  const ids: string[] = []
  book.getWorksheet('Children')!.eachRow((row, n) => n > 1 && ids.push(String(row.getCell(1).value)))
  return ids
}

describe('permanence export children (CLI)', () => {
  it("writes the grid's children in its order, filtered, searched and sorted, refuses to overwrite without --force, and is audited", async () => {
    const dir = tempDir()
    const db = join(dir, 'demo.db')
    const out = join(dir, 'children.xlsx')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '60'])).status).toBe(0)
    const run = await runCli(['--db', db, '--json', 'export', 'children', '--looked-after', '--search', 'demo', '--sort', 'dob:desc,name', '--out', out])
    expect(run.stderr).toBe('')
    expect(run.json()).toEqual({ ok: true, out, rows: 60 })
    const store = await openDb(db, { readonly: true })
    const grid = await childrenPage(
      store,
      childrenPageInput.parse({
        filters: { lookedAfterOnly: true },
        search: 'demo',
        sort: [
          { column: 'dob', direction: 'desc' },
          { column: 'name', direction: 'asc' }
        ],
        limit: 1000
      })
    )
    const logged = (await store.prepare("SELECT who, after FROM audit_log WHERE action = 'children.export'").all()) as { who: string; after: string }[]
    await store.close()
    expect(await sheetIds(out)).toEqual(grid.rows.map((c) => c.childId))
    expect(logged.map((r) => ({ who: r.who, after: JSON.parse(r.after) as unknown }))).toEqual([
      {
        who: 'cli-tester',
        after: {
          file: out,
          rows: 60,
          withChildren: true,
          filters: { lookedAfterOnly: true },
          search: 'demo',
          sort: [
            { column: 'dob', direction: 'desc' },
            { column: 'name', direction: 'asc' }
          ]
        }
      }
    ])

    const again = await runCli(['--db', db, 'export', 'children', '--out', out])
    expect(again.status).toBe(2)
    expect(again.stderr).toMatch(/already exists/)
    const everyone = await runCli(['--db', db, 'export', 'children', '--out', out, '--force'])
    expect(everyone.stdout).toMatch(/^\d+ children written to /)
    expect((await sheetIds(out)).length).toBeGreaterThan(60)
  })

  it('refuses a sort column the grid does not have with exit 2, and a desk whose only role is commissioner with exit 1 (the tracker’s export too), writing nothing', async () => {
    const dir = tempDir()
    const db = join(dir, 'demo.db')
    const out = join(dir, 'children.xlsx')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '20'])).status).toBe(0)
    const badSort = await runCli(['--db', db, 'export', 'children', '--sort', 'drift', '--out', out])
    expect(badSort.status).toBe(2)
    expect(badSort.stderr).toMatch(/Column is not one of/)
    expect((await runCli(['--db', db, 'call', 'setMyRoles', '{"roles":["commissioner"]}'])).status).toBe(0)
    const refused = await runCli(['--db', db, '--json', 'export', 'children', '--out', out])
    expect(refused.status).toBe(1)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toBe('permanence: Not permitted for your role: the list of children names children, and a commissioner’s work is numbers only.\n')
    expect(existsSync(out)).toBe(false)
    // The tracker's workbook names children too.
    const trackerOut = join(dir, 'tracker.xlsx')
    const tracker = await runCli(['--db', db, 'export', 'tracker', '--out', trackerOut])
    expect(tracker.status).toBe(1)
    expect(tracker.stderr).toBe('permanence: Not permitted for your role: the tracker names children, and a commissioner’s work is numbers only.\n')
    expect(existsSync(trackerOut)).toBe(false)
  })
})
