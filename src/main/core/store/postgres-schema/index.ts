import { AppError } from '../../errors'
import type { BindArgs, RunResult, Store } from '../engine/store'
import { migrations as sqliteMigrations } from '../migrations'
import { baselineSql } from './baseline'
import { checkMigrationHistory } from '../history-check'
import { commissioningViews } from './013_commissioning_views'
import { editVersions } from './014_edit_versions'
import { must } from '../../../../shared/must'

/** What migrating needs from a store; the PostgreSQL `Store` has it. */
export interface MigrationStore {
  exec(sql: string): Promise<void>
  prepare<Row = unknown>(sql: string): { all(...params: BindArgs): Promise<Row[]>; run(...params: BindArgs): Promise<RunResult> }
  transaction: Store['transaction']
}

/**
 * The store a migration's `up` is given. A `SELECT current_schema()` (no FROM) returns
 * exactly one row, which released migrations 013 and 014 destructure; they cannot change.
 */
export interface MigrationUpStore extends MigrationStore {
  prepare<Row = unknown>(
    sql: `SELECT current_schema() AS ${string}`
  ): { all(...params: BindArgs): Promise<[Row]>; run(...params: BindArgs): Promise<RunResult> }
  prepare<Row = unknown>(sql: string): { all(...params: BindArgs): Promise<Row[]>; run(...params: BindArgs): Promise<RunResult> }
}

/**
 * The PostgreSQL part of one migration from 13 on: same version and name as its SQLite
 * twin, so both engines record the same history.
 */
export interface PostgresMigration {
  version: number
  name: string
  up: (db: MigrationUpStore) => Promise<void>
}

/** One row of schema_migration. */
export type Recorded = { version: number; name: string }

export interface PostgresSchema {
  /** Versions the baseline script creates at once, recorded as one row each. */
  baseline: { versions: readonly Recorded[]; sql: string }
  /** Migrations after the baseline, in order. */
  later: readonly PostgresMigration[]
}

const baselineThrough = 12

export const postgresMigrations: PostgresSchema = {
  baseline: {
    versions: sqliteMigrations.filter((m) => m.version <= baselineThrough).map(({ version, name }) => ({ version, name })),
    sql: baselineSql
  },
  later: [commissioningViews, editVersions]
}

/** Every version and name in the order a database records them. */
export const postgresHistory = (schema: PostgresSchema): Recorded[] => [
  ...schema.baseline.versions,
  ...schema.later.map(({ version, name }) => ({ version, name }))
]

// Two desks starting against a new team database must not both migrate it.
const lockSql = "SELECT pg_advisory_xact_lock(hashtext('permanence.schema_migration'))"

const readHistory = (db: MigrationStore): Promise<Recorded[]> => db.prepare<Recorded>('SELECT version, name FROM schema_migration ORDER BY version').all()

/**
 * Brings a PostgreSQL database up to `schema`: the baseline in one transaction on a new
 * database, then each later migration in its own, each recorded with it. Every step holds
 * an advisory lock and rereads the history under it, so a desk that waited finds the work
 * done. Refuses, with SQLite's codes and messages, a history that is not a prefix of ours.
 * `readonly` only checks the history and writes nothing.
 */
export async function migratePostgres(db: MigrationStore, schema: PostgresSchema = postgresMigrations, options: { readonly?: boolean } = {}): Promise<void> {
  if (options.readonly) {
    const { present } = must(
      (await db.prepare<{ present: boolean }>("SELECT to_regclass('schema_migration') IS NOT NULL AS present").all())[0],
      'a SELECT without FROM returns one row'
    )
    if (present) checkHistory(await readHistory(db), schema)
    return
  }
  const baselineSize = schema.baseline.versions.length
  for (;;) {
    const done = await db.transaction(async () => {
      await db.exec(lockSql)
      await db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text COLLATE "C" NOT NULL, applied_at text COLLATE "C" NOT NULL)'
      )
      const recorded = await readHistory(db)
      checkHistory(recorded, schema)
      const record = db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)')
      const now = new Date().toISOString()
      if (recorded.length === 0) {
        await db.exec(schema.baseline.sql)
        for (const { version, name } of schema.baseline.versions) await record.run(version, name, now)
        return false
      }
      const next = schema.later[recorded.length - baselineSize]
      if (next === undefined) return true
      await next.up(db as MigrationUpStore)
      await record.run(next.version, next.name, now)
      return false
    })()
    if (done) return
  }
}

function checkHistory(recorded: readonly Recorded[], schema: PostgresSchema): void {
  checkMigrationHistory(recorded, postgresHistory(schema))
  // The baseline is recorded whole; part of it means some other tool wrote this history.
  const last = recorded.at(-1)
  if (last && recorded.length < schema.baseline.versions.length) {
    throw new AppError('bad_database', `Migration history does not match this app at version ${last.version} ("${last.name}"); the database was not changed.`)
  }
}
