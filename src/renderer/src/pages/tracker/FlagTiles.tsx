import type { ReactNode } from 'react'
import { trackerFlagLabels, trackerFlags, type TrackerFlag } from '../../../../shared/api'
import type { TrackerFilter } from './filters'
import { Tile } from './Tile'

const tone: Record<TrackerFlag, string> = {
  carers_changed: 'warn',
  placed_with_parents: '',
  plan_confirmed_no_decision: 'warn',
  oversight_review_overdue: 'warn'
}

/** The flag tiles: decisions about earlier carers, placed with parents, plans awaiting panel, lapsed oversight. */
export function FlagTiles({
  counts,
  current,
  onPick
}: {
  counts: Record<TrackerFlag, number>
  current: TrackerFilter
  onPick: (f: TrackerFilter) => void
}): ReactNode {
  return (
    <>
      <h2>Carers, plans and children placed with parents</h2>
      <div className="tiles small" data-testid="flag-tiles">
        {trackerFlags.map((f) => (
          <Tile key={f} name={f} label={trackerFlagLabels[f]} count={counts[f]} filter={{ flags: [f] }} current={current} onPick={onPick} tone={tone[f]} />
        ))}
      </div>
    </>
  )
}
