import type { ReactNode } from 'react'
import { isTileActive, toggleTile, type TrackerFilter } from './filters'
import { figure } from '../../../../shared/plural'
import { PressedMark } from '../../components/PressedMark'

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
  const pressed = isTileActive(current, filter)
  return (
    <button type="button" data-tile={name} className={`tile ${tone ?? ''}`} aria-pressed={pressed} onClick={() => onPick(toggleTile(current, filter))}>
      <span className="tile-number">{figure(count)}</span>
      <span className="tile-label">{label}</span>
      <PressedMark pressed={pressed} />
    </button>
  )
}
