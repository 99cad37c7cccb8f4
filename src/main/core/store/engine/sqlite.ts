import type Database from 'better-sqlite3'
import { sqliteDialect } from './dialect'
import type { BindArgs, RunResult, Statement, Store } from './store'

/**
 * The embedded engine: better-sqlite3 behind the async Store. better-sqlite3 is
 * synchronous, so this runs where SQL belongs — the database worker, the CLI and tests —
 * never on a window's thread.
 *
 * Results are settled promises; a statement has run by the time its method returns, so
 * statements keep their order even when a caller forgets to await.
 */
class SqliteStatement<Row> implements Statement<Row> {
  constructor(private readonly statement: Database.Statement) {}

  get(...params: BindArgs): Promise<Row | undefined> {
    return settle(() => this.statement.get(...params) as Row | undefined)
  }

  all(...params: BindArgs): Promise<Row[]> {
    return settle(() => this.statement.all(...params) as Row[])
  }

  run(...params: BindArgs): Promise<RunResult> {
    return settle(() => ({ changes: this.statement.run(...params).changes }))
  }

  async *iterate(...params: BindArgs): AsyncIterable<Row> {
    yield* this.statement.iterate(...params) as IterableIterator<Row>
  }

  pluck<Value>(): Statement<Value> {
    return new SqliteStatement<Value>(this.statement.pluck())
  }

  raw<Values extends unknown[]>(): Statement<Values> {
    return new SqliteStatement<Values>(this.statement.raw())
  }
}

/** Runs `work` now and hands back its result (or error) as a settled promise. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work())
  } catch (error) {
    return Promise.reject(error)
  }
}

export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const
  readonly sql = sqliteDialect
  private savepoints = 0

  constructor(
    /** The raw connection, for SQLite-only work: migrations, pragmas, backups. */
    readonly connection: Database.Database,
    readonly location: string
  ) {}

  get readonly(): boolean {
    return this.connection.readonly
  }

  get open(): boolean {
    return this.connection.open
  }

  get inTransaction(): boolean {
    return this.connection.inTransaction
  }

  prepare<Row>(sql: string): Statement<Row> {
    return new SqliteStatement<Row>(this.connection.prepare(sql))
  }

  exec(sql: string): Promise<void> {
    return settle(() => void this.connection.exec(sql))
  }

  transaction<Args extends unknown[], T>(fn: (...args: Args) => Promise<T> | T): (...args: Args) => Promise<T> {
    return async (...args: Args): Promise<T> => {
      const db = this.connection
      // Outermost: BEGIN IMMEDIATE takes the write lock up front, so a transaction that
      // reads then writes never fails half-way because another connection wrote first.
      const nested = db.inTransaction
      const name = `sp${++this.savepoints}`
      db.exec(nested ? `SAVEPOINT ${name}` : 'BEGIN IMMEDIATE')
      try {
        const value = await fn(...args)
        db.exec(nested ? `RELEASE ${name}` : 'COMMIT')
        return value
      } catch (error) {
        // Also after a failed COMMIT (a deferred constraint), which leaves the transaction open.
        if (db.inTransaction) db.exec(nested ? `ROLLBACK TO ${name}; RELEASE ${name}` : 'ROLLBACK')
        throw error
      } finally {
        this.savepoints--
      }
    }
  }

  close(): Promise<void> {
    return settle(() => void this.connection.close())
  }
}

/** The raw SQLite connection behind a store, for work that exists only on SQLite. */
export function sqliteConnection(store: Store, what: string): Database.Database {
  if (store instanceof SqliteStore) return store.connection
  throw new Error(`${what} works on the embedded SQLite database only`)
}
