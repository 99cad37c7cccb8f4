import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Tile } from '../../src/renderer/src/pages/tracker/Tile'
import type { TrackerFilter } from '../../src/renderer/src/pages/tracker/filters'

const agreed: TrackerFilter = { statuses: ['agreed'] }
const none: TrackerFilter = { statuses: ['none'] }

describe('filter tiles: selected is not the same as focused', () => {
  it('marks the pressed tile with a tick (hidden from screen readers, which hear "pressed"), and only that tile', () => {
    render(
      <div>
        <Tile name="agreed" label="Agreed" count={170} filter={agreed} current={agreed} onPick={() => {}} />
        <Tile name="none" label="None" count={264} filter={none} current={agreed} onPick={() => {}} />
      </div>
    )
    const pressed = screen.getByRole('button', { name: /Agreed/, pressed: true })
    const other = screen.getByRole('button', { name: /None/, pressed: false })
    const mark = pressed.querySelector('.pressed-mark')
    expect(mark?.textContent).toBe('✓')
    expect(mark?.getAttribute('aria-hidden')).toBe('true')
    expect(other.querySelector('.pressed-mark')).toBeNull()
    // Focus alone (the keyboard user's place) does not mark a tile as selected.
    other.focus()
    expect(document.activeElement).toBe(other)
    expect(other.querySelector('.pressed-mark')).toBeNull()
  })
})
