import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listBackups } from '../../src/main/core/backup/files'
import { auditTriggers } from '../../src/main/core/store/audit-chain'
import { runCli } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'
import { defined } from '../helpers/defined'

describe('CLI: backup, restore, check of the audit chain', () => {
  it('backs up into backups/, restores it, and keeps what it replaced', async () => {
    const dir = tempDir()
    const db = join(dir, 'd.db')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '20'])).status).toBe(0)
    const backup = await runCli(['--db', db, '--json', 'backup'])
    expect(backup.status, backup.stderr).toBe(0)
    const out = backup.json().out as string
    expect(listBackups(db).map((b) => b.path)).toEqual([out])
    const children = (await runCli(['--db', db, 'check', '--json'])).json().counts.children as number

    const raw = new Database(db)
    raw.prepare("INSERT INTO child (child_id, sex, dob) VALUES ('LATER1', '1', '2015-01-01')").run()
    raw.close()
    const restore = await runCli(['--db', db, '--json', '--user', 'restorer', 'restore', out])
    expect(restore.status, restore.stderr).toBe(0)
    expect(restore.json()).toMatchObject({ ok: true, restored: out, replacedKeptAs: expect.stringContaining('before-restore') })
    const check = (await runCli(['--db', db, 'check', '--json'])).json()
    expect(check).toMatchObject({ ok: true, counts: { children }, audit: { ok: true, chained: true, problems: [] } })
    const logged = new Database(db, { readonly: true })
    // The backup was taken before its own audit row was written; that row lives on in the kept copy.
    expect(logged.prepare("SELECT who FROM audit_log WHERE action IN ('backup.create', 'backup.restore') ORDER BY id").pluck().all()).toEqual(['restorer'])
    logged.close()
    const kept = new Database(restore.json().replacedKeptAs, { readonly: true })
    expect(kept.prepare("SELECT who, after FROM audit_log WHERE action = 'backup.create'").get()).toEqual({
      who: 'cli-tester',
      after: JSON.stringify({ what: 'manual backup', where: out })
    })
    kept.close()
  })

  it('refuses to restore a non-database or a tampered backup (exit 2), and check fails on tampering', async () => {
    const dir = tempDir()
    const db = join(dir, 'd.db')
    expect((await runCli(['--db', db, 'demo', '--as-of', '2020-03-31', '--children', '10'])).status).toBe(0)
    const junk = join(dir, 'junk.db')
    writeFileSync(junk, 'not a database at all')
    const refused = await runCli(['--db', db, 'restore', junk])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/not a Permanence Desk database; nothing was changed|not a Permanence Desk database \(/)

    const copy = join(dir, 'copy.db')
    expect((await runCli(['--db', db, 'backup', '--out', copy])).status).toBe(0)
    const raw = new Database(copy)
    raw.exec('DROP TRIGGER audit_log_no_delete')
    raw.prepare('DELETE FROM audit_log WHERE id = 1').run()
    raw.exec(defined(auditTriggers.audit_log_no_delete, 'auditTriggers.audit_log_no_delete'))
    raw.close()
    const check = await runCli(['--db', copy, 'check', '--json'])
    expect(check.status).toBe(1)
    expect(check.json()).toMatchObject({ ok: false, audit: { ok: false, chained: true } })
    expect(check.json().audit.problems.join(' ')).toMatch(/sealed at row 1/)
    const tampered = await runCli(['--db', db, 'restore', copy])
    expect(tampered.status).toBe(2)
    expect(tampered.stderr).toMatch(/tampered/)
    expect(listBackups(db).filter((b) => b.kind === 'before-restore')).toEqual([])
  })
})
