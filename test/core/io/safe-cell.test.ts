import { describe, expect, it } from 'vitest'
import { safeCell, unescapeCell } from '../../../src/main/core/io/safe-cell'

// The one table of formula-injection cases; the exports' own tests check that they use safeCell.
describe('safeCell (the one formula-injection escaper for CSV and xlsx exports)', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
    ['=1+1', "'=1+1"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-5', "'-5"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\t=1+1', `'\t=1+1`],
    ['\rx', `'\rx`],
    ['\nx', `'\nx`],
    ['Plan agreed = yes', 'Plan agreed = yes'],
    ['a=b', 'a=b'],
    ['Residential – external', 'Residential – external'],
    ['', '']
  ])('%j becomes %j and reads back as itself', (input, output) => {
    expect(safeCell(input)).toBe(output)
    expect(unescapeCell(safeCell(input))).toBe(input)
  })

  it('leaves numbers, dates, booleans and null alone', () => {
    const d = new Date('2020-03-31T00:00:00Z')
    expect(safeCell(-5)).toBe(-5)
    expect(safeCell(d)).toBe(d)
    expect(safeCell(true)).toBe(true)
    expect(safeCell(null)).toBeNull()
  })

  it("keeps a genuine leading apostrophe that does not guard a formula", () => {
    expect(unescapeCell("'tis")).toBe("'tis")
  })
})
