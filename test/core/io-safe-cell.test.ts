import { describe, expect, it } from 'vitest'
import { safeCell } from '../../src/main/core/io/safe-cell'

describe('safeCell', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
    ['+44 1234', `'+44 1234`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1', `'\r=1`],
    ['\n=1', `'\n=1`],
    ['Ordinary text', 'Ordinary text'],
    ['a=b', 'a=b'],
    ['', '']
  ])('%j becomes %j', (input, expected) => {
    expect(safeCell(input)).toBe(expected)
  })

  it('leaves numbers, dates, booleans and null alone', () => {
    const date = new Date('2020-03-31T00:00:00Z')
    expect(safeCell(-5)).toBe(-5)
    expect(safeCell(date)).toBe(date)
    expect(safeCell(true)).toBe(true)
    expect(safeCell(null)).toBeNull()
  })
})
