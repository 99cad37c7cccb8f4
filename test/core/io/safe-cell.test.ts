import { describe, expect, it } from 'vitest'
import { safeCell, unescapeCell } from '../../../src/main/core/io/safe-cell'

describe('safeCell (the one formula-injection escaper for CSV and xlsx exports)', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['=1+1', "'=1+1"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-5', "'-5"],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rx', `'\rx`],
    ['\nx', `'\nx`],
    ['Plan agreed = yes', 'Plan agreed = yes'],
    ['Residential – external', 'Residential – external'],
    ['', '']
  ])('%j becomes %j and reads back as itself', (input, output) => {
    expect(safeCell(input)).toBe(output)
    expect(unescapeCell(safeCell(input))).toBe(input)
  })

  it('leaves numbers, dates and null alone', () => {
    expect(safeCell(-5)).toBe(-5)
    expect(safeCell(null)).toBeNull()
    const d = new Date()
    expect(safeCell(d)).toBe(d)
  })

  it("keeps a genuine leading apostrophe that does not guard a formula", () => {
    expect(unescapeCell("'tis")).toBe("'tis")
  })
})
