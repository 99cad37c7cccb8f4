import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { suggestAgenda } from '../../src/main/core/panel/candidates'
import { openDb } from '../../src/main/core/store/db'
import { runCli } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'
import { firstOf } from '../helpers/defined'

describe('permanence agenda suggest (CLI)', () => {
  it('prints the ranked candidates with their reasons as JSON, honouring --limit', async () => {
    const db = join(tempDir(), 'demo.db')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '80'])).status).toBe(0)
    const run = await runCli(['--db', db, 'agenda', 'suggest', '--date', '2020-04-15', '--limit', '5', '--json'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const list = run.json() as { childId: string; reasons: { code: string; text: string; since: string | null }[] }[]
    expect(list).toHaveLength(5)
    for (const s of list) {
      expect(s.childId).toMatch(/^DEMO\d{6}$/)
      expect(s.reasons.length).toBeGreaterThan(0)
      for (const r of s.reasons) expect(r.text.length).toBeGreaterThan(10)
    }
    const store = await openDb(db, { readonly: true })
    const expected = await suggestAgenda(store, '2020-04-15', 5)
    await store.close()
    expect(run.stdout).toBe(`${JSON.stringify(expected)}\n`)

    const text = await runCli(['--db', db, 'agenda', 'suggest', '--date', '2020-04-15', '--limit', '2'])
    expect(text.status).toBe(0)
    expect(text.stdout).toMatch(new RegExp(`^1\\. ${firstOf(list).childId} .*\\n     - ${firstOf(firstOf(list).reasons).text.replace(/[()]/g, '\\$&')}`))
    expect(text.stdout).toMatch(/\n2\. DEMO\d{6} /)
  })

  it('refuses a bad date or limit with exit 2', async () => {
    const db = join(tempDir(), 'empty.db')
    const badDate = await runCli(['--db', db, 'agenda', 'suggest', '--date', '15/04/2020', '--json'])
    expect(badDate.status).toBe(2)
    expect(badDate.stderr).toMatch(/"15\/04\/2020" is not a date: use YYYY-MM-DD/)
    const badLimit = await runCli(['--db', db, 'agenda', 'suggest', '--date', '2020-04-15', '--limit', '0'])
    expect(badLimit.status).toBe(2)
    expect(badLimit.stderr).toMatch(/--limit must be a whole number from 1 to 500, not "0"/)
  })

  it('says so when there is nobody to suggest', async () => {
    const db = join(tempDir(), 'empty.db')
    expect((await runCli(['--db', db, 'init'])).status).toBe(0)
    expect((await runCli(['--db', db, 'agenda', 'suggest', '--date', '2020-04-15', '--json'])).json()).toEqual([])
    expect((await runCli(['--db', db, 'agenda', 'suggest', '--date', '2020-04-15'])).stdout).toBe('No children to suggest for this date.\n')
  })
})
