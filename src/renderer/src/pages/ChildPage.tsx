import type { ReactNode } from 'react'
import { useCall } from '../api'
import { ErrorState, Loading } from '../components/States'
import { href } from '../router'
import { ChildReviews } from './review/ChildReviews'

export function ChildPage({ childId }: { childId: string }): ReactNode {
  const child = useCall('getChild', { childId })
  if (child.error) return <ErrorState error={child.error} onRetry={child.reload} />
  if (!child.data) return <Loading what="the child's record" />
  const c = child.data
  return (
    <section>
      <p>
        <a href={href('children')}>← Children</a>
      </p>
      <h1>
        {c.name} <span className="muted">{c.childId}</span>
      </h1>
      <p>
        Born {c.dob ?? 'unknown'} · {c.lookedAfter ? `looked after (${c.legalStatus ?? 'legal status unknown'})` : 'not currently looked after'}
      </p>
      <h2>Care episodes</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Start</th>
            <th>End</th>
            <th>Reason new episode</th>
            <th>Legal status</th>
            <th>Placement</th>
            <th>Provider</th>
            <th>Carer</th>
            <th>Reason ended</th>
          </tr>
        </thead>
        <tbody>
          {c.episodeHistory.map((e) => (
            <tr key={e.id}>
              <td>{e.decom}</td>
              <td>{e.dec ?? 'open'}</td>
              <td>{e.rne}</td>
              <td>{e.ls}</td>
              <td>{e.place}</td>
              <td>{e.placeProvider}</td>
              <td>{e.carer}</td>
              <td>{e.rec}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChildReviews childId={c.childId} />
    </section>
  )
}
