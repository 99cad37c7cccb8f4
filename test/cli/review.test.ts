import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDb } from '../../src/main/core/store/db'
import { trackerRows } from '../../src/main/core/tracker/queries'
import { runCli } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'

describe('permanence review (CLI)', () => {
  it('opens a cycle with the cohort and its sizes, reports status and exports the workbook', async () => {
    const dir = tempDir()
    const db = join(dir, 'demo.db')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '80'])).status).toBe(0)
    const open = await runCli(['--db', db, 'review', 'open', '--date', '2020-03-31', '--json'])
    expect(open.stderr).toBe('')
    expect(open.status).toBe(0)
    const store = await openDb(db, { readonly: true })
    const rows = await trackerRows(store, '2020-03-31')
    await store.close()
    // The council's cohorts: placed with parents on a care order; else FCO or s20 with no decision and no oversight.
    const home = (r: (typeof rows)[number]): boolean => (r.ls === 'C1' || r.ls === 'C2') && r.placement === 'P1'
    const pwp = rows.filter(home).length
    const fco = rows.filter((r) => !home(r) && r.ls === 'C2' && r.status === 'none').length
    const s20 = rows.filter((r) => r.ls === 'V2' && r.status === 'none').length
    const opened = open.json()
    expect(opened.cohort).toEqual({ FCO: fco, S20: s20, PWP: pwp, total: fco + s20 + pwp })
    expect(Object.keys(opened.cohort)).toEqual(['FCO', 'S20', 'PWP', 'total'])
    expect(opened.children).toHaveLength(fco + s20 + pwp)
    expect(opened.cycle).toMatchObject({
      label: '2019-20 Q4',
      startDate: '2020-03-31',
      status: 'open',
      openedBy: 'cli-tester',
      progress: { total: fco + s20 + pwp, reviewed: 0 }
    })

    const status = await runCli(['--db', db, 'review', 'status', '--json'])
    expect(status.status).toBe(0)
    expect(status.json()).toEqual({ cycle: opened.cycle })

    const out = join(dir, 'review.xlsx')
    const exported = await runCli(['--db', db, 'review', 'export', '--out', out, '--json'])
    expect(exported.status).toBe(0)
    expect(existsSync(out)).toBe(true)
  })

  it('exits 2 for a bad date or no cycle, 1 for a repeated cycle, with a clear message', async () => {
    const db = join(tempDir(), 'demo.db')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '30'])).status).toBe(0)
    const noCycle = await runCli(['--db', db, 'review', 'status', '--json'])
    expect(noCycle.status).toBe(2)
    expect(noCycle.stderr).toMatch(/No review cycle yet/)
    const badDate = await runCli(['--db', db, 'review', 'open', '--date', '2020-13-01', '--json'])
    expect(badDate.status).toBe(2)
    expect(badDate.stderr).toMatch(/not a date/)
    expect((await runCli(['--db', db, 'review', 'open', '--date', '2020-03-31'])).status).toBe(0)
    const again = await runCli(['--db', db, 'review', 'open', '--date', '2020-03-31'])
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/already exists/)
  })

  it('asks for --confirm before a cohort date years ahead or a second open cycle, opening nothing until then', async () => {
    const db = join(tempDir(), 'demo.db')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '30'])).status).toBe(0)
    const far = await runCli(['--db', db, 'review', 'open', '--date', '2031-03-31'])
    expect(far.status).toBe(2)
    expect(far.stderr).toMatch(/31\/03\/2031 is more than a quarter after today .* Add --confirm to open it anyway\./)
    expect((await runCli(['--db', db, 'review', 'status'])).status).toBe(2)
    expect((await runCli(['--db', db, 'review', 'open', '--date', '2031-03-31', '--confirm'])).status).toBe(0)
    const second = await runCli(['--db', db, 'review', 'open', '--date', '2020-03-31'])
    expect(second.status).toBe(2)
    expect(second.stderr).toMatch(/The cycle "2030-31 Q4" \(cohort date 31\/03\/2031\) is still open/)
  })
})
