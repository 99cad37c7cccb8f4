import { describe, expect, it } from 'vitest'
import { bindValues, translateParams } from '../../../src/main/core/store/engine/pg-params'

const text = (sql: string): string => translateParams(sql).text

describe('translateParams', () => {
  it('numbers positional parameters in order', () => {
    const t = translateParams('SELECT * FROM child WHERE id = ? AND dob > ? LIMIT ?')
    expect(t.text).toBe('SELECT * FROM child WHERE id = $1 AND dob > $2 LIMIT $3')
    expect(t.positionalCount).toBe(3)
    expect(t.params).toEqual([
      { kind: 'positional', index: 0 },
      { kind: 'positional', index: 1 },
      { kind: 'positional', index: 2 }
    ])
  })

  it('gives a named parameter used twice one number, for both prefixes', () => {
    const t = translateParams('UPDATE x SET a = :a, b = @b WHERE a <> :a OR c = @c_1')
    expect(t.text).toBe('UPDATE x SET a = $1, b = $2 WHERE a <> $1 OR c = $3')
    expect(t.params).toEqual([
      { kind: 'named', name: 'a' },
      { kind: 'named', name: 'b' },
      { kind: 'named', name: 'c_1' }
    ])
  })

  it('leaves :: casts alone, including before a named parameter and after one', () => {
    expect(text("SELECT '1'::int, :v::text, CAST(? AS int)::bigint")).toBe("SELECT '1'::int, $1::text, CAST($2 AS int)::bigint")
    expect(text('SELECT x::numeric(10,2) FROM t')).toBe('SELECT x::numeric(10,2) FROM t')
  })

  it('skips string literals, with doubled quotes inside', () => {
    expect(text("SELECT 'what? :no @no', ? FROM t WHERE n = 'it''s ? :x' AND m = :m")).toBe(
      "SELECT 'what? :no @no', $1 FROM t WHERE n = 'it''s ? :x' AND m = $2"
    )
  })

  it('skips E-strings whose backslash escapes a quote', () => {
    expect(text("SELECT E'a\\' ? :x', ?")).toBe("SELECT E'a\\' ? :x', $1")
    // A plain string ending in a backslash is not an escape (standard_conforming_strings).
    expect(text("SELECT 'a\\', ?")).toBe("SELECT 'a\\', $1")
  })

  it('skips quoted identifiers', () => {
    expect(text('SELECT "odd?name", ":x" AS "childId" FROM t WHERE "a""?" = ?')).toBe('SELECT "odd?name", ":x" AS "childId" FROM t WHERE "a""?" = $1')
  })

  it('skips line and nested block comments', () => {
    expect(text('SELECT ? -- what about ? and :x\n, ?')).toBe('SELECT $1 -- what about ? and :x\n, $2')
    expect(text('SELECT /* ? /* :x */ still ? */ ?')).toBe('SELECT /* ? /* :x */ still ? */ $1')
  })

  it('skips dollar-quoted bodies but keeps $n as it is', () => {
    expect(text("DO $$ BEGIN x := '?'; END $$; SELECT ?")).toBe("DO $$ BEGIN x := '?'; END $$; SELECT $1")
    expect(text('SELECT $fn$ :a ? $fn$, :b')).toBe('SELECT $fn$ :a ? $fn$, $1')
  })

  it('does not read a time or a word with a colon as a parameter', () => {
    expect(text("SELECT '10:30', a.b FROM t WHERE x = :x")).toBe("SELECT '10:30', a.b FROM t WHERE x = $1")
    expect(text('SELECT 1 :: int')).toBe('SELECT 1 :: int')
  })

  it('runs to the end of an unterminated literal without looping', () => {
    expect(text("SELECT 'open ?")).toBe("SELECT 'open ?")
    expect(text('SELECT /* open ?')).toBe('SELECT /* open ?')
  })
})

describe('bindValues', () => {
  it('takes positional values from arguments, spreading arrays', () => {
    const t = translateParams('SELECT ?, ?, ?')
    expect(bindValues(t, [1, 'a', null])).toEqual([1, 'a', null])
    expect(bindValues(t, [[1, 2], 3])).toEqual([1, 2, 3])
  })

  it('takes named values from one object', () => {
    const t = translateParams('SELECT :a, @b, :a')
    expect(bindValues(t, [{ b: 2, a: 1 }])).toEqual([1, 2])
  })

  it('mixes positional and named values', () => {
    const t = translateParams('SELECT ?, :n, ?')
    expect(bindValues(t, [1, { n: 'n' }, 3])).toEqual([1, 'n', 3])
  })

  it('refuses a wrong number of positional values', () => {
    const t = translateParams('SELECT ?, ?')
    expect(() => bindValues(t, [1])).toThrow(/2 \? parameter\(s\) but 1/)
    expect(() => bindValues(t, [1, 2, 3])).toThrow(RangeError)
  })

  it('refuses a missing named value', () => {
    const t = translateParams('SELECT :a, :b')
    expect(() => bindValues(t, [{ a: 1 }])).toThrow('Missing named parameter "b"')
  })

  it('binds Buffers and Dates as values, not as named objects', () => {
    const buffer = Buffer.from('x')
    const date = new Date(0)
    expect(bindValues(translateParams('SELECT ?, ?'), [buffer, date])).toEqual([buffer, date])
  })
})
