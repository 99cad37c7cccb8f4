import { describe, expect, it } from 'vitest'
import { parseTime, parseUkDate, ukDate, ukDateTime, ukMonth } from '../../../src/shared/days'

describe('UK date and time parsing', () => {
  it.each([
    ['31/03/2020', '2020-03-31'],
    ['1/4/2020', '2020-04-01'],
    [' 09.11.2026 ', '2026-11-09'],
    ['29-02-2024', '2024-02-29'],
    ['5 / 6 / 2021', '2021-06-05']
  ])('reads %s as %s', (text, iso) => expect(parseUkDate(text)).toBe(iso))

  it.each(['31/02/2020', '29/02/2023', '00/01/2020', '12/13/2020', '30/11/26', '2020-03-31', '11/30/2026', 'today', ''])('refuses %s', (text) => {
    expect(parseUkDate(text)).toBeNull()
  })

  it('round-trips through ukDate', () => expect(parseUkDate(ukDate('2031-01-07'))).toBe('2031-01-07'))

  it('writes a forecast month as MM/YYYY', () => expect(ukMonth('2020-04')).toBe('04/2020'))

  it.each([
    ['14:30', '14:30'],
    ['9:05', '09:05'],
    ['0930', '09:30'],
    ['23.59', '23:59'],
    ['00:00', '00:00']
  ])('reads the time %s as %s', (text, time) => expect(parseTime(text)).toBe(time))

  it.each(['24:00', '12:60', '2:30 PM', '930am', '1', ''])('refuses the time %s', (text) => expect(parseTime(text)).toBeNull())

  it('shows a timestamp as a 24-hour UK date and time', () => {
    const local = new Date(2020, 2, 31, 14, 5).toISOString()
    expect(ukDateTime(local)).toBe('31/03/2020 14:05')
    expect(ukDateTime(null)).toBe('')
  })
})
