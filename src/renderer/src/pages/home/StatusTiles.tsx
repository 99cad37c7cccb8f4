import type { ReactNode } from 'react'
import { figureLabels } from '../../../../shared/tracker-terms'
import { useCall } from '../../api'
import { ErrorState, SkeletonLines } from '../../components/States'
import { href } from '../../router'
import { figure } from '../../../../shared/plural'

/**
 * Today's looked-after children split by permanence status. The four statuses cover every
 * child exactly once, so the tiles add up to the first one, and the page says so.
 */
export function StatusTiles({ asOf }: { asOf: string }): ReactNode {
  const counts = useCall('trackerCounts', { asOf })
  if (counts.error) return <ErrorState error={counts.error} onRetry={counts.reload} />
  if (!counts.data) return <SkeletonLines what="today’s permanence counts" lines={2} />
  const { lookedAfter, permanence } = counts.data
  if (lookedAfter === 0)
    return (
      <p>
        No child is looked after in this database yet: <a href={href('import')}>import an SSDA903 return</a>.
      </p>
    )
  const tracker = (status?: string): string => `${href('tracker')}?asOf=${asOf}${status ? `&statuses=${status}` : ''}`
  const parts: [string, number, string][] = [
    ['agreed', permanence.agreed, 'permanence agreed'],
    ['not_agreed', permanence.notAgreed, 'permanence not agreed'],
    ['oversight', permanence.oversight, 'under management oversight'],
    ['none', permanence.none, figureLabels.noDecisionNoOversight]
  ]
  return (
    <div>
      <div className="tiles sum-tiles" aria-label="Permanence status today">
        <a className="tile" href={tracker()}>
          <span className="tile-number">{figure(lookedAfter)}</span>
          <span className="tile-label">looked after</span>
        </a>
        <span className="tile-op" aria-hidden="true">
          =
        </span>
        {parts.map(([status, count, label], i) => (
          <span key={status} className="tile-term">
            {i > 0 && (
              <span className="tile-op" aria-hidden="true">
                +
              </span>
            )}
            <a className={`tile status-tile-${status}`} href={tracker(status)}>
              <span className="tile-number">{figure(count)}</span>
              <span className="tile-label">{label}</span>
            </a>
          </span>
        ))}
      </div>
      <p className="muted small" data-testid="tiles-sum">
        Every looked-after child is in exactly one status: {parts.map(([, c]) => figure(c)).join(' + ')} = {figure(lookedAfter)}.
      </p>
    </div>
  )
}
