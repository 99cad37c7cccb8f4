import Database from 'better-sqlite3'
import { copyFileSync, existsSync, rmSync } from 'node:fs'
import { basename } from 'node:path'
import type { BackupFile, BackupKind } from '../../../shared/contract/backup'
import type { Context } from '../context'
import { AppError, invalidInput } from '../errors'
import { writeFileAtomically } from '../io/atomic-write'
import { audit, auditChange } from '../store/audit'
import { verifyAuditChain } from '../store/audit-chain'
import { openDb, schemaVersion, type Db } from '../store/db'
import { sqliteConnection } from '../store/engine/sqlite'
import { listBackups, newBackupPath, rotateBackups } from './files'

/**
 * Copies the open database with SQLite's online backup (consistent while the app keeps
 * working), through a temporary name, then keeps the newest of its kind and records who
 * made it and where in the audit log.
 */
export async function createBackup(
  ctx: Pick<Context, 'db' | 'dbPath' | 'user' | 'clock'>,
  kind: BackupKind,
  target = newBackupPath(ctx.dbPath, kind, ctx.clock.now())
): Promise<BackupFile> {
  await writeFileAtomically(target, async (partial) => {
    // Backups of a team (PostgreSQL) database are the server's, made by its administrators.
    await sqliteConnection(ctx.db, 'Backups from the app').backup(partial)
  })
  rotateBackups(ctx.dbPath, kind)
  await auditChange(ctx, { action: 'backup.create', entity: 'database', after: { what: `${kind} backup`, where: target } })
  return listBackups(ctx.dbPath).find((b) => b.path === target) ?? { name: basename(target), path: target, kind, createdAt: ctx.clock.timestamp(), bytes: 0 }
}

/** Today's backup, unless one was already taken today (UTC date), on the first start of the day. */
export async function ensureDailyBackup(ctx: Pick<Context, 'db' | 'dbPath' | 'user' | 'clock'>): Promise<BackupFile | null> {
  if (ctx.db.engine !== 'sqlite') return null // the team database is backed up by its server
  const now = ctx.clock.now()
  const today = now.toISOString().slice(0, 10)
  if (listBackups(ctx.dbPath).some((b) => b.kind === 'daily' && b.createdAt.slice(0, 10) === today)) return null
  return await createBackup(ctx, 'daily', newBackupPath(ctx.dbPath, 'daily', now))
}

export interface Health {
  ok: boolean
  problems: string[]
}

/** The startup check: SQLite's quick_check (every page readable, indexes sound) and the audit chain. */
export async function checkHealth(db: Db): Promise<Health> {
  // PostgreSQL checks its own pages; SQLite's quick_check finds a damaged file.
  const quick =
    db.engine === 'sqlite' ? (sqliteConnection(db, 'quick_check').pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check) : ['ok']
  const problems = quick.length === 1 && quick[0] === 'ok' ? [] : quick.slice(0, 10).map((p) => `SQLite found damage: ${p}`)
  // On the team database a login that may not read the whole log (a commissioner) leaves
  // the chain to those who can; `check` run by an administrator verifies it.
  const mayReadLog = db.engine === 'sqlite' || (await db.prepare("SELECT has_table_privilege('audit_log', 'SELECT')").pluck().get()) === 1
  const audited = mayReadLog ? await verifyAuditChain(db, await schemaVersion(db)) : { ok: true, problems: [] }
  return { ok: problems.length === 0 && audited.ok, problems: [...problems, ...audited.problems] }
}

/**
 * Refuses anything but an intact Permanence Desk database: a SQLite file, with this app's
 * migration history (not newer), passing quick_check, with an unbroken audit chain.
 */
export async function verifyDatabaseFile(path: string): Promise<{ schemaVersion: number }> {
  if (!existsSync(path)) throw invalidInput(`${path}: no such file`)
  let db: Database.Database
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    await db.prepare('SELECT COUNT(*) FROM sqlite_master').get()
  } catch (error) {
    throw invalidInput(`${path} is not a Permanence Desk database (${error instanceof Error ? error.message : String(error)}); nothing was changed.`)
  }
  try {
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[])
    if (!tables.has('schema_migration') || !tables.has('audit_log') || !tables.has('child')) {
      throw invalidInput(`${path} is a SQLite database but not a Permanence Desk one; nothing was changed.`)
    }
  } finally {
    db.close()
  }
  let checked: Db
  try {
    checked = await openDb(path, { readonly: true })
  } catch (error) {
    if (error instanceof AppError) throw invalidInput(`${path}: ${error.message}`)
    throw error
  }
  try {
    const health = await checkHealth(checked)
    if (!health.ok)
      throw invalidInput(`${path} is damaged or its audit log was tampered with, so it was not restored: ${health.problems.slice(0, 3).join(' ')}`)
    return { schemaVersion: await schemaVersion(checked) }
  } finally {
    await checked.close()
  }
}

/** A copy of a database that may not open: its bytes as they are (for the kept copy of a damaged one). */
async function copyRaw(dbPath: string, target: string): Promise<void> {
  // Its WAL goes too, named so that SQLite finds it when the copy is opened.
  if (existsSync(`${dbPath}-wal`)) await writeFileAtomically(`${target}-wal`, (partial) => copyFileSync(`${dbPath}-wal`, partial))
  await writeFileAtomically(target, (partial) => copyFileSync(dbPath, partial))
}

/**
 * Replaces the database at `dbPath` with the backup at `source` after verifying it.
 * The database it replaces is kept as a 'before-restore' backup first (online backup
 * when it is open and healthy, its raw bytes otherwise). `current` is closed; the
 * returned connection is the restored database, migrated, with the restore audited.
 */
export async function restoreDatabase(dbPath: string, source: string, who: string, current: Db | null): Promise<{ db: Db; replacedKeptAs: string | null }> {
  await verifyDatabaseFile(source)
  let replacedKeptAs: string | null = null
  if (existsSync(dbPath)) {
    replacedKeptAs = newBackupPath(dbPath, 'before-restore')
    try {
      if (!current?.open) throw new Error('not open')
      await writeFileAtomically(replacedKeptAs, async (partial) => {
        await sqliteConnection(current, 'Restore').backup(partial)
      })
    } catch {
      if (current?.open) await current.close()
      await copyRaw(dbPath, replacedKeptAs)
    }
  }
  if (current?.open) await current.close()
  // The old WAL belongs to the old file: left beside the new one it would be replayed into it.
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true })
  await writeFileAtomically(dbPath, (partial) => copyFileSync(source, partial))
  const db = await openDb(dbPath, { user: who })
  await audit(db, { who, action: 'backup.restore', entity: 'database', after: { what: `restored from ${source}`, where: dbPath, replacedKeptAs } })
  rotateBackups(dbPath, 'before-restore')
  return { db, replacedKeptAs }
}
