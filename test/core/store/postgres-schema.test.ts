import type Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb } from '../../../src/main/core/store/db'
import { migrations as sqliteMigrations } from '../../../src/main/core/store/migrations'
import { migratePostgres, postgresHistory, postgresMigrations, type MigrationStore, type PostgresSchema } from '../../../src/main/core/store/postgres-schema'
import { defined, firstOf } from '../../helpers/defined'

/*
 * A throwaway PostgreSQL 15 server for this file. initdb refuses root, so as root the
 * server runs as `nobody`. To be replaced by the shared test/helpers/postgres.ts.
 */
const bin = '/usr/lib/postgresql/15/bin'
const asRoot = process.getuid?.() === 0
const dir = mkdtempSync(join(tmpdir(), 'permanence-pg-'))
const data = join(dir, 'data')
let port = 0

function pgTool(tool: string, args: string[]): void {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'nobody', '--', join(bin, tool), ...args]] : [join(bin, tool), args]
  execFileSync(command, argv, { stdio: 'pipe' })
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

async function startPostgres(): Promise<void> {
  if (asRoot) chownSync(dir, 65534, 65534)
  pgTool('initdb', ['-D', data, '-U', 'postgres', '--locale=C', '-E', 'UTF8', '-A', 'trust'])
  port = await freePort()
  pgTool('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-k ${dir} -h 127.0.0.1 -p ${port} -F`, 'start'])
}

const clients: pg.Client[] = []
let databases = 0

/**
 * A new, empty database on the test server, with a connected client. Its default
 * collation is linguistic (ICU English, as a council's server might be), so the schema
 * must ask for byte order itself.
 */
async function freshDatabase(): Promise<pg.Client> {
  const name = `schema_test_${++databases}`
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C.UTF-8'`)
  await admin.end()
  return connect(name)
}

async function connect(database: string): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database })
  await client.connect()
  clients.push(client)
  return client
}

/** The few Store calls migrating uses, over one pg client (`?` numbered as PostgreSQL wants). */
function storeOver(client: pg.Client): MigrationStore {
  const numbered = (sql: string): string => {
    let n = 0
    return sql.replace(/\?/g, () => `$${++n}`)
  }
  return {
    exec: async (sql) => void (await client.query(sql)),
    prepare: <Row>(sql: string) => ({
      all: async (...params: readonly unknown[]) => (await client.query(numbered(sql), [...params])).rows as Row[],
      run: async (...params: readonly unknown[]) => ({ changes: (await client.query(numbered(sql), [...params])).rowCount ?? 0 })
    }),
    transaction:
      <Args extends unknown[], T>(fn: (...args: Args) => Promise<T> | T) =>
      async (...args: Args): Promise<T> => {
        await client.query('BEGIN')
        try {
          const result = await fn(...args)
          await client.query('COMMIT')
          return result
        } catch (error) {
          await client.query('ROLLBACK')
          throw error
        }
      }
  }
}

let sqlite: Database.Database
let postgres: pg.Client

beforeAll(async () => {
  await startPostgres()
  sqlite = (await openDb(':memory:')).connection
  postgres = await freshDatabase()
  await migratePostgres(storeOver(postgres))
}, 120_000)

afterAll(async () => {
  for (const client of clients) await client.end()
  sqlite?.close()
  if (port) pgTool('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop'])
  rmSync(dir, { recursive: true, force: true })
}, 60_000)

const history = async (client: pg.Client): Promise<{ version: number; name: string; applied_at: string }[]> =>
  (await client.query('SELECT version, name, applied_at FROM schema_migration ORDER BY version')).rows

const exists = async (client: pg.Client, table: string): Promise<boolean> =>
  (await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [table])).rows[0].present

describe('migrating PostgreSQL', () => {
  it('records versions 1 to 12 as the baseline, with the SQLite names, and the whole SQLite history', async () => {
    const recorded = (await history(postgres)).map(({ version, name }) => ({ version, name }))
    expect(recorded.slice(0, 12)).toEqual(postgresMigrations.baseline.versions)
    expect(postgresMigrations.baseline.versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(recorded).toEqual(sqlite.prepare('SELECT version, name FROM schema_migration ORDER BY version').all())
    expect(postgresHistory(postgresMigrations)).toEqual(sqliteMigrations.map(({ version, name }) => ({ version, name })))
  })

  it('changes nothing when run again', async () => {
    const objects = "SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace"
    const before = { history: await history(postgres), objects: (await postgres.query(objects)).rows }
    await migratePostgres(storeOver(postgres))
    expect({ history: await history(postgres), objects: (await postgres.query(objects)).rows }).toEqual(before)
  })

  it('lets two desks start at once: one migrates, the other finds it done', async () => {
    const first = await freshDatabase()
    const second = await connect(first.database!)
    await Promise.all([migratePostgres(storeOver(first)), migratePostgres(storeOver(second))])
    expect((await history(first)).map(({ version, name }) => ({ version, name }))).toEqual(postgresHistory(postgresMigrations))
  })

  it('refuses a database whose history differs, and leaves it unchanged', async () => {
    const cases: [rows: [number, string][], code: string, message: RegExp][] = [
      [
        [
          [1, 'initial'],
          [2, 'something_else']
        ],
        'bad_database',
        /does not match this app at version 2 \("something_else"\); the database was not changed/
      ],
      [
        [
          [1, 'initial'],
          [2, 'tracker_indexes']
        ],
        'bad_database',
        /does not match this app at version 2 \("tracker_indexes"\)/
      ],
      [[[2, 'tracker_indexes']], 'bad_database', /does not match this app at version 2 \("tracker_indexes"\)/],
      [
        [
          [1, 'initial'],
          [999, 'from_the_future']
        ],
        'newer_database',
        /schema version 999, written by a newer Permanence Desk \(this one knows up to \d+\)/
      ]
    ]
    for (const [rows, code, message] of cases) {
      const client = await freshDatabase()
      await client.query('CREATE TABLE schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)')
      for (const [version, name] of rows) await client.query('INSERT INTO schema_migration VALUES ($1, $2, $3)', [version, name, '2026-01-01'])
      for (const readonly of [true, false]) {
        const refusal = await migratePostgres(storeOver(client), postgresMigrations, { readonly }).catch((error: unknown) => error)
        expect(refusal).toMatchObject({ code, message: expect.stringMatching(message) })
      }
      expect(await exists(client, 'child')).toBe(false)
      expect((await history(client)).map((r) => [r.version, r.name])).toEqual(rows)
    }
  })

  const currentVersions = postgresHistory(postgresMigrations).length
  /** Our schema plus one more migration after the newest. */
  const withLater = (up: PostgresSchema['later'][number]['up']): PostgresSchema => ({
    ...postgresMigrations,
    later: [...postgresMigrations.later, { version: (postgresHistory(postgresMigrations).at(-1)?.version ?? 0) + 1, name: 'later_test', up }]
  })

  it('only checks, writing nothing, when read-only', async () => {
    const client = await freshDatabase()
    await migratePostgres(storeOver(client), postgresMigrations, { readonly: true })
    expect(await exists(client, 'schema_migration')).toBe(false)
    await migratePostgres(storeOver(client))
    await migratePostgres(
      storeOver(client),
      withLater(async (db) => db.exec('CREATE TABLE later_test (id integer)')),
      { readonly: true }
    )
    expect(await exists(client, 'later_test')).toBe(false)
    expect((await history(client)).length).toBe(currentVersions)
  })

  it('applies later migrations in order, each with its record, and keeps a failed one out', async () => {
    const client = await freshDatabase()
    const store = storeOver(client)
    await migratePostgres(store)
    const failing = withLater(async (db) => {
      await db.exec('CREATE TABLE later_test (id integer)')
      throw new Error('migration 13 failed')
    })
    await expect(migratePostgres(store, failing)).rejects.toThrow('migration 13 failed')
    expect(await exists(client, 'later_test')).toBe(false)
    expect((await history(client)).length).toBe(currentVersions)

    await migratePostgres(
      store,
      withLater(async (db) => db.exec('CREATE TABLE later_test (id integer)'))
    )
    expect(await exists(client, 'later_test')).toBe(true)
    expect((await history(client)).at(-1)).toMatchObject({ version: currentVersions + 1, name: 'later_test' })
  })
})

interface SqliteColumn {
  name: string
  type: string
  notnull: number
  dflt_value: string | null
  pk: number
}

const sqliteTables = (): string[] =>
  sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
const sqliteColumns = (table: string): SqliteColumn[] => sqlite.prepare('SELECT * FROM pragma_table_info(?) ORDER BY cid').all(table) as SqliteColumn[]
const primaryKey = (table: string): string[] =>
  sqliteColumns(table)
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name)

/** The SQLite type each PostgreSQL type stands for (values read back the same through each driver). */
const sqliteTypeFor: Record<string, string> = { integer: 'INTEGER', bigint: 'INTEGER', 'double precision': 'REAL', text: 'TEXT', bytea: 'BLOB' }

describe("the PostgreSQL schema matches SQLite's", () => {
  it('has every table, with the same columns in order, NOT NULL-ness, types and defaults', async () => {
    const { rows } = await postgres.query(
      `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default, c.collation_name
        FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`
    )
    const pgTables = [...new Set(rows.map((r) => r.table_name as string))].sort()
    expect(pgTables).toEqual(sqliteTables())
    for (const table of sqliteTables()) {
      const expected = sqliteColumns(table).map((c) => ({
        column: c.name,
        // STRICT tables and INTEGER PRIMARY KEY refuse NULL in key columns (checked below).
        notNull: c.notnull === 1 || c.pk > 0,
        type: c.type,
        collation: c.type === 'TEXT' ? 'C' : null,
        default: c.dflt_value
      }))
      const actual = rows
        .filter((r) => r.table_name === table)
        .map((r) => ({
          column: r.column_name,
          notNull: r.is_nullable === 'NO',
          type: sqliteTypeFor[r.data_type] ?? r.data_type,
          collation: r.collation_name,
          default: r.column_default?.replace(/::text$/, '') ?? null
        }))
      expect(actual, table).toEqual(expected)
    }
  })

  it('has every SQLite index (keys and uniqueness included) on the same columns, partial where SQLite is', async () => {
    const { rows } = await postgres.query(
      `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary, x.indpred IS NOT NULL AS partial,
              ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relnamespace = 'public'::regnamespace`
    )
    const pgIndexes = rows.map((r) => ({ table: r.table, name: r.name, unique: r.unique, partial: r.partial, columns: r.columns.join(',') }))
    let compared = 0
    for (const table of sqliteTables()) {
      const indexes = sqlite.prepare('SELECT name, "unique", origin, partial FROM pragma_index_list(?)').all(table) as {
        name: string
        unique: number
        origin: string
        partial: number
      }[]
      // A rowid table's INTEGER PRIMARY KEY is the rowid itself, not an index.
      const keys = primaryKey(table)
      if (!indexes.some((i) => i.origin === 'pk') && keys.length > 0) indexes.push({ name: '', unique: 1, origin: 'pk', partial: 0 })
      for (const index of indexes) {
        const columns = index.name ? (sqlite.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index.name) as string[]) : keys
        const wanted = { table, unique: index.unique === 1, partial: index.partial === 1, columns: columns.join(',') }
        const match = pgIndexes.filter((i) => i.table === table && i.unique === wanted.unique && i.partial === wanted.partial && i.columns === wanted.columns)
        expect(match.length, `${table} ${index.name || 'primary key'} (${wanted.columns})`).toBeGreaterThan(0)
        if (index.origin === 'c') expect(match.map((m) => m.name)).toContain(index.name)
        compared++
      }
    }
    expect(compared).toBeGreaterThan(40)
  })

  it('has every foreign key, with the same ON DELETE action', async () => {
    const actions: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' }
    const { rows } = await postgres.query(
      `SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS parent, c.confdeltype AS on_delete, c.confupdtype AS on_update,
              (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
              (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS parent_columns
         FROM pg_constraint c WHERE c.contype = 'f'`
    )
    const pgKeys = rows
      .map((r) => `${r.table}(${r.columns}) → ${r.parent}(${r.parent_columns}) ON DELETE ${actions[r.on_delete]} ON UPDATE ${actions[r.on_update]}`)
      .sort()
    const sqliteKeys = sqliteTables()
      .flatMap((table) =>
        (
          sqlite.prepare('SELECT * FROM pragma_foreign_key_list(?)').all(table) as {
            table: string
            from: string
            to: string
            on_delete: string
            on_update: string
          }[]
        ).map((k) => `${table}(${k.from}) → ${k.table}(${k.to}) ON DELETE ${k.on_delete} ON UPDATE ${k.on_update}`)
      )
      .sort()
    expect(sqliteKeys.length).toBeGreaterThan(20)
    expect(pgKeys).toEqual(sqliteKeys)
  })

  it('has every SQLite trigger, by name, on the same table, and the same views', async () => {
    const { rows } = await postgres.query('SELECT tgrelid::regclass::text AS table, tgname AS name FROM pg_trigger WHERE NOT tgisinternal')
    const pgTriggers = new Set(rows.map((r) => `${r.table}.${r.name}`))
    const sqliteTriggers = sqlite.prepare("SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]
    expect(sqliteTriggers.length).toBeGreaterThan(20)
    expect(sqliteTriggers.filter((t) => !pgTriggers.has(t))).toEqual([])

    const sqliteViews = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").pluck().all() as string[]
    const pgViews = (await postgres.query("SELECT table_name FROM information_schema.views WHERE table_schema = 'public' ORDER BY table_name")).rows.map(
      (r) => r.table_name
    )
    expect(pgViews).toEqual(sqliteViews)
  })

  it('holds the same seeded rows in every table', async () => {
    let seeded = 0
    for (const table of sqliteTables().filter((t) => t !== 'schema_migration')) {
      const order = primaryKey(table).join(', ')
      const expected = sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all()
      const actual = (await postgres.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows
      expect(actual, table).toEqual(expected)
      if (expected.length > 0) seeded++
    }
    expect(seeded).toBe(4)
  })
})

/** Rows every behaviour case builds on; ids are explicit so both engines agree on them. */
const fixture = `
  INSERT INTO child (child_id, dob, given_name, family_name) VALUES ('C1', '2012-05-01', 'Ada', 'Test'), ('C2', '2013-06-01', 'Ben', 'Test');
  INSERT INTO carer (id, name, kind) VALUES (1, 'Carer One', 'inhouse');
  INSERT INTO episode (id, child_id, decom, seq) VALUES (1, 'C1', '2019-01-01', 1);
  INSERT INTO panel_meeting (id, meeting_date, chair) VALUES (1, '2020-01-10', 'Chair');
  INSERT INTO panel_member (id, meeting_id, name, role) VALUES (1, 1, 'Member', 'fostering');
  INSERT INTO agenda_item (id, meeting_id, child_id, position) VALUES (1, 1, 'C1', 1), (2, 1, 'C2', 2);
  INSERT INTO decision (id, child_id, meeting_id, agenda_item_id, decision_date, outcome, locked, recorded_by, recorded_at)
    VALUES (1, 'C1', 1, 1, '2020-01-10', 'agreed', 1, 'tester', '2020-01-10T10:00:00Z'),
           (2, 'C2', NULL, NULL, '2020-01-10', 'agreed', 0, 'tester', '2020-01-10T10:00:00Z');
  INSERT INTO review_cycle (id, label, start_date, opened_by, opened_at) VALUES (1, 'Q1', '2020-01-01', 'tester', '2020-01-01');
  INSERT INTO oversight_entry (id, child_id, entry_date, manager, recorded_by, recorded_at) VALUES (1, 'C1', '2020-02-01', 'Manager', 'tester', '2020-02-01');
  DELETE FROM tracker_dirty;
`

/** A valid row for each table the CHECK cases probe, as column → SQL literal. */
const validRows: Record<string, Record<string, string>> = {
  child: { child_id: "'C9'", sex: '1' },
  episode: { child_id: "'C1'", decom: "'2019-01-01'", dec: "'2019-02-01'", seq: '2' },
  panel_meeting: { meeting_date: "'2020-01-01'", chair: "'Chair'", status: "'planned'" },
  decision: { child_id: "'C2'", decision_date: "'2020-01-01'", outcome: "'agreed'", source: "'app'", recorded_by: "'t'", recorded_at: "'t'" },
  oversight_entry: { child_id: "'C1'", entry_date: "'2020-01-01'", manager: "'M'", source: "'app'", recorded_by: "'t'", recorded_at: "'t'" },
  review_cycle: { label: "'Q9'", start_date: "'2020-01-01'", status: "'open'", opened_by: "'t'", opened_at: "'t'", cohort_definitions: '\'{"FCO":[]}\'' },
  unit_cost: { option_code: "'TEST'", label: "'Test'", weekly: '10.5', effective_from: "'2021-04-01'", source: "'s'", basis: "'per_child'", capacity: '2' },
  tracker_view: { name: "'v'", definition: '\'{"columns":[]}\'', created_by: "'t'", updated_at: "'t'" },
  carer: { name: "'C'", kind: "'ifa'" },
  import_batch: { kind: "'903'", file_name: "'f'", sha256: "'h'", imported_at: "'t'", imported_by: "'t'" },
  review_item: { cycle_id: '1', child_id: "'C2'", cohort: "'FCO'", snapshot: "'{}'", outcome: "'other'", legal_permanence_secure: '1' },
  decision_support: { decision_id: '2', support_plan: '1', training: '0', allowances: '0', contact: '0', delegated_authority: '0' },
  care_plan: { child_id: "'C1'", plan: "'adoption'", family_finding: "'searching'", updated_by: "'t'", updated_at: "'t'" },
  discharge_application: {
    child_id: "'C1'",
    status: "'applied'",
    planned_date: "'2020-01-01'",
    applied_date: "'2020-02-01'",
    decided_date: "'2020-03-01'",
    recorded_by: "'t'",
    recorded_at: "'t'"
  },
  tracker_span: {
    child_id: "'C1'",
    span_start: "'2019-01-01'",
    span_end: "'9999-12-31'",
    name: "'Ada Test'",
    episode_id: '1',
    ls_group: "'C2'",
    status: "'none'",
    legal_status_since: "'2019-01-01'",
    moves: '0',
    carers_key: "''",
    carers_changed: '0'
  },
  cost_option: { code: "'TEST'", label: "'Test'", kind: "'placement'", position: '150' },
  placement_mapping: { place: "'U1'", place_provider: "'PR9'", age_from: '0', age_to: '16', option_code: "'KINSHIP'" }
}

const insertRow = (table: string, changes: Record<string, string> = {}): string => {
  const row = { ...validRows[table], ...changes }
  return `INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).join(', ')})`
}

/** The enumerations SQLite's CHECKs list (`column IN (…)`), read from its own schema. */
function enumChecks(): { table: string; column: string; values: string[] }[] {
  const found: { table: string; column: string; values: string[] }[] = []
  for (const { name, sql } of sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[]) {
    for (const [, column, list] of sql.matchAll(/CHECK \((\w+) IN \(([^)]*)\)\)/g))
      found.push({ table: name, column: defined(column, 'column'), values: defined(list, 'list').split(/,\s*/) })
  }
  return found
}

interface Outcome {
  refused: string | null
  after: unknown[]
}

/**
 * Runs `statements` on both engines inside a transaction that is rolled back, and
 * reports whether the last one was refused (with the message of a trigger refusal)
 * and what `after` (a portable query) then reads.
 */
async function onBoth(statements: string[], after = 'SELECT 1 AS ok'): Promise<{ sqlite: Outcome; postgres: Outcome }> {
  const setup = statements.slice(0, -1)
  const probe = statements.at(-1)!
  const refusal = (error: unknown): string => {
    const message = (error as Error).message
    return /append-only|locked|cannot be removed/.test(message) ? message : 'refused'
  }
  sqlite.exec('BEGIN')
  let sqliteOutcome: Outcome
  try {
    sqlite.exec(fixture)
    for (const s of setup) sqlite.exec(s)
    let refused: string | null = null
    try {
      sqlite.exec(probe)
    } catch (error) {
      refused = refusal(error)
    }
    sqliteOutcome = { refused, after: sqlite.prepare(after).all() }
  } finally {
    sqlite.exec('ROLLBACK')
  }
  await postgres.query('BEGIN')
  let postgresOutcome: Outcome
  try {
    await postgres.query(fixture)
    for (const s of setup) await postgres.query(s)
    let refused: string | null = null
    await postgres.query('SAVEPOINT probe')
    try {
      await postgres.query(probe)
    } catch (error) {
      refused = refusal(error)
      await postgres.query('ROLLBACK TO SAVEPOINT probe')
    }
    postgresOutcome = { refused, after: (await postgres.query(after)).rows }
  } finally {
    await postgres.query('ROLLBACK')
  }
  return { sqlite: sqliteOutcome, postgres: postgresOutcome }
}

async function expectSame(statements: string[], after?: string): Promise<Outcome> {
  const { sqlite: expected, postgres: actual } = await onBoth(statements, after)
  expect(actual, statements.join('; ')).toEqual(expected)
  return expected
}

describe('constraints behave the same on both engines', () => {
  it('accepts the fixture and a valid row in every probed table', async () => {
    for (const table of Object.keys(validRows)) {
      const outcome = await expectSame([insertRow(table)])
      expect(outcome.refused, table).toBeNull()
    }
  })

  it('refuses a value outside each CHECK enumeration and accepts each listed one', async () => {
    const checks = enumChecks().filter((c) => validRows[c.table])
    expect(checks.length).toBeGreaterThan(20)
    for (const { table, column, values } of checks) {
      const bad = firstOf(values).startsWith("'") ? "'not_a_value'" : '7'
      expect((await expectSame([insertRow(table, { [column]: bad })])).refused, `${table}.${column} = ${bad}`).toBe('refused')
      for (const value of values) expect((await expectSame([insertRow(table, { [column]: value })])).refused, `${table}.${column} = ${value}`).toBeNull()
    }
  })

  it('agrees on the other CHECKs: date order, JSON, codes, lengths and ranges', async () => {
    const cases: [table: string, changes: Record<string, string>, refused: boolean][] = [
      ['episode', { dec: "'2018-12-31'" }, true],
      ['episode', { dec: "'2019-01-01'" }, false],
      ['episode', { decom: "'31/01/2019'", dec: 'NULL' }, false],
      ['discharge_application', { applied_date: "'2019-12-31'" }, true],
      ['discharge_application', { applied_date: 'NULL' }, true],
      ['discharge_application', { decided_date: "'2020-01-31'" }, true],
      ['tracker_span', { span_end: "'2019-01-01'" }, true],
      ['tracker_span', { span_end: "'2018-12-31'" }, true],
      ['tracker_view', { definition: "'{columns: []}'" }, true],
      ['tracker_view', { definition: "'not json'" }, true],
      ['tracker_view', { definition: "''" }, true],
      ['tracker_view', { definition: "'[1, 2'" }, true],
      ['tracker_view', { definition: '\' [1, "two", null] \'' }, false],
      ['review_cycle', { cohort_definitions: '\'{"FCO":\'' }, true],
      ['review_cycle', { cohort_definitions: 'NULL' }, false],
      ['cost_option', { code: "'ab'" }, true],
      ['cost_option', { code: "'A'" }, true],
      ['cost_option', { code: "'1A'" }, true],
      ['cost_option', { code: "'A_'" }, false],
      ['cost_option', { code: "'AB-c'" }, false],
      ['cost_option', { code: `'${'A'.repeat(41)}'` }, true],
      ['cost_option', { label: "''" }, true],
      ['cost_option', { label: `'${'x'.repeat(121)}'` }, true],
      ['cost_option', { label: `'${'é'.repeat(120)}'` }, false],
      ['unit_cost', { weekly: '-0.5' }, true],
      ['unit_cost', { capacity: '-1' }, true],
      ['unit_cost', { option_code: "'SGO'", effective_from: "'2019-04-01'" }, true],
      ['placement_mapping', { age_to: '0' }, true],
      ['placement_mapping', { age_from: '-1' }, true],
      ['placement_mapping', { place_provider: "'*'", age_to: '99' }, true],
      ['child', { child_id: 'NULL' }, true],
      ['child', { child_id: "'C1'" }, true],
      ['decision', { recorded_by: 'NULL' }, true]
    ]
    for (const [table, changes, refused] of cases) {
      const outcome = await expectSame([insertRow(table, changes)])
      expect(outcome.refused !== null, `${table} ${JSON.stringify(changes)}`).toBe(refused)
    }
    expect((await expectSame(["INSERT INTO audit_seal (id, last_id, last_hash, row_count) VALUES (2, 0, '', 0)"])).refused).toBe('refused')
    expect((await expectSame(["INSERT INTO setting (key, value) VALUES (NULL, 'x')"])).refused).toBe('refused')
  })

  it('agrees on foreign keys and what deleting a parent does', async () => {
    const counts = `SELECT (SELECT CAST(COUNT(*) AS INTEGER) FROM child) AS children, (SELECT CAST(COUNT(*) AS INTEGER) FROM placement_carer) AS links, (SELECT CAST(COUNT(*) AS INTEGER) FROM episode) AS episodes,
      (SELECT CAST(COUNT(*) AS INTEGER) FROM panel_meeting) AS meetings, (SELECT CAST(COUNT(*) AS INTEGER) FROM panel_member) AS members, (SELECT CAST(COUNT(*) AS INTEGER) FROM agenda_item) AS items,
      (SELECT CAST(COUNT(*) AS INTEGER) FROM care_plan) AS plans, (SELECT CAST(COUNT(*) AS INTEGER) FROM review_item) AS review_items`
    const cases: [statements: string[], refused: boolean][] = [
      [["INSERT INTO episode (child_id, decom, seq) VALUES ('NOBODY', '2019-01-01', 1)"], true],
      [[insertRow('episode', { carer_id: '99' })], true],
      [["DELETE FROM child WHERE child_id = 'C1'"], true],
      [['DELETE FROM decision WHERE id = 2', "DELETE FROM agenda_item WHERE child_id = 'C2'", "DELETE FROM child WHERE child_id = 'C2'"], false],
      [
        [
          insertRow('care_plan', { child_id: "'C2'" }),
          'DELETE FROM decision WHERE id = 2',
          'DELETE FROM agenda_item WHERE id = 2',
          "DELETE FROM child WHERE child_id = 'C2'"
        ],
        false
      ],
      [['DELETE FROM panel_meeting WHERE id = 1'], true],
      [
        [
          "INSERT INTO panel_meeting (id, meeting_date, chair) VALUES (2, '2020-02-10', 'Chair')",
          "INSERT INTO panel_member (meeting_id, name, role) VALUES (2, 'Member', 'fostering')",
          "INSERT INTO agenda_item (meeting_id, child_id, position) VALUES (2, 'C2', 1)",
          'DELETE FROM panel_meeting WHERE id = 2'
        ],
        false
      ],
      [[insertRow('review_item'), 'DELETE FROM review_cycle WHERE id = 1'], false],
      [['INSERT INTO decision_carer (decision_id, carer_id) VALUES (2, 99)'], true],
      [
        [
          "INSERT INTO placement_carer (child_id, placement_start, carer_id, linked_by, linked_at) VALUES ('C2', '2019-01-01', 1, 't', 't')",
          'DELETE FROM decision WHERE id = 2',
          'DELETE FROM agenda_item WHERE id = 2',
          "DELETE FROM child WHERE child_id = 'C2'"
        ],
        false
      ]
    ]
    for (const [statements, refused] of cases) {
      const outcome = await expectSame(statements, counts)
      expect(outcome.refused !== null, statements.join('; ')).toBe(refused)
    }
  })

  it('keeps the audit log append-only and sealed', async () => {
    const hash = (c: string): string => `'${c.repeat(64)}'`
    // Written as the login: PostgreSQL's audit log (migration 013) refuses any other "who".
    const row = (id: number, h: string): string => `INSERT INTO audit_log (id, at, who, action, entity, hash) VALUES (${id}, 't', 'postgres', 'a', 'e', ${h})`
    const seal = 'SELECT id, last_id, last_hash, row_count FROM audit_seal'
    const appendOnly = 'audit_log is append-only: rows are added at the end with their chain hash'
    const cases: [statements: string[], refused: string | null][] = [
      [[row(1, hash('a'))], null],
      [[row(1, hash('a')), row(2, hash('b'))], null],
      [[row(1, hash('a')), row(1, hash('b'))], appendOnly],
      [[row(2, hash('a')), row(1, hash('b'))], appendOnly],
      [[row(0, hash('a'))], appendOnly],
      [[row(1, 'NULL')], appendOnly],
      [[row(1, "'abc'")], appendOnly],
      [[row(1, hash('a')), "UPDATE audit_log SET who = 'x'"], 'audit_log is append-only'],
      [[row(1, hash('a')), 'DELETE FROM audit_log'], 'audit_log is append-only'],
      [['DELETE FROM audit_seal'], 'audit_seal cannot be removed']
    ]
    for (const [statements, refused] of cases) expect((await expectSame(statements, seal)).refused, statements.join('; ')).toBe(refused)
  })

  it('locks a signed decision and what it is about, but lets it be superseded', async () => {
    const locked = 'decision is signed off and locked; record an amendment instead'
    const read = 'SELECT id, reasons, superseded, locked FROM decision ORDER BY id'
    const cases: [statements: string[], refused: string | null][] = [
      [["UPDATE decision SET reasons = 'changed' WHERE id = 1"], locked],
      [['UPDATE decision SET locked = 0 WHERE id = 1'], locked],
      [['UPDATE decision SET superseded = 1 WHERE id = 1'], null],
      [['UPDATE decision SET superseded = 1, locked = 0 WHERE id = 1'], locked],
      [['UPDATE decision SET superseded = 1, reasons = NULL WHERE id = 1'], null],
      [["UPDATE decision SET superseded = 1, reasons = 'x' WHERE id = 1"], locked],
      [['DELETE FROM decision WHERE id = 1'], locked],
      [["UPDATE decision SET reasons = 'changed' WHERE id = 2"], null],
      [['INSERT INTO decision_carer (decision_id, carer_id) VALUES (1, 1)'], locked],
      [['INSERT INTO decision_carer (decision_id, carer_id) VALUES (2, 1)'], null],
      [
        ['INSERT INTO decision_carer (decision_id, carer_id) VALUES (2, 1)', 'UPDATE decision SET locked = 1 WHERE id = 2', 'DELETE FROM decision_carer'],
        locked
      ],
      [[insertRow('decision_support', { decision_id: '1' })], locked],
      [[insertRow('decision_support'), 'UPDATE decision SET locked = 1 WHERE id = 2', 'UPDATE decision_support SET training = 1'], locked],
      [[insertRow('decision_support'), 'DELETE FROM decision_support'], null]
    ]
    for (const [statements, refused] of cases) expect((await expectSame(statements, read)).refused, statements.join('; ')).toBe(refused)
  })

  it('marks the same children for the tracker to recompute', async () => {
    const dirty = 'SELECT child_id FROM tracker_dirty ORDER BY child_id'
    const cases: [statements: string[], marked: string[]][] = [
      [[insertRow('episode')], ['C1']],
      [["UPDATE episode SET rec = 'E11' WHERE id = 1"], ['C1']],
      [["UPDATE episode SET child_id = 'C2' WHERE id = 1"], ['C1', 'C2']],
      [['DELETE FROM episode WHERE id = 1'], ['C1']],
      [["UPDATE child SET given_name = 'Bea' WHERE child_id = 'C2'"], ['C2']],
      [["UPDATE child SET upn = 'X' WHERE child_id = 'C2'"], []],
      [[insertRow('child'), 'DELETE FROM tracker_dirty', "UPDATE child SET child_id = 'C8', dob = '2015-01-01' WHERE child_id = 'C9'"], ['C8']],
      [["UPDATE decision SET reasons = 'r' WHERE id = 2"], ['C2']],
      [["INSERT INTO oversight_entry (child_id, entry_date, manager, recorded_by, recorded_at) VALUES ('C2', '2020-03-01', 'M', 't', 't')"], ['C2']],
      [["INSERT INTO placement_carer (child_id, placement_start, carer_id, linked_by, linked_at) VALUES ('C2', '2019-01-01', 1, 't', 't')"], ['C2']],
      [['INSERT INTO decision_carer (decision_id, carer_id) VALUES (2, 1)'], ['C2']],
      [['INSERT INTO decision_carer (decision_id, carer_id) VALUES (2, 1)', 'DELETE FROM tracker_dirty', 'DELETE FROM decision_carer'], ['C2']],
      [[insertRow('episode'), insertRow('episode', { seq: '3' })], ['C1']]
    ]
    for (const [statements, marked] of cases) {
      const outcome = await expectSame(statements, dirty)
      expect(outcome.after, statements.join('; ')).toEqual(marked.map((child_id) => ({ child_id })))
    }
  })

  it('gives a new row the next id after explicit ones, and orders text by byte like SQLite', async () => {
    const ids = 'SELECT id FROM panel_meeting ORDER BY id'
    await expectSame(
      [
        "INSERT INTO panel_meeting (id, meeting_date, chair) VALUES (50, '2020-01-01', 'C')",
        "INSERT INTO panel_meeting (meeting_date, chair) VALUES ('2020-01-02', 'C')"
      ],
      ids
    )
    const order = await expectSame(
      ["INSERT INTO setting (key, value) VALUES ('b', '1'), ('B', '2'), ('_a', '3'), ('a', '4'), ('é', '5'), ('Z', '6')"],
      'SELECT key FROM setting ORDER BY key'
    )
    expect(order.after).toEqual(['B', 'Z', '_a', 'a', 'b', 'é'].map((key) => ({ key })))
    const linguistic = await postgres.query("SELECT key FROM (VALUES ('b'), ('B'), ('a')) AS k (key) ORDER BY key")
    expect(linguistic.rows.map((r) => r.key)).toEqual(['a', 'b', 'B'])
  })
})
