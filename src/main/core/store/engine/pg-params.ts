/**
 * Turns better-sqlite3 style parameters (`?`, `:name`, `@name`) into PostgreSQL's
 * numbered `$1 … $n`, so one SQL text runs on both engines.
 *
 * Only SQL code is rewritten: string literals ('…', E'…', $tag$…$tag$), quoted
 * identifiers, comments and `::` casts pass through untouched. Because `?` is always a
 * parameter, PostgreSQL's jsonb `?` operators are not usable here (use `jsonb_exists`).
 */

/** Where each `$n` takes its value from: the n-th positional value or a named one. */
export type ParamSource = { kind: 'positional'; index: number } | { kind: 'named'; name: string }

export interface TranslatedSql {
  text: string
  /** Source of `$1`, `$2`, … in order. */
  params: readonly ParamSource[]
  /** How many `?` the SQL holds. */
  positionalCount: number
}

const identStart = /[A-Za-z_\u0080-\uffff]/
const identPart = /[A-Za-z0-9_$\u0080-\uffff]/
const dollarTag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/

export function translateParams(sql: string): TranslatedSql {
  const params: ParamSource[] = []
  const named = new Map<string, number>()
  let positionalCount = 0
  let out = ''
  let i = 0
  const n = sql.length

  /** Copies sql[i…end) to the output and moves past it. */
  const copyTo = (end: number): void => {
    out += sql.slice(i, end)
    i = end
  }

  while (i < n) {
    const c = sql.charAt(i)
    const next = sql[i + 1]
    if (c === "'") {
      // E'…' strings treat backslash as an escape; plain strings only double the quote.
      const escapes = (sql[i - 1] === 'E' || sql[i - 1] === 'e') && !identPart.test(sql[i - 2] ?? '')
      copyTo(endOfQuoted(sql, i, "'", escapes))
    } else if (c === '"') {
      copyTo(endOfQuoted(sql, i, '"', false))
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i)
      copyTo(end === -1 ? n : end + 1)
    } else if (c === '/' && next === '*') {
      copyTo(endOfBlockComment(sql, i))
    } else if (c === '$' && !identPart.test(sql[i - 1] ?? '')) {
      const tag = dollarTag.exec(sql.slice(i, i + 64))
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length)
        copyTo(close === -1 ? n : close + tag[0].length)
      } else copyTo(i + 1)
    } else if (c === ':' && next === ':') {
      copyTo(i + 2)
    } else if (c === '?') {
      params.push({ kind: 'positional', index: positionalCount++ })
      out += `$${params.length}`
      i++
    } else if ((c === ':' || c === '@') && next !== undefined && identStart.test(next)) {
      let end = i + 2
      while (end < n && /[A-Za-z0-9_\u0080-\uffff]/.test(sql.charAt(end))) end++
      const name = sql.slice(i + 1, end)
      let number = named.get(name)
      if (number === undefined) {
        params.push({ kind: 'named', name })
        number = params.length
        named.set(name, number)
      }
      out += `$${number}`
      i = end
    } else if (identPart.test(c)) {
      // Move over a whole word, so `a:b` inside e.g. an identifier run is not misread.
      let end = i + 1
      while (end < n && identPart.test(sql.charAt(end))) end++
      copyTo(end)
    } else {
      copyTo(i + 1)
    }
  }
  return { text: out, params, positionalCount }
}

/** Index just past the closing quote of a literal or identifier opened at `start`. */
function endOfQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1
  while (i < sql.length) {
    const c = sql[i]
    if (backslashEscapes && c === '\\') i += 2
    else if (c === quote) {
      if (sql[i + 1] === quote) i += 2
      else return i + 1
    } else i++
  }
  return sql.length
}

/** PostgreSQL block comments nest. */
function endOfBlockComment(sql: string, start: number): number {
  let depth = 0
  let i = start
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++
      i += 2
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--
      i += 2
      if (depth === 0) return i
    } else i++
  }
  return sql.length
}

/**
 * The values for `$1 … $n` from better-sqlite3 style arguments: positional values (arrays
 * are spread) and at most one plain object of named values, keys without their prefix.
 */
export function bindValues(translated: TranslatedSql, args: readonly unknown[]): unknown[] {
  const positional: unknown[] = []
  let namedValues: Record<string, unknown> | undefined
  for (const arg of args) {
    if (Array.isArray(arg)) positional.push(...arg)
    else if (isPlainObject(arg)) {
      if (namedValues) throw new TypeError('Named parameters must come in one object')
      namedValues = arg
    } else positional.push(arg)
  }
  if (positional.length !== translated.positionalCount) {
    throw new RangeError(`The SQL has ${translated.positionalCount} ? parameter(s) but ${positional.length} value(s) were given`)
  }
  return translated.params.map((source) => {
    if (source.kind === 'positional') return positional[source.index]
    if (!namedValues || !Object.hasOwn(namedValues, source.name)) throw new RangeError(`Missing named parameter "${source.name}"`)
    return namedValues[source.name]
  })
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}
