/**
 * The one async store the core talks to. Two engines implement it: embedded SQLite
 * (better-sqlite3, run inside the database worker) and PostgreSQL (a `pg` pool).
 *
 * The shape follows better-sqlite3 so queries read the same on both engines:
 * `await db.prepare(sql).get(a, b)`, `.all({ named })`, `.pluck()`, `.raw()`.
 * SQL uses `?` or `:name` parameters; the PostgreSQL engine numbers them.
 * Portable SQL only: where the engines differ (date arithmetic, string and JSON
 * aggregates, case-insensitive order), build the fragment with `db.sql` (see dialect.ts).
 */
import type { Dialect } from './dialect'

export type Engine = 'sqlite' | 'postgres'

/** Positional values (`?`) or one object of named values (`:name`, `@name`). */
export type BindArgs = readonly unknown[]

export interface RunResult {
  /** Rows inserted, updated or deleted. For new ids use `INSERT … RETURNING id`. */
  changes: number
}

export interface Statement<Row = unknown> {
  get(...params: BindArgs): Promise<Row | undefined>
  all(...params: BindArgs): Promise<Row[]>
  run(...params: BindArgs): Promise<RunResult>
  /** Rows one at a time, for exports and checks over whole tables. */
  iterate(...params: BindArgs): AsyncIterable<Row>
  /** Only the first column of each row. */
  pluck<Value = unknown>(): Statement<Value>
  /** Rows as arrays of column values. */
  raw<Values extends unknown[] = unknown[]>(): Statement<Values>
}

export interface Store {
  readonly engine: Engine
  /** SQL fragments that differ between the engines. */
  readonly sql: Dialect
  /** Opened read-only (SQLite only; a PostgreSQL login's rights are the server's). */
  readonly readonly: boolean
  /** Whether the store is still open (false after close()). */
  readonly open: boolean
  /** Where it lives: a file path (SQLite) or a URL without its password (PostgreSQL). */
  readonly location: string
  prepare<Row = unknown>(sql: string): Statement<Row>
  /** Runs SQL without parameters (may hold several statements). */
  exec(sql: string): Promise<void>
  /**
   * Wraps `fn` in a transaction: committed when it resolves, rolled back when it throws.
   * Every statement `fn` runs through this store (directly or in functions it calls)
   * joins the transaction; a nested call is a savepoint. Same shape as better-sqlite3:
   * `await db.transaction(async () => { … })()`.
   */
  transaction<Args extends unknown[], T>(fn: (...args: Args) => Promise<T> | T): (...args: Args) => Promise<T>
  /** Whether the caller is inside transaction(). */
  readonly inTransaction: boolean
  close(): Promise<void>
}
