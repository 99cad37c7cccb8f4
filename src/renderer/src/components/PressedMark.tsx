import type { ReactNode } from 'react'

/**
 * The tick in the corner of a pressed filter tile (styles.css, .pressed-mark): with the tile's
 * filled background it tells the selected tile from the focused one, which has only the focus
 * ring. Hidden from screen readers, which hear "pressed" from the tile's aria-pressed.
 */
export function PressedMark({ pressed }: { pressed: boolean }): ReactNode {
  return pressed ? (
    <span className="pressed-mark" aria-hidden="true">
      ✓
    </span>
  ) : null
}
