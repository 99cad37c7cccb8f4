import { describe, expect, it } from 'vitest'
import { countOf } from '../../../src/shared/plural'

describe('a count with its noun', () => {
  it('is singular for one only, and groups thousands', () => {
    expect(countOf(1, 'placement')).toBe('1 placement')
    expect(countOf(0, 'placement')).toBe('0 placements')
    expect(countOf(2, 'row')).toBe('2 rows')
    expect(countOf(1250, 'child', 'children')).toBe('1,250 children')
  })
})
