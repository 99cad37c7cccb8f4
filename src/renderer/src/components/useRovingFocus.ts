import { useState, type FocusEvent, type KeyboardEvent } from 'react'

/** Marks a control the arrow keys move to, with its row and its place in the row. */
const rowAttribute = 'data-roving-row'
const columnAttribute = 'data-roving-column'

interface Roving {
  /** For the list around the controls: the arrow keys, and where the focus is inside it. */
  container: {
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => void
    onFocus: (e: FocusEvent<HTMLElement>) => void
    onBlur: (e: FocusEvent<HTMLElement>) => void
  }
  /** For each control: only one of them is a Tab stop. */
  item: (key: string, row: number, column?: number) => { tabIndex: 0 | -1; [rowAttribute]: number; [columnAttribute]: number; 'data-roving-key': string }
}

/**
 * A list that is one Tab stop (the roving tabindex of the ARIA practices), not one per entry
 * and control: Tab reaches it at `home` (the chosen entry) or the first, and leaves it; ↑ ↓
 * move between rows, ← → between a row's controls, Home and End to the first and last row.
 * While the focus is inside, Tab leaves from, and comes back to, where the user is; once it
 * has left, the list starts at `home` again. A control focused by a click or by the page (the
 * next suggestion after an add) counts as where the user is.
 */
export function useRovingFocus(keys: readonly string[], home: string | null): Roving {
  const [inside, setInside] = useState<string | null>(null)
  const stop = inside !== null && keys.includes(inside) ? inside : home !== null && keys.includes(home) ? home : keys[0]

  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return
    const from = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>(`[${rowAttribute}]`) : null
    if (!from) return
    const controls = [...e.currentTarget.querySelectorAll<HTMLElement>(`[${rowAttribute}]`)]
    const row = Number(from.getAttribute(rowAttribute))
    const column = Number(from.getAttribute(columnAttribute))
    const rows = controls.map((c) => Number(c.getAttribute(rowAttribute)))
    const exactly = (r: number, c: number): HTMLElement | undefined =>
      controls.find((x) => Number(x.getAttribute(rowAttribute)) === r && Number(x.getAttribute(columnAttribute)) === c)
    // Another row keeps the column where it has one, else its first control.
    const at = (r: number, c: number): HTMLElement | undefined => exactly(r, c) ?? controls.find((x) => Number(x.getAttribute(rowAttribute)) === r)
    const moves: Partial<Record<string, () => HTMLElement | undefined>> = {
      ArrowDown: () => at(row + 1, column) ?? from,
      ArrowUp: () => at(row - 1, column) ?? from,
      ArrowRight: () => exactly(row, column + 1) ?? from,
      ArrowLeft: () => exactly(row, column - 1) ?? from,
      Home: () => at(Math.min(...rows), column),
      End: () => at(Math.max(...rows), column)
    }
    const target = moves[e.key]?.()
    if (!target) return
    // Also keeps the page from scrolling as the arrow keys would.
    e.preventDefault()
    target.focus()
  }

  return {
    container: {
      onKeyDown,
      onFocus: (e) => {
        const key = e.target.getAttribute('data-roving-key')
        if (key !== null) setInside(key)
      },
      onBlur: (e) => {
        if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setInside(null)
      }
    },
    item: (key, row, column = 0) => ({ tabIndex: key === stop ? 0 : -1, [rowAttribute]: row, [columnAttribute]: column, 'data-roving-key': key })
  }
}
