/**
 * SQL fragments that differ between SQLite and PostgreSQL. Everything else is written
 * once, in SQL both engines run: dates are ISO text ('YYYY-MM-DD') on both, so
 * `substr(d, 1, 4)` is the year and text comparison orders dates; use
 * `SUM(CASE WHEN … THEN 1 ELSE 0 END)` rather than summing a comparison; quote
 * camelCase aliases (`AS "childId"`) because PostgreSQL folds unquoted names to lower case;
 * `INSERT … ON CONFLICT (…) DO NOTHING / DO UPDATE SET x = excluded.x` and
 * `RETURNING id` work on both.
 */
import type { Engine } from './store'

export interface Dialect {
  /** A date moved by an SQLite-style modifier: addInterval('c.dob', '+16 years'). ISO text out. */
  addInterval(dateExpr: string, modifier: string): string
  /** Whole days from `fromExpr` to `toExpr` (both ISO dates). */
  daysBetween(fromExpr: string, toExpr: string): string
  /** Concatenated values of a group, in `orderBy` order when given. */
  groupConcat(expr: string, separator: string, orderBy?: string): string
  /** A JSON object as text: jsonObject([['childId', 'c.child_id'], …]). */
  jsonObject(pairs: readonly (readonly [key: string, expr: string])[]): string
  /** A JSON array as text of the given values. */
  jsonArray(exprs: readonly string[]): string
  /** A JSON array as text of one value per row of the group, in `orderBy` order when given. */
  jsonGroupArray(expr: string, orderBy?: string): string
  /** The expression to ORDER BY for a case-insensitive order. */
  nocase(expr: string): string
  /** The case-insensitive LIKE operator. */
  readonly like: string
  /** A floating-point type for CAST. */
  readonly real: string
  /** Rounds a number to `places` decimal places. */
  round(expr: string, places: number): string
  /** Prefix naming the main schema's table (SQLite 'main.' where a temp table shadows it). */
  readonly main: string
  /** Prefix that makes `CREATE TABLE ${temp}x` a temporary table, seen only by this connection. */
  readonly temp: string
  /** A value as an SQL literal ('text', 12, NULL): distinct values give distinct text. */
  quote(expr: string): string
  /**
   * A SELECT of one text value that changes once anything is written and committed, by this
   * connection or another: what a cache of query results checks before it answers.
   */
  readonly dataVersion: string
}

const quote = (s: string): string => `'${s.replaceAll("'", "''")}'`

const modifierPattern = /^[+-]\d+ (day|days|month|months|year|years)$/

function checkModifier(modifier: string): string {
  // Modifiers are written in code, never taken from input; refuse anything else.
  if (!modifierPattern.test(modifier)) throw new Error(`Unsupported date modifier "${modifier}"`)
  return modifier
}

export const sqliteDialect: Dialect = {
  addInterval: (e, m) => `date(${e}, ${quote(checkModifier(m))})`,
  daysBetween: (a, b) => `CAST(julianday(${b}) - julianday(${a}) AS INTEGER)`,
  groupConcat: (e, sep, orderBy) => `group_concat(${e}, ${quote(sep)}${orderBy ? ` ORDER BY ${orderBy}` : ''})`,
  jsonObject: (pairs) => `json_object(${pairs.map(([k, e]) => `${quote(k)}, ${e}`).join(', ')})`,
  jsonArray: (exprs) => `json_array(${exprs.join(', ')})`,
  jsonGroupArray: (e, orderBy) => `json_group_array(${e}${orderBy ? ` ORDER BY ${orderBy}` : ''})`,
  nocase: (e) => `${e} COLLATE NOCASE`,
  like: 'LIKE',
  real: 'REAL',
  round: (e, places) => `round(${e}, ${places})`,
  main: 'main.',
  temp: 'temp.',
  quote: (e) => `quote(${e})`,
  // data_version moves with other connections' commits, total_changes() with this one's writes.
  dataVersion: "SELECT (SELECT data_version FROM pragma_data_version) || ':' || total_changes()"
}

export const postgresDialect: Dialect = {
  addInterval: (e, m) => `to_char(CAST(${e} AS date) + interval ${quote(checkModifier(m))}, 'YYYY-MM-DD')`,
  daysBetween: (a, b) => `(CAST(${b} AS date) - CAST(${a} AS date))`,
  groupConcat: (e, sep, orderBy) => `string_agg(CAST(${e} AS text), ${quote(sep)}${orderBy ? ` ORDER BY ${orderBy}` : ''})`,
  // json_build_* return json; the app reads JSON as text on both engines (see the pg type parsers).
  jsonObject: (pairs) => `json_build_object(${pairs.map(([k, e]) => `${quote(k)}, ${e}`).join(', ')})`,
  jsonArray: (exprs) => `json_build_array(${exprs.join(', ')})`,
  jsonGroupArray: (e, orderBy) => `COALESCE(json_agg(${e}${orderBy ? ` ORDER BY ${orderBy}` : ''}), '[]'::json)`,
  nocase: (e) => `lower(${e})`,
  like: 'ILIKE',
  real: 'DOUBLE PRECISION',
  round: (e, places) => `CAST(round(CAST(${e} AS numeric), ${places}) AS DOUBLE PRECISION)`,
  main: '',
  temp: 'pg_temp.',
  quote: (e) => `quote_nullable(${e})`,
  // The snapshot (oldest running, next and running transaction ids) moves as soon as a
  // transaction that writes starts or ends anywhere on the server: a cautious version.
  dataVersion: 'SELECT CAST(pg_current_snapshot() AS text)'
}

export const dialectFor = (engine: Engine): Dialect => (engine === 'sqlite' ? sqliteDialect : postgresDialect)
