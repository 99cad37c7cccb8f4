import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../errors'
import { migrations as allMigrations } from './migrations'
import type { Migration } from './migrations/types'

export type Db = Database.Database

export interface OpenOptions {
  /** Open without writing anything: no migrations, no WAL switch. */
  readonly?: boolean
  /** For tests: migrate only up to this version. */
  targetVersion?: number
  migrations?: readonly Migration[]
}

/** Opens (creating if needed) the database at `path` and brings its schema up to date. */
export function openDb(path: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? allMigrations
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false })
  try {
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
    }
    migrate(db, migrations, options.targetVersion ?? migrations.at(-1)?.version ?? 0, options.readonly ?? false)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

export function schemaVersion(db: Db): number {
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
function migrate(db: Db, migrations: readonly Migration[], target: number, readonly: boolean): void {
  if (!readonly) {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`)
  }
  const recorded = schemaVersion(db) === 0 ? [] : (db.prepare('SELECT version, name FROM schema_migration ORDER BY version').all() as { version: number; name: string }[])
  const newest = recorded.at(-1)?.version ?? 0
  const latest = migrations.at(-1)?.version ?? 0
  if (newest > latest) {
    throw new AppError(
      'newer_database',
      `This database has schema version ${newest}, written by a newer Permanence Desk (this one knows up to ${latest}). Update the app; the database was not changed.`
    )
  }
  // By version, not position: numbers are reserved per branch, so a branch's history may have gaps until merged.
  for (const row of recorded) {
    const known = migrations.find((m) => m.version === row.version)
    if (!known || known.name !== row.name) {
      throw new AppError('bad_database', `Migration history does not match this app at version ${row.version} ("${row.name}"); the database was not changed.`)
    }
  }
  if (readonly) return
  const applied = new Set(recorded.map((r) => r.version))
  const record = db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)')
  for (const migration of migrations.filter((m) => !applied.has(m.version) && m.version <= target)) {
    db.transaction(() => {
      migration.up(db)
      record.run(migration.version, migration.name, new Date().toISOString())
    })()
  }
}
