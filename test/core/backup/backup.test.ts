import Database from 'better-sqlite3'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { testEngine } from '../../helpers/postgres'
import { createBackup, ensureDailyBackup, restoreDatabase, verifyDatabaseFile } from '../../../src/main/core/backup/backup'
import { backupsDir, listBackups } from '../../../src/main/core/backup/files'
import { startSession } from '../../../src/main/core/backup/startup'
import { fixedClock } from '../../../src/main/core/clock'
import type { Context } from '../../../src/main/core/context'
import { createDemo } from '../../../src/main/core/demo/load'
import { dispatch } from '../../../src/main/core/dispatch'
import { auditTriggers } from '../../../src/main/core/store/audit-chain'
import { checkDb } from '../../../src/main/core/store/check'
import { openDb, schemaVersion } from '../../../src/main/core/store/db'
import { migrations } from '../../../src/main/core/store/migrations'
import { corruptPages } from '../../helpers/corrupt'
import { cohort903, write903 } from '../../helpers/fixtures903'
import { import903OffThread, importsRunning } from '../../../src/main/core/io/ssda903/off-thread'
import { tempContext, tempDir } from '../../helpers/tmp'
import { defined, firstOf } from '../../helpers/defined'

const children = async (ctx: Pick<Context, 'db'>): Promise<number> => (await ctx.db.prepare('SELECT COUNT(*) FROM child').pluck().get()) as number
const day = (n: number): Date => new Date(Date.UTC(2026, 10, n, 7, 30))

async function demo(): Promise<Context> {
  const ctx = await tempContext()
  await createDemo(ctx.db, { asOf: '2020-03-31', lookedAfter: 15 }, 'tester')
  return ctx
}

// Backups are the embedded database's; a team database is backed up by its server (pg_dump).
describe.skipIf(testEngine() === 'postgres')('backups', () => {
  it('takes one daily backup a day and keeps the newest 14', async () => {
    const ctx = await demo()
    const on = (at: Date): Context => ({ ...ctx, clock: fixedClock(at.toISOString()) })
    expect(await ensureDailyBackup(on(day(1)))).toMatchObject({ kind: 'daily', createdAt: day(1).toISOString() })
    expect(await ctx.db.prepare("SELECT at FROM audit_log WHERE action = 'backup.create'").pluck().all()).toEqual([day(1).toISOString()])
    expect(await ensureDailyBackup(on(new Date(day(1).getTime() + 3600_000)))).toBeNull()
    for (let n = 2; n <= 16; n++) await ensureDailyBackup(on(day(n)))
    const daily = listBackups(ctx.dbPath).filter((b) => b.kind === 'daily')
    expect(daily.map((b) => b.createdAt.slice(0, 10))).toEqual(
      Array.from({ length: 14 }, (_, i) =>
        day(16 - i)
          .toISOString()
          .slice(0, 10)
      )
    )
    await createBackup(ctx, 'manual')
    expect(listBackups(ctx.dbPath).filter((b) => b.kind === 'manual')).toHaveLength(1)
    expect(readdirSync(backupsDir(ctx.dbPath)).filter((f) => f.endsWith('.partial'))).toEqual([])
    const logged = (await ctx.db.prepare("SELECT who, after FROM audit_log WHERE action = 'backup.create' ORDER BY id DESC").all()) as {
      who: string
      after: string
    }[]
    expect(logged).toHaveLength(17)
    expect(logged[0]?.who).toBe('tester')
    expect(JSON.parse(firstOf(logged).after)).toEqual({ what: 'manual backup', where: listBackups(ctx.dbPath).find((b) => b.kind === 'manual')!.path })
    const copy = await openDb(firstOf(daily).path, { readonly: true })
    expect(await children({ db: copy })).toBe(await children(ctx))
    expect((await checkDb(copy)).ok).toBe(true)
    await copy.close()
  })

  it('backs up an existing database before migrating it, and records it once migrated', async () => {
    const path = join(tempDir(), 'old.db')
    const old = await openDb(path, { targetVersion: 8 })
    await old.prepare("INSERT INTO setting (key, value) VALUES ('marker', 'before')").run()
    await old.close()
    const db = await openDb(path, { user: 'upgrader' })
    const backup = firstOf(listBackups(path))
    expect(backup).toMatchObject({ kind: 'pre-migration' })
    const copy = await openDb(backup.path, { readonly: true })
    expect(await schemaVersion(copy)).toBe(8)
    expect(await copy.prepare("SELECT value FROM setting WHERE key = 'marker'").pluck().get()).toBe('before')
    await copy.close()
    const logged = (await db.prepare("SELECT who, after FROM audit_log WHERE action = 'backup.create'").get()) as { who: string; after: string }
    expect(logged.who).toBe('upgrader')
    expect(JSON.parse(logged.after)).toEqual({ what: `backup before migrating from schema version 8 to ${migrations.length}`, where: backup.path })
    await db.close()
    // Already up to date: no further backup.
    await (await openDb(path)).close()
    expect(listBackups(path)).toHaveLength(1)
  })

  it('restores a backup from before the audit chain, migrating and chaining it', async () => {
    const path = join(tempDir(), 'old.db')
    await (await openDb(path, { targetVersion: 8 })).close()
    const current = await openDb(path)
    const preMigration = firstOf(listBackups(path))
    expect(await verifyDatabaseFile(preMigration.path)).toEqual({ schemaVersion: 8 })
    const { db } = await restoreDatabase(path, preMigration.path, 'restorer', current)
    expect(await schemaVersion(db)).toBe(migrations.length)
    expect(await checkDb(db)).toMatchObject({ ok: true, audit: { ok: true, chained: true } })
    await db.close()
  })

  it('restores a backup, keeping the database it replaces, and audits it', async () => {
    const ctx = await demo()
    const backup = await createBackup(ctx, 'manual')
    const before = await children(ctx)
    await ctx.db.prepare("INSERT INTO child (child_id, sex, dob) VALUES ('LATER1', '1', '2015-01-01')").run()
    const { db, replacedKeptAs } = await restoreDatabase(ctx.dbPath, backup.path, 'restorer', ctx.db)
    expect(ctx.db.open).toBe(false)
    expect(await db.prepare('SELECT COUNT(*) FROM child').pluck().get()).toBe(before)
    const kept = await openDb(replacedKeptAs!, { readonly: true })
    expect(await kept.prepare("SELECT COUNT(*) FROM child WHERE child_id = 'LATER1'").pluck().get()).toBe(1)
    await kept.close()
    const logged = (await db.prepare("SELECT who, after FROM audit_log WHERE action = 'backup.restore'").get()) as { who: string; after: string }
    expect(logged.who).toBe('restorer')
    expect(JSON.parse(logged.after)).toMatchObject({ what: `restored from ${backup.path}`, where: ctx.dbPath, replacedKeptAs })
    expect((await checkDb(db)).ok).toBe(true)
    await db.close()
  })

  it('refuses to restore a file that is not a database, another SQLite file, or a tampered backup, changing nothing', async () => {
    const ctx = await demo()
    const dir = tempDir()
    const text = join(dir, 'notes.db')
    writeFileSync(text, 'these are not the rows you are looking for\n'.repeat(200))
    await expect(verifyDatabaseFile(text)).rejects.toThrow(/not a Permanence Desk database/)
    const other = join(dir, 'other.db')
    const foreign = new Database(other)
    foreign.exec('CREATE TABLE t (x)')
    foreign.close()
    await expect(verifyDatabaseFile(other)).rejects.toThrow(/not a Permanence Desk one/)

    const backup = await createBackup(ctx, 'manual')
    const tampered = await openDb(backup.path)
    await tampered.exec('DROP TRIGGER audit_log_no_update')
    await tampered.prepare("UPDATE audit_log SET who = 'nobody' WHERE id = 1").run()
    await tampered.exec(defined(auditTriggers.audit_log_no_update, 'auditTriggers.audit_log_no_update'))
    await tampered.close()
    await expect(restoreDatabase(ctx.dbPath, backup.path, 'restorer', ctx.db)).rejects.toThrow(/tampered/)
    await expect(restoreDatabase(ctx.dbPath, text, 'restorer', ctx.db)).rejects.toThrow(/not a Permanence Desk database/)
    expect(ctx.db.open).toBe(true)
    expect(listBackups(ctx.dbPath).filter((b) => b.kind === 'before-restore')).toEqual([])
    expect((await checkDb(ctx.db)).ok).toBe(true)
  })
})

describe.skipIf(testEngine() === 'postgres')('restore in a running app', () => {
  it('is refused while a 903 import is running, changing nothing', async () => {
    const ctx = await demo()
    const backup = await createBackup(ctx, 'manual')
    const paths = write903(tempDir(), cohort903({ lookedAfter: 5 }))
    const importing = import903OffThread(ctx, [
      { name: 'Header.csv', path: paths.header },
      { name: 'Episodes.csv', path: paths.episodes }
    ])
    const refused = await dispatch(ctx, 'restoreBackup', { name: backup.name })
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('An import is running') } })
    await importing
    // The worker checkpoints the log after answering; the import runs until it has.
    await vi.waitFor(() => expect(importsRunning()).toBe(0), { timeout: 20_000, interval: 20 })
    expect(listBackups(ctx.dbPath).filter((b) => b.kind === 'before-restore')).toEqual([])
    expect(await dispatch(ctx, 'restoreBackup', { name: backup.name })).toMatchObject({ ok: true })
  })
})

describe('startup check and recovery', () => {
  it('opens a damaged database in recovery mode, answers only recovery calls, and restores in place', async () => {
    const dir = tempDir()
    const path = join(dir, 'permanence.db')
    const { ctx: first, demo: created, dailyBackup: none } = await startSession(path, 'cli', { user: 'tester', demoIfEmpty: true })
    expect(created).not.toBeNull()
    expect(await none).toBeNull()
    expect(first.recovery).toBeUndefined()
    const total = await children(first)
    await first.db.close()
    const { ctx: again, dailyBackup } = await startSession(path, 'cli', { user: 'tester' })
    expect(await dailyBackup).toMatchObject({ kind: 'daily' })
    const daily = firstOf(listBackups(path))
    expect(daily.kind).toBe('daily')
    await again.db.close()

    corruptPages(path)
    const { ctx } = await startSession(path, 'cli', { user: 'tester' })
    expect(ctx.recovery?.problems.length).toBeGreaterThan(0)
    const info = await dispatch(ctx, 'appInfo', {})
    expect(info).toMatchObject({ ok: true, value: { recovery: { problems: expect.any(Array) } } })
    expect(await dispatch(ctx, 'listChildren', {})).toMatchObject({ ok: false, error: { code: 'recovery' } })
    expect(await dispatch(ctx, 'restoreBackup', { name: 'permanence-nope.db' })).toMatchObject({ ok: false, error: { code: 'not_found' } })

    const restored = await dispatch(ctx, 'restoreBackup', { name: daily.name })
    expect(restored).toMatchObject({ ok: true, value: { restored: daily.name } })
    expect(ctx.recovery).toBeUndefined()
    expect(await children(ctx)).toBe(total)
    expect(await dispatch(ctx, 'listChildren', {})).toMatchObject({ ok: true })
    const kept = listBackups(path).find((b) => b.kind === 'before-restore')!
    expect(existsSync(kept.path)).toBe(true)
    expect((await checkDb(ctx.db)).ok).toBe(true)
    await ctx.db.close()
  })

  it('opens a file that is not a database at all in recovery mode instead of throwing', async () => {
    const path = join(tempDir(), 'permanence.db')
    writeFileSync(path, 'not sqlite')
    const { ctx } = await startSession(path, 'browser', { user: 'tester' })
    expect(ctx.recovery?.problems[0]).toMatch(/could not be opened/)
    await ctx.db.close()
  })
})
