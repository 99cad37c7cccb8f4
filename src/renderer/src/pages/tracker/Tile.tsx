import type { ReactNode } from 'react'
import { isTileActive, toggleTile, type TrackerFilter } from './filters'
import { figure } from '../../../../shared/plural'

interface TileProps {
  /** Stable name for tests and styling. */
  name: string
  label: string
  count: number
  filter: TrackerFilter
  current: TrackerFilter
  onPick: (f: TrackerFilter) => void
  tone?: string
}

export function Tile({ name, label, count, filter, current, onPick, tone }: TileProps): ReactNode {
  return (
    <button
      type="button"
      data-tile={name}
      className={`tile ${tone ?? ''}`}
      aria-pressed={isTileActive(current, filter)}
      onClick={() => onPick(toggleTile(current, filter))}
    >
      <span className="tile-number">{figure(count)}</span>
      <span className="tile-label">{label}</span>
    </button>
  )
}
