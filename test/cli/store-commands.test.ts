import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureDemo, openContext } from '../../src/main/core/session'
import { migrations } from '../../src/main/core/store/migrations'
import { openStore } from '../../src/main/core/store/open'
import { readSetting } from '../../src/main/core/store/settings'
import { audit } from '../../src/main/core/store/audit'
import { runCli } from '../helpers/cli'
import { freshTeamDatabase } from '../helpers/postgres'
import { tempDir } from '../helpers/tmp'

describe('CLI: init, demo, check, backup', () => {
  it('creates the demo database and checks it with the documented JSON shape', async () => {
    const db = join(tempDir(), 'd.db')
    const demo = await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--json'])
    expect(demo.status, demo.stderr).toBe(0)
    expect(demo.json()).toMatchObject({ ok: true, children: expect.any(Number), episodes: expect.any(Number) })
    const check = await runCli(['--db', db, 'check', '--json'])
    expect(check.status, check.stderr).toBe(0)
    const result = check.json()
    expect(result.ok).toBe(true)
    expect(result.schemaVersion).toBe(migrations.length)
    expect(result.counts.children).toBe(demo.json().children)
    expect(result.counts.episodes).toBe(demo.json().episodes)
    expect(result.counts.auditLog).toBeGreaterThan(0)
  })

  it('backs up with the online backup API to a file that checks clean', async () => {
    const dir = tempDir()
    const db = join(dir, 'd.db')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '20'])).status).toBe(0)
    const out = join(dir, 'copy.db')
    const backup = await runCli(['--db', db, 'backup', '--out', out, '--json'])
    expect(backup.status, backup.stderr).toBe(0)
    expect(existsSync(out)).toBe(true)
    const check = await runCli(['--db', out, 'check', '--json'])
    expect(check.json().counts.children).toBe((await runCli(['--db', db, 'check', '--json'])).json().counts.children)
    const again = await runCli(['--db', db, 'backup', '--out', out])
    expect(again.status).toBe(2)
    expect(again.stderr).toMatch(/already exists/)
  })

  it('exits 2 with a message on stderr for bad usage and bad input', async () => {
    const db = join(tempDir(), 'd.db')
    const bogus = await runCli(['--db', db, 'frobnicate'])
    expect(bogus.status).toBe(2)
    expect(bogus.stderr).toMatch(/unknown command/)
    const badDate = await runCli(['--db', db, 'demo', '--as-of', '31/03/2020'])
    expect(badDate.status).toBe(2)
    expect(badDate.stderr).toMatch(/YYYY-MM-DD/)
    const badCall = await runCli(['--db', db, 'call', 'getChild', '{"childId": 5}'])
    expect(badCall.status).toBe(2)
    expect(badCall.stderr).toMatch(/childId/)
    const missing = await runCli(['--db', join(tempDir(), 'none.db'), 'check'])
    expect(missing.status).toBe(2)
  })

  it('init makes an empty database that the app will not fill with demo data', async () => {
    const db = join(tempDir(), 'e.db')
    const init = await runCli(['--db', db, 'init', '--json'])
    expect(init.status, init.stderr).toBe(0)
    // What the app does on opening a database: fill an empty one with the demo, unless chosen empty.
    const ctx = await openContext(db, 'cli', 'tester')
    try {
      expect(await readSetting(ctx.db, 'empty_by_choice')).toBe('1')
      expect(await ensureDemo(ctx)).toBeNull()
    } finally {
      await ctx.db.close()
    }
    expect((await runCli(['--db', db, 'check', '--json'])).json().counts.children).toBe(0)
  })

  it('checks a PostgreSQL team database: audit chain verified, and broken when a row is edited', async () => {
    const url = await freshTeamDatabase()
    const store = await openStore(url)
    try {
      for (let i = 1; i <= 3; i++) await audit(store, { who: 'tester', action: 'test.step', entity: 'child', entityId: `C${i}` })
      const clean = await runCli(['--db', url, 'check', '--json'])
      expect(clean.status, clean.stderr).toBe(0)
      expect(clean.json()).toMatchObject({ ok: true, integrity: ['ok'], audit: { ok: true, chained: true, rows: 3 }, counts: { auditLog: 3 } })
      // What the table's owner could do in psql: switch the guard off, edit, switch it back on.
      await store.exec(
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET entity_id = 'C9' WHERE id = 2; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update"
      )
      const broken = await runCli(['--db', url, 'check', '--json'])
      expect(broken.status).toBe(1)
      expect(broken.json().audit.problems.join(' ')).toMatch(/Audit row 2 .* does not match the chain/)
    } finally {
      await store.close()
    }
  })
})
