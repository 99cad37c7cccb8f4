import { describe, expect, it } from 'vitest'
import { duration } from '../../src/renderer/src/pages/review/labels'

describe('time on an order, as the review screen says it', () => {
  it('counts days under a month, one day in the singular, then years and months', () => {
    expect(duration(1)).toBe('1 day')
    expect(duration(20)).toBe('20 days')
    expect(duration(31)).toBe('1 month')
    expect(duration(366)).toBe('1 year')
    expect(duration(800)).toBe('2 years 2 months')
  })
})
