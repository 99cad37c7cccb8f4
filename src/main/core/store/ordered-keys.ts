/**
 * The keys of a paged grid's query in the grid's order, kept while nothing is written.
 * A grid that jumps to row 50,000 then costs a slice of this list and a look-up of 100
 * rows by key, where LIMIT … OFFSET would have the database compute and sort every
 * matching row again and walk past 50,000 of them, on every block. Any committed write
 * drops the lists (kept-while-unchanged.ts); the next block lists again.
 */
import type { Db } from './db'
import { KeptWhileUnchanged } from './kept-while-unchanged'

/** Lists kept per database: a grid or two, each in a few sorts and filters. */
const lists = new KeptWhileUnchanged<string[]>(8)

/** How a paged query finds its keys: every one in order, or just the first few and the count. */
export interface KeyQueries {
  /** Every matching key, in the grid's order. */
  all: () => Promise<string[]>
  /** The first `limit` keys in that order, and how many match. */
  first: (limit: number) => Promise<{ keys: string[]; total: number }>
}

/**
 * The keys of rows offset … offset + limit of `query` (a text naming everything the list
 * depends on: the grid, its date, filters, search and sort), and how many match. A first
 * page not yet listed asks the database for the top rows alone (opening a grid never pays
 * for the whole list); any other page is a slice of the kept list, listed when missing.
 */
export async function pageKeys(
  db: Db,
  query: string,
  window: { offset: number; limit: number },
  queries: KeyQueries
): Promise<{ keys: string[]; total: number }> {
  const kept = await lists.now(db)
  let list = kept.get(query)
  if (!list) {
    if (window.offset === 0) return await queries.first(window.limit)
    list = kept.keep(query, queries.all())
  }
  const keys = await list
  return { keys: keys.slice(window.offset, window.offset + window.limit), total: keys.length }
}

/** The rows of one page in the order of its keys (rows looked up by key come back in any order). */
export function inKeyOrder<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]))
  return keys.flatMap((k) => {
    const row = byKey.get(k)
    return row === undefined ? [] : [row]
  })
}

/** `:k0, :k1, …` for an IN list of keys, with their parameters. */
export function keyList(keys: readonly string[]): { sql: string; params: Record<string, string> } {
  const params = Object.fromEntries(keys.map((k, i) => [`k${i}`, k]))
  return { sql: keys.length ? keys.map((_, i) => `:k${i}`).join(', ') : 'NULL', params }
}
