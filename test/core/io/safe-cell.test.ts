import { describe, expect, it } from 'vitest'
import { formulaPrefixes, safeCell, unescapeCell } from '../../../src/main/core/io/safe-cell'

// The one table of formula-injection cases: every export escapes through safeCell, and the
// export tests (panel, tracker, review, import reports) check that their cells went through it.
const cases: [string, string][] = [
  ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
  ['=1+1', "'=1+1"],
  ['+44 20 7946 0000', "'+44 20 7946 0000"],
  ['-5', "'-5"],
  ['-2+3', "'-2+3"],
  ['@SUM(A1)', `'@SUM(A1)`],
  ['\t=1+1', `'\t=1+1`],
  ['\tcmd', `'\tcmd`],
  ['\rx', `'\rx`],
  ['\nx', `'\nx`],
  ['Plan agreed = yes', 'Plan agreed = yes'],
  ['a=b', 'a=b'],
  ['Residential – external', 'Residential – external'],
  ['', '']
]

describe('safeCell (the one formula-injection escaper for CSV and xlsx exports)', () => {
  it.each(cases)('%j becomes %j and reads back as itself', (input, output) => {
    expect(safeCell(input)).toBe(output)
    expect(unescapeCell(safeCell(input))).toBe(input)
  })

  it('escapes text starting with each formula prefix, and the cases cover every prefix', () => {
    expect([...formulaPrefixes].sort()).toEqual(['\t', '\n', '\r', '+', '-', '=', '@'].sort())
    for (const prefix of formulaPrefixes) {
      expect(safeCell(`${prefix}x`)).toBe(`'${prefix}x`)
      expect(cases.some(([input]) => input.startsWith(prefix))).toBe(true)
    }
  })

  it('leaves numbers, dates, booleans and null alone', () => {
    const date = new Date('2020-03-31T00:00:00Z')
    expect(safeCell(-5)).toBe(-5)
    expect(safeCell(date)).toBe(date)
    expect(safeCell(true)).toBe(true)
    expect(safeCell(null)).toBeNull()
  })

  it('keeps a genuine leading apostrophe that does not guard a formula', () => {
    expect(unescapeCell("'tis")).toBe("'tis")
  })
})
