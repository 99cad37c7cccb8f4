import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli'
import { asSuperuser, testPostgres } from '../helpers/postgres'
import { tempDir } from '../helpers/tmp'

describe('CLI: team copy-from moves a desk database into the team database', () => {
  it('copies every table verified by counts and row hashes, keeps the audit authors, and gives the same answers', async () => {
    const deskFile = join(tempDir(), 'desk.db')
    const demo = await runCli(['--db', deskFile, 'demo', '--as-of', '2020-03-31', '--json'])
    expect(demo.status, demo.stderr).toBe(0)
    const url = await testPostgres().createDatabase('copy')
    const init = await runCli(['--db', url, 'team', 'init', '--json'])
    expect(init.status, init.stderr).toBe(0)

    const copy = await runCli(['--db', url, 'team', 'copy-from', deskFile, '--json'])
    expect(copy.status, copy.stderr).toBe(0)
    const result = copy.json() as { rows: number; tables: { table: string; rows: number; sha256: string }[] }
    const byTable = new Map(result.tables.map((t) => [t.table, t]))
    const deskChildren = (await runCli(['--db', deskFile, 'tracker', '--as-of', '2020-03-31', '--json'])).json()
    expect(byTable.get('child')!.rows).toBeGreaterThan(100)
    expect(byTable.get('audit_log')!.rows).toBeGreaterThan(0)

    // The same questions get the same answers from the copy.
    const teamTracker = await runCli(['--db', url, 'tracker', '--as-of', '2020-03-31', '--json'])
    expect(teamTracker.status, teamTracker.stderr).toBe(0)
    expect(teamTracker.json()).toEqual(deskChildren)
    // History keeps its authors: the desk's audit rows, chain and seal intact.
    const authors = await asSuperuser(url, async (c) => (await c.query('SELECT DISTINCT who FROM audit_log ORDER BY who')).rows.map((r) => r.who))
    expect(authors).toContain('cli-tester')
    const check = await runCli(['--db', url, 'check', '--json'])
    expect(check.status, check.stderr).toBe(0)
    expect(check.json()).toMatchObject({ ok: true, audit: { ok: true, rows: byTable.get('audit_log')!.rows } })
    // New records continue after the copied ids.
    const next = await asSuperuser(
      url,
      async (c) => (await c.query("INSERT INTO carer (name, kind) VALUES ('New Carer', 'inhouse') RETURNING id")).rows[0].id as number
    )
    const top = await asSuperuser(url, async (c) => (await c.query('SELECT MAX(id) AS m FROM carer WHERE id <> $1', [next])).rows[0].m as number | null)
    expect(next).toBeGreaterThan(top ?? 0)

    // A team database that already holds records is refused, and nothing changes.
    const again = await runCli(['--db', url, 'team', 'copy-from', deskFile])
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/already holds records \(.*child.*\); copy-from only fills an empty one\. Nothing was copied\./)
    const count = await asSuperuser(url, async (c) => Number((await c.query('SELECT COUNT(*) AS n FROM child')).rows[0].n))
    expect(count).toBe(byTable.get('child')!.rows)
  }, 240_000)

  it('refuses a file that is not there, naming it', async () => {
    const url = await testPostgres().createDatabase('copy_missing')
    expect((await runCli(['--db', url, 'team', 'init'])).status).toBe(0)
    const missing = await runCli(['--db', url, 'team', 'copy-from', '/nowhere/desk.db'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('/nowhere/desk.db: no such file')
  }, 120_000)
})
