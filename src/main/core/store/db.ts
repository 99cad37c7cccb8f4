import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrations as allMigrations } from './migrations'
import type { Migration } from './migrations/types'
import { audit } from './audit'
import { chainedFromVersion } from './audit-chain'
import { backupBeforeMigration } from './pre-migration-backup'
import { SqliteStore } from './engine/sqlite'
import { checkMigrationHistory } from './history-check'
import type { Store } from './engine/store'

/** The store every core function takes (either engine). */
export type Db = Store
type Connection = Database.Database

export interface OpenOptions {
  /** Open without writing anything: no migrations, no WAL switch. */
  readonly?: boolean
  /** For tests: migrate only up to this version. */
  targetVersion?: number
  migrations?: readonly Migration[]
  /** Recorded in the audit log for the backup taken before migrating (default: the app itself). */
  user?: string
}

/**
 * Each connection's page cache, in KiB. SQLite's default is 2 MiB, and a query over a
 * 100k-child file (about 650 MB) then rereads the same pages from the operating system
 * again and again: at that size 64 MiB halves the cost baseline's read of ended episodes
 * (68 to 36 ms) and takes a grid page from 6 to 4 ms. It is a ceiling, filled only as
 * pages are read, so a small database uses no more memory than before.
 */
export const pageCacheKb = 64 * 1024

/** Opens (creating if needed) the database at `path` and brings its schema up to date. */
export async function openDb(path: string, options: OpenOptions = {}): Promise<SqliteStore> {
  const migrations = options.migrations ?? allMigrations
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false })
  try {
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma(`cache_size = -${pageCacheKb}`)
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
    }
    const target = options.targetVersion ?? migrations.length
    const from = versionOf(db)
    // An existing database about to change shape is copied first, so a migration that goes
    // wrong (or a build that should not have run) can always be undone.
    const backup = !options.readonly && path !== ':memory:' && path !== '' && from > 0 && from < target ? backupBeforeMigration(db, path) : null
    migrate(db, migrations, target, options.readonly ?? false)
    const store = new SqliteStore(db, path)
    if (backup && versionOf(db) >= chainedFromVersion) {
      await audit(store, {
        who: options.user ?? 'Permanence Desk',
        action: 'backup.create',
        entity: 'database',
        after: { what: `backup before migrating from schema version ${from} to ${versionOf(db)}`, where: backup }
      })
    }
    return store
  } catch (error) {
    db.close()
    throw error
  }
}

/** The newest migration recorded in the database (0 for a new one). */
export async function schemaVersion(db: Db): Promise<number> {
  const exists =
    db.engine === 'sqlite'
      ? await db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get()
      : await db.prepare("SELECT to_regclass('schema_migration') IS NOT NULL AS present").pluck().get()
  if (!exists) return 0
  const row = (await db.prepare('SELECT MAX(version) AS v FROM schema_migration').get()) as { v: number | null }
  return row.v ?? 0
}

function versionOf(db: Connection): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get()
  if (!exists) return 0
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migration').get() as { v: number | null }
  return row.v ?? 0
}

/**
 * Applies pending migrations, each in its own transaction with its record, so a
 * crash leaves the database at the last complete version. Refuses a database whose
 * recorded history is not a prefix of ours (written by a newer or a different build).
 */
function migrate(db: Connection, migrations: readonly Migration[], target: number, readonly: boolean): void {
  if (!readonly) {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`)
  }
  const recorded =
    versionOf(db) === 0 ? [] : (db.prepare('SELECT version, name FROM schema_migration ORDER BY version').all() as { version: number; name: string }[])
  checkMigrationHistory(recorded, migrations)
  if (readonly) return
  const record = db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)')
  for (const migration of migrations.slice(recorded.length).filter((m) => m.version <= target)) {
    db.transaction(() => {
      migration.up(db)
      record.run(migration.version, migration.name, new Date().toISOString())
    })()
  }
}
