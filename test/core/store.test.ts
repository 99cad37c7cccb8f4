import Database from 'better-sqlite3'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { audit } from '../../src/main/core/store/audit'
import { checkDb } from '../../src/main/core/store/check'
import { openDb, schemaVersion } from '../../src/main/core/store/db'
import { migrations } from '../../src/main/core/store/migrations'
import type { Migration } from '../../src/main/core/store/migrations/types'
import { testEngine } from '../helpers/postgres'
import { tempContext, tempDir } from '../helpers/tmp'

const latest = migrations.at(-1)!.version
/**
 * WAL, pragmas, the SQLite migrations and their history live in the SQLite file only;
 * test/core/store/postgres-schema.test.ts holds their PostgreSQL counterparts.
 */
const sqliteOnly = it.skipIf(testEngine() === 'postgres')

describe('store', () => {
  it('numbers migrations 1, 2, 3 … in order, each in its own numbered file', () => {
    const files = readdirSync(join(import.meta.dirname, '../../src/main/core/store/migrations'))
      .filter((f) => /^\d{3}_/.test(f))
      .sort()
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1))
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(migrations.map((m) => m.version))
  })

  sqliteOnly('creates a WAL database with foreign keys and every migration recorded', async () => {
    const path = join(tempDir(), 'a.db')
    const db = await openDb(path)
    expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.connection.pragma('foreign_keys', { simple: true })).toBe(1)
    // A page cache of 64 MiB, not SQLite's 2 MiB: reads at 100k children stop rereading pages.
    expect(db.connection.pragma('cache_size', { simple: true })).toBe(-64 * 1024)
    expect(await schemaVersion(db)).toBe(latest)
    const tables = (await db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()) as {
      name: string
      sql: string
    }[]
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['child', 'episode', 'audit_log', 'schema_migration']))
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT\s*$/)
    await db.close()
  })

  sqliteOnly('migrates up from every earlier version to the latest, keeping data', async () => {
    // A child and an episode as version 1 stored them; every later migration must keep both.
    const child = { child_id: 'KEEP1', sex: 2, dob: '2012-05-17', given_name: 'Ada', family_name: 'Kept' }
    const episode = { child_id: 'KEEP1', decom: '2019-01-04', rne: 'S', ls: 'C2', place: 'U1', seq: 1 }
    const kept =
      'SELECT c.child_id, c.sex, c.dob, c.given_name, c.family_name, e.decom, e.rne, e.ls, e.place, e.seq FROM child c JOIN episode e USING (child_id)'
    for (const from of migrations.slice(0, -1).map((m) => m.version)) {
      const path = join(tempDir(), `from-${from}.db`)
      await (await openDb(path, { targetVersion: from })).close()
      const old = new Database(path)
      old.prepare('INSERT INTO child (child_id, sex, dob, given_name, family_name) VALUES (@child_id, @sex, @dob, @given_name, @family_name)').run(child)
      old.prepare('INSERT INTO episode (child_id, decom, rne, ls, place, seq) VALUES (@child_id, @decom, @rne, @ls, @place, @seq)').run(episode)
      const before = old.prepare(kept).all()
      old.close()
      expect(before, `version ${from}`).toHaveLength(1)
      const db = await openDb(path)
      expect(await schemaVersion(db)).toBe(latest)
      expect((await checkDb(db)).ok, `from version ${from}`).toBe(true)
      expect(await db.prepare(kept).all(), `from version ${from}`).toEqual(before)
      expect(await db.prepare('SELECT COUNT(*) FROM episode').pluck().get()).toBe(1)
      await db.close()
    }
  })

  sqliteOnly('migrates an empty file straight to the latest version', async () => {
    const path = join(tempDir(), 'from-0.db')
    await (await openDb(path, { targetVersion: 0 })).close()
    const db = await openDb(path)
    expect(await schemaVersion(db)).toBe(latest)
    expect((await checkDb(db)).ok).toBe(true)
    await db.close()
  })

  sqliteOnly('refuses a database written by a newer version and leaves it untouched', async () => {
    const path = join(tempDir(), 'newer.db')
    await (await openDb(path)).close()
    const raw = new Database(path)
    raw.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)').run(latest + 1, 'from-the-future', 'x')
    raw.close()
    await expect(openDb(path)).rejects.toThrow(/newer Permanence Desk/)
    const again = new Database(path, { readonly: true })
    expect(await again.prepare('SELECT MAX(version) FROM schema_migration').pluck().get()).toBe(latest + 1)
    again.close()
  })

  sqliteOnly('refuses a database whose migration history differs from ours', async () => {
    const path = join(tempDir(), 'other.db')
    await (await openDb(path)).close()
    const raw = new Database(path)
    raw.prepare('UPDATE schema_migration SET name = ? WHERE version = 1').run('something-else')
    raw.close()
    await expect(openDb(path)).rejects.toThrow(/does not match/)
  })

  sqliteOnly('rolls back a migration that fails, leaving the previous version', async () => {
    const path = join(tempDir(), 'fail.db')
    const broken: Migration = {
      version: latest + 1,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT')
        throw new Error('boom')
      }
    }
    await expect(openDb(path, { migrations: [...migrations, broken] })).rejects.toThrow('boom')
    const db = await openDb(path)
    expect(await schemaVersion(db)).toBe(latest)
    expect(await db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0)
    await db.close()
  })

  it('keeps the audit log append-only', async () => {
    const { db } = await tempContext()
    await audit(db, { who: 'tester', action: 'test', entity: 'child', entityId: 'X1', before: { a: 1 }, after: { a: 2 } })
    const row = await db.prepare('SELECT who, action, entity, entity_id, before, after FROM audit_log').get()
    expect(row).toEqual({ who: 'tester', action: 'test', entity: 'child', entity_id: 'X1', before: '{"a":1}', after: '{"a":2}' })
    await expect(db.prepare("UPDATE audit_log SET who = 'someone else'").run()).rejects.toThrow(/append-only/)
    await expect(db.prepare('DELETE FROM audit_log').run()).rejects.toThrow(/append-only/)
    await db.close()
  })
})
