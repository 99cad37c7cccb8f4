/**
 * Results worked out from the database, kept while nothing is written to it. Any
 * committed write, from this connection or another (another user of a team database, the
 * CLI on the same file), moves the data version (SQLite's `data_version` and
 * `total_changes()`, PostgreSQL's current snapshot) and so empties the store; the next
 * ask works its result out again. Used for what is slow to work out and asked for again
 * unchanged: a paged grid's ordered keys, the forecast's history.
 */
import type { Db } from './db'

/** The results kept for one database at one data version, least recently used first. */
export class Kept<V> {
  private readonly results = new Map<string, Promise<V>>()

  constructor(private readonly size: number) {}

  /** The result kept for `key`, now the most recently used; undefined when there is none. */
  get(key: string): Promise<V> | undefined {
    const result = this.results.get(key)
    if (result) {
      this.results.delete(key)
      this.results.set(key, result)
    }
    return result
  }

  /** Keeps `result` for `key`, dropping the least recently used beyond the size; a result that fails is not kept. */
  keep(key: string, result: Promise<V>): Promise<V> {
    // The caller sees the failure; the next ask works it out again.
    void result.catch(() => this.results.get(key) === result && this.results.delete(key))
    this.results.delete(key)
    for (const oldest of this.results.keys()) if (this.results.size >= this.size) this.results.delete(oldest)
    this.results.set(key, result)
    return result
  }

  /** The kept result for `key`, or `work()`'s, kept. */
  async getOr(key: string, work: () => Promise<V>): Promise<V> {
    return await (this.get(key) ?? this.keep(key, work()))
  }
}

/** A store of results per database, emptied whenever its data version moves. */
export class KeptWhileUnchanged<V> {
  private readonly byDb = new WeakMap<Db, { version: string; kept: Kept<V> }>()

  constructor(private readonly size: number) {}

  /** The results kept for `db` at its data version now. Ask before working a result out: a write landing meanwhile leaves a version that no longer matches. */
  async now(db: Db): Promise<Kept<V>> {
    const version = String(await db.prepare(db.sql.dataVersion).pluck().get())
    let held = this.byDb.get(db)
    if (held?.version !== version) {
      held = { version, kept: new Kept<V>(this.size) }
      this.byDb.set(db, held)
    }
    return held.kept
  }
}
