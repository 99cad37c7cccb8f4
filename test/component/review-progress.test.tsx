import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ProgressBar } from '../../src/renderer/src/pages/review/ProgressBar'

const said = (reviewed: number, total: number): string => {
  const { unmount } = render(<ProgressBar progress={{ reviewed, total }} label="Cycle" />)
  const text = screen.getByText(/reviewed/).textContent ?? ''
  unmount()
  return text
}

describe('review progress', () => {
  it('never rounds a started cycle down to 0%, nor an unfinished one up to 100%', () => {
    expect(said(0, 230)).toBe('0 of 230 reviewed (0%)')
    expect(said(1, 230)).toBe('1 of 230 reviewed (under 1%)')
    expect(said(115, 230)).toBe('115 of 230 reviewed (50%)')
    expect(said(229, 230)).toBe('229 of 230 reviewed (over 99%)')
    expect(said(230, 230)).toBe('230 of 230 reviewed (100%)')
    expect(said(0, 0)).toBe('0 of 0 reviewed (0%)')
  })

  it('writes a large cycle as a UK reader would', () => {
    expect(said(1204, 22941)).toBe('1,204 of 22,941 reviewed (5%)')
  })
})
