import { AsyncLocalStorage } from 'node:async_hooks'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFromStdin } from 'pg-copy-streams'
import type { CustomTypesConfig, PoolClient, PoolConfig, QueryArrayConfig, QueryConfig, QueryResult } from 'pg'
import { parseIntoClientConfig } from 'pg-connection-string'
import { AppError } from '../../errors'
import { postgresDialect } from './dialect'
import { bindValues, translateParams, type TranslatedSql } from './pg-params'
import type { BindArgs, RunResult, Statement, Store } from './store'

/**
 * The team engine: PostgreSQL through a `pg` pool, behind the same async Store as SQLite.
 * Results look as better-sqlite3's do (see `sqliteLikeTypes`), so core code cannot tell
 * the engines apart except through `db.sql`.
 */

const asText = (value: string): string => value

/**
 * Values as better-sqlite3 hands them back: counts and sums as numbers (not int8 or
 * numeric strings), booleans as 1/0, JSON as text for the app to parse, dates and times
 * as the text they are stored as.
 */
const sqliteLikeParsers: Record<number, (value: string) => unknown> = {
  16: (value) => (value === 't' ? 1 : 0),
  20: Number,
  114: asText,
  1082: asText,
  1114: asText,
  1184: asText,
  1186: asText,
  1700: Number,
  3802: asText
}

/** Per-pool type parsers, so nothing else in the process that uses `pg` is affected. */
export const sqliteLikeTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    (format ?? 'text') === 'text' && sqliteLikeParsers[oid]
      ? sqliteLikeParsers[oid]
      : pg.types.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser']
}

/** PostgreSQL errors a user can act on, in the app's terms; anything else as it came. */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error
  const details = { sqlState: error.code, constraint: error.constraint, table: error.table }
  switch (error.code) {
    case '42501':
      return new AppError('forbidden', `Not permitted for your role: ${error.message}.`, details)
    case '23505': {
      const key = /^Key \((.*)\)=\((.*)\) already exists/.exec(error.detail ?? '')
      const same = key ? `the same ${key[1]}: ${key[2]}` : (error.constraint ?? 'the same key')
      return new AppError('conflict', `That would duplicate a record that already exists (${same}), so it was not saved.`, details)
    }
    case '40001':
    case '40P01':
      return new AppError('conflict', 'Someone else was changing the same records at the same moment, so this change was not saved. Please try again.', details)
    default:
      return error
  }
}

async function mapped<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    throw toAppError(error)
  }
}

type Shape = 'object' | 'array' | 'pluck'

/** Runs one query, rows as arrays when `arrayRows` (pluck, raw, run). */
function send(target: pg.Pool | PoolClient, config: QueryConfig, arrayRows: boolean): Promise<QueryResult> {
  const query = target.query.bind(target) as (config: QueryConfig | QueryArrayConfig) => Promise<QueryResult>
  return mapped(query(arrayRows ? { ...config, rowMode: 'array' } : config))
}

/** One transaction (or savepoint inside one) and the connection it runs on. */
interface TransactionScope {
  client: PoolClient
  depth: number
  /** Set once it has committed or rolled back: later statements in its context are bugs. */
  done: boolean
  /** Nested transactions of this scope run one after another (they share one connection). */
  savepoints: Promise<void>
}

const abortedMessage =
  'A statement in this transaction failed and its error was caught, so PostgreSQL rolled the whole transaction back. ' +
  'Run a statement that may fail in a nested db.transaction() to carry on after it.'

/** A value in COPY's text format: \\N for NULL, and the format's own escapes for backslash, tab and line ends. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value !== 'string') throw new TypeError(`COPY takes text, numbers and NULL, not ${typeof value}`)
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
}

/** Rows COPY's input is cut into (one write each to the connection). */
const copyChunkRows = 1000

function* copyLines(rows: Iterable<readonly unknown[]>): Generator<string> {
  let chunk = ''
  let n = 0
  for (const row of rows) {
    chunk += `${row.map(copyText).join('\t')}\n`
    if (++n === copyChunkRows) {
      yield chunk
      chunk = ''
      n = 0
    }
  }
  if (chunk) yield chunk
}

/** Rows a cursor fetches per round trip in iterate(). */
const cursorBatch = 500
/** SQL translations kept per store; dynamic SQL (IN lists) must not grow it without bound. */
const translationCacheSize = 2000

class PostgresStatement<Row> implements Statement<Row> {
  constructor(
    private readonly store: PostgresStore,
    private readonly sql: string,
    private readonly shape: Shape
  ) {}

  async get(...params: BindArgs): Promise<Row | undefined> {
    return (await this.all(...params))[0]
  }

  async all(...params: BindArgs): Promise<Row[]> {
    const result = await this.store.query(this.sql, params, this.shape !== 'object')
    return shapeRows<Row>(result.rows, this.shape)
  }

  async run(...params: BindArgs): Promise<RunResult> {
    const result = await this.store.query(this.sql, params, true)
    return { changes: result.rowCount ?? 0 }
  }

  iterate(...params: BindArgs): AsyncIterable<Row> {
    return this.store.cursor<Row>(this.sql, params, this.shape)
  }

  pluck<Value>(): Statement<Value> {
    return new PostgresStatement<Value>(this.store, this.sql, 'pluck')
  }

  raw<Values extends unknown[]>(): Statement<Values> {
    return new PostgresStatement<Values>(this.store, this.sql, 'array')
  }
}

function shapeRows<Row>(rows: unknown[], shape: Shape): Row[] {
  if (shape === 'pluck') return (rows as unknown[][]).map((row) => row[0]) as Row[]
  return rows as Row[]
}

export class PostgresStore implements Store {
  readonly engine = 'postgres' as const
  readonly sql = postgresDialect
  private readonly scope = new AsyncLocalStorage<TransactionScope>()
  private readonly translations = new Map<string, TranslatedSql>()
  private closed = false
  private cursors = 0

  constructor(
    /** The connection pool, for PostgreSQL-only work (migrations, role checks). */
    readonly pool: pg.Pool,
    readonly location: string
  ) {}

  get open(): boolean {
    return !this.closed
  }

  /** A login's rights are the server's; the store itself is never opened read-only. */
  readonly readonly = false

  get inTransaction(): boolean {
    const scope = this.scope.getStore()
    return scope !== undefined && !scope.done
  }

  prepare<Row>(sql: string): Statement<Row> {
    return new PostgresStatement<Row>(this, sql, 'object')
  }

  async exec(sql: string): Promise<void> {
    // No values: pg uses the simple query protocol, which runs several statements.
    await mapped(this.connection().query(sql))
  }

  transaction<Args extends unknown[], T>(fn: (...args: Args) => Promise<T> | T): (...args: Args) => Promise<T> {
    return async (...args: Args): Promise<T> => {
      const outer = this.scope.getStore()
      if (outer && !outer.done) return this.savepoint(outer, fn, args)
      const { client, release } = await this.lease()
      let rollbackFailed: Error | undefined
      const scope: TransactionScope = { client, depth: 0, done: false, savepoints: Promise.resolve() }
      try {
        await mapped(client.query('BEGIN'))
        const result = await this.scope.run(scope, () => fn(...args))
        scope.done = true
        const commit = await mapped(client.query('COMMIT'))
        // PostgreSQL answers COMMIT with ROLLBACK when a statement failed and fn caught
        // the error (SQLite would have kept the rest); never report that as saved.
        if (commit.command === 'ROLLBACK') throw new Error(abortedMessage)
        return result
      } catch (error) {
        scope.done = true
        await client.query('ROLLBACK').catch((rollbackError: Error) => void (rollbackFailed = rollbackError))
        throw error
      } finally {
        release(rollbackFailed)
      }
    }
  }

  private async savepoint<Args extends unknown[], T>(outer: TransactionScope, fn: (...args: Args) => Promise<T> | T, args: Args): Promise<T> {
    const previous = outer.savepoints
    let finished!: () => void
    outer.savepoints = new Promise<void>((resolve) => (finished = resolve))
    await previous
    const name = `sp${outer.depth + 1}`
    const scope: TransactionScope = { client: outer.client, depth: outer.depth + 1, done: false, savepoints: Promise.resolve() }
    try {
      await mapped(outer.client.query(`SAVEPOINT ${name}`))
      const result = await this.scope.run(scope, () => fn(...args))
      scope.done = true
      await mapped(outer.client.query(`RELEASE SAVEPOINT ${name}`))
      return result
    } catch (error) {
      scope.done = true
      // If this fails too the connection is gone, and the outer transaction reports it.
      await outer.client.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`).catch(() => undefined)
      throw error
    } finally {
      finished()
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.pool.end()
  }

  /** The transaction's connection when inside one, otherwise the pool. */
  private connection(): pg.Pool | PoolClient {
    return this.openScope()?.client ?? this.pool
  }

  /** The transaction the caller is in, if any; refuses a statement that outlived its transaction. */
  private openScope(): TransactionScope | undefined {
    const scope = this.scope.getStore()
    if (scope?.done) throw new Error('A statement ran after its transaction had ended (is an await missing?)')
    return scope
  }

  /**
   * A pool connection for work of its own. A connection lost between statements emits
   * 'error' on the client; without a listener that would end the process, so it is
   * watched, and on release a connection in an unknown state (lost, or `failure`) is
   * closed rather than handed to the next caller.
   */
  private async lease(): Promise<{ client: PoolClient; release: (failure?: Error) => void }> {
    const client = await mapped(this.pool.connect())
    let lost: Error | undefined
    const onError = (error: Error): void => void (lost = error)
    client.on('error', onError)
    return {
      client,
      release: (failure) => {
        client.off('error', onError)
        client.release(lost ?? failure)
      }
    }
  }

  private translate(sql: string): TranslatedSql {
    let translated = this.translations.get(sql)
    if (!translated) {
      translated = translateParams(sql)
      if (this.translations.size >= translationCacheSize) this.translations.delete(this.translations.keys().next().value as string)
      this.translations.set(sql, translated)
    }
    return translated
  }

  /** Runs one statement with better-sqlite3 style parameters. */
  query(sql: string, args: BindArgs, arrayRows: boolean): Promise<QueryResult> {
    const translated = this.translate(sql)
    return send(this.connection(), { text: translated.text, values: bindValues(translated, args) }, arrayRows)
  }

  /**
   * Loads rows into `table` with COPY … FROM STDIN: one stream instead of a statement per
   * few hundred rows, for bulk loads such as an import's staging tables. Runs on the
   * transaction's connection when inside one (a temporary table is only seen there).
   * `table` and `columns` are SQL written in code, never input. Returns the rows copied.
   */
  async copyFrom(table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number> {
    const outer = this.openScope()
    const leased = outer ? null : await this.lease()
    const client = outer?.client ?? leased!.client
    try {
      const copy = client.query(copyFromStdin(`COPY ${table} (${columns.join(', ')}) FROM STDIN`))
      await mapped(pipeline(Readable.from(copyLines(rows)), copy))
      return copy.rowCount
    } finally {
      leased?.release()
    }
  }

  /**
   * Rows in batches from a server-side cursor, so a whole table never sits in memory.
   * SQL cursors (DECLARE/FETCH) rather than a protocol-level one: the loop body can
   * keep using the same connection inside a transaction. Outside one, the cursor gets a
   * connection and a transaction of its own, and so reads one consistent snapshot.
   */
  async *cursor<Row>(sql: string, args: BindArgs, shape: Shape): AsyncGenerator<Row> {
    const translated = this.translate(sql)
    const values = bindValues(translated, args)
    const outer = this.openScope()
    const leased = outer ? null : await this.lease()
    const client = outer?.client ?? leased!.client
    const name = `permanence_cursor_${++this.cursors}`
    let declared = false
    try {
      if (!outer) await mapped(client.query('BEGIN'))
      await mapped(client.query({ text: `DECLARE ${name} NO SCROLL CURSOR FOR ${translated.text}`, values }))
      declared = true
      for (;;) {
        const batch = await send(client, { text: `FETCH ${cursorBatch} FROM ${name}` }, shape !== 'object')
        yield* shapeRows<Row>(batch.rows, shape)
        if (batch.rows.length < cursorBatch) break
      }
    } finally {
      if (outer) {
        // Leaves the transaction usable when the caller stops early; fails only if it is already aborted.
        if (declared && !outer.done) await client.query(`CLOSE ${name}`).catch(() => undefined)
      } else {
        let rollbackFailed: Error | undefined
        await client.query('ROLLBACK').catch((error: Error) => void (rollbackFailed = error))
        leased!.release(rollbackFailed)
      }
    }
  }
}

export interface PostgresOptions {
  /** Brings the schema up to date once connected (the PostgreSQL migrations). */
  migrate?: (store: PostgresStore) => Promise<void>
  /** The password, when it is kept out of the URL (e.g. in the OS keychain). */
  password?: string
  /** Most connections the pool opens (default 10). */
  maxConnections?: number
}

/**
 * pg settings for a `postgres://` URL: libpq's URL parameters as pg-connection-string
 * reads them (`sslmode=verify-full`, `sslrootcert=…`), plus the app's own.
 */
export function postgresConfig(url: string, options: PostgresOptions = {}): PoolConfig {
  const config: PoolConfig = {
    ...parseIntoClientConfig(url),
    // Named so a database administrator can tell the app's sessions apart.
    application_name: 'Permanence Desk',
    types: sqliteLikeTypes,
    max: options.maxConnections ?? 10
  }
  if (options.password !== undefined) config.password = options.password
  return config
}

/** The URL without its password, for messages and `store.location`. */
export function withoutPassword(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // Not repeated: the text may hold a password.
    throw new AppError('invalid_input', 'The PostgreSQL address is not a valid URL (postgresql://user@host:port/database).')
  }
  parsed.password = ''
  parsed.searchParams.delete('password')
  return parsed.toString()
}

/** Connects to the PostgreSQL database at `url` and checks the server answers. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const location = withoutPassword(url)
  const pool = new pg.Pool(postgresConfig(url, options))
  // An idle connection the server drops emits 'error' on the pool; the pool discards
  // it and opens another when needed, so there is nothing else to do.
  pool.on('error', () => undefined)
  const store = new PostgresStore(pool, location)
  try {
    await store.prepare('SELECT 1').get()
  } catch (error) {
    await store.close()
    if (error instanceof AppError) throw error
    throw new AppError('bad_database', `Could not connect to the PostgreSQL database at ${location}: ${(error as Error).message}`)
  }
  try {
    await options.migrate?.(store)
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}
