import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { audit } from '../../../src/main/core/store/audit'
import { auditRowHash, auditTriggers, verifyAuditChain } from '../../../src/main/core/store/audit-chain'
import { checkDb } from '../../../src/main/core/store/check'
import { openDb, schemaVersion, type Db } from '../../../src/main/core/store/db'
import { tempDir } from '../../helpers/tmp'

function logWithRows(n = 5): Db {
  const db = openDb(join(tempDir(), 'audit.db'))
  for (let i = 1; i <= n; i++) audit(db, { who: 'tester', action: 'test.step', entity: 'child', entityId: `C${i}`, after: { step: i } })
  return db
}

const verify = (db: Db) => verifyAuditChain(db, schemaVersion(db))
const rowsOf = (db: Db) => db.prepare('SELECT * FROM audit_log ORDER BY id').all()

/** What someone with the sqlite3 tool could do: take a trigger away, change rows, put it back. */
function withoutTrigger(db: Db, name: string, change: () => void): void {
  db.exec(`DROP TRIGGER ${name}`)
  change()
  db.exec(auditTriggers[name])
}

describe('audit hash chain', () => {
  it('chains every row to the one before, and check reports it intact', () => {
    const db = logWithRows()
    const rows = db.prepare('SELECT id, at, who, action, entity, entity_id, before, after, hash FROM audit_log ORDER BY id').all() as never[]
    let previous = ''
    for (const row of rows as { hash: string }[]) {
      expect(row.hash).toBe(auditRowHash(previous, row as never))
      previous = row.hash
    }
    expect(verify(db)).toEqual({ ok: true, chained: true, rows: 5, problems: [] })
    expect(checkDb(db)).toMatchObject({ ok: true, audit: { ok: true, rows: 5 } })
    db.close()
  })

  it('refuses INSERT OR REPLACE over an existing row, with or without a hash', () => {
    const db = logWithRows()
    const before = rowsOf(db)
    const forged = auditRowHash('', { id: 2, at: '2020-01-01T00:00:00.000Z', who: 'intruder', action: 'test.step', entity: 'child', entity_id: 'C2', before: null, after: null })
    expect(() =>
      db.prepare("INSERT OR REPLACE INTO audit_log (id, at, who, action, entity, entity_id, before, after, hash) VALUES (2, '2020-01-01T00:00:00.000Z', 'intruder', 'test.step', 'child', 'C2', NULL, NULL, ?)").run(forged)
    ).toThrow(/append-only/)
    expect(() => db.prepare("INSERT OR REPLACE INTO audit_log (id, at, who, action, entity) VALUES (2, 'x', 'intruder', 'x', 'x')").run()).toThrow(/append-only/)
    expect(() => db.prepare("REPLACE INTO audit_log (id, at, who, action, entity) VALUES (1, 'x', 'intruder', 'x', 'x')").run()).toThrow(/append-only/)
    expect(rowsOf(db)).toEqual(before)
    expect(verify(db).ok).toBe(true)
    db.close()
  })

  it('refuses rows added without the chain (no id, no hash)', () => {
    const db = logWithRows()
    expect(() => db.prepare("INSERT INTO audit_log (at, who, action, entity) VALUES ('x', 'intruder', 'x', 'x')").run()).toThrow(/append-only/)
    expect(() => db.prepare("INSERT INTO audit_log (id, at, who, action, entity) VALUES (99, 'x', 'intruder', 'x', 'x')").run()).toThrow(/append-only/)
    db.close()
  })

  it('fails when a trigger is dropped, or replaced by a weaker one', () => {
    for (const name of Object.keys(auditTriggers)) {
      const db = logWithRows(2)
      db.exec(`DROP TRIGGER ${name}`)
      expect(verify(db).ok, name).toBe(false)
      expect(verify(db).problems.join(' ')).toContain(`${name} is missing`)
      db.close()
    }
    const db = logWithRows(2)
    db.exec('DROP TRIGGER audit_log_no_delete')
    db.exec("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN OLD.who <> 'intruder' BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
    expect(verify(db).problems.join(' ')).toContain('audit_log_no_delete has been altered')
    db.exec('CREATE TRIGGER audit_log_quiet AFTER INSERT ON audit_log BEGIN SELECT 1; END')
    expect(verify(db).problems.join(' ')).toContain('unexpected trigger audit_log_quiet')
    db.close()
  })

  it('fails on an edited row even with the triggers put back', () => {
    const db = logWithRows()
    withoutTrigger(db, 'audit_log_no_update', () => db.prepare("UPDATE audit_log SET who = 'someone else' WHERE id = 3").run())
    const result = verify(db)
    expect(result.ok).toBe(false)
    expect(result.problems[0]).toMatch(/Audit row 3 .* does not match the chain/)
    expect(checkDb(db).ok).toBe(false)
    db.close()
  })

  it('fails on a row deleted from the middle or from the end', () => {
    const middle = logWithRows()
    withoutTrigger(middle, 'audit_log_no_delete', () => middle.prepare('DELETE FROM audit_log WHERE id = 2').run())
    expect(verify(middle).problems[0]).toMatch(/Audit row 3 /)
    middle.close()

    const end = logWithRows()
    withoutTrigger(end, 'audit_log_no_delete', () => end.prepare('DELETE FROM audit_log WHERE id = 5').run())
    expect(verify(end).ok).toBe(false)
    expect(verify(end).problems.join(' ')).toMatch(/ends at row 4 .* sealed at row 5/)
    end.close()
  })

  it('fails on a row slipped in before others, even with a well-formed hash', () => {
    const db = logWithRows()
    withoutTrigger(db, 'audit_log_append_only', () => {
      const row = { id: 0, at: '2019-01-01T00:00:00.000Z', who: 'intruder', action: 'test.step', entity: 'child', entity_id: 'C0', before: null, after: null }
      db.prepare('INSERT INTO audit_log (id, at, who, action, entity, entity_id, before, after, hash) VALUES (@id, @at, @who, @action, @entity, @entity_id, @before, @after, @hash)').run({
        ...row,
        hash: auditRowHash('', row)
      })
    })
    const result = verify(db)
    expect(result.ok).toBe(false)
    expect(result.problems.join(' ')).toMatch(/Audit row 1 /)
    db.close()
  })

  it('still verifies the chain when the record of migration 9 is deleted', () => {
    const db = logWithRows()
    withoutTrigger(db, 'audit_log_no_update', () => db.prepare("UPDATE audit_log SET who = 'someone else' WHERE id = 3").run())
    db.prepare('DELETE FROM schema_migration WHERE version = 9').run()
    expect(verifyAuditChain(db, schemaVersion(db))).toMatchObject({ ok: false, chained: true })
    db.close()
  })

  it('migration 009 chains the rows a database already had', () => {
    const path = join(tempDir(), 'old.db')
    const old = openDb(path, { targetVersion: 8 })
    const insert = old.prepare("INSERT INTO audit_log (at, who, action, entity, entity_id, after) VALUES (?, 'old-user', 'test.old', 'child', ?, '{}')")
    for (let i = 0; i < 3; i++) insert.run(`2019-0${i + 1}-01T00:00:00.000Z`, `C${i}`)
    expect(verifyAuditChain(old, 8)).toMatchObject({ ok: true, chained: false, rows: 3 })
    old.close()
    const db = openDb(path)
    // The three old rows, chained, then the record of the backup taken before migrating.
    expect(verify(db)).toEqual({ ok: true, chained: true, rows: 4, problems: [] })
    expect(db.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all()).toEqual(['test.old', 'test.old', 'test.old', 'backup.create'])
    audit(db, { who: 'tester', action: 'test.new', entity: 'child', entityId: 'C9' })
    expect(verify(db)).toMatchObject({ ok: true, rows: 5 })
    db.close()
  })
})
