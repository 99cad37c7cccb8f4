import type { ReactNode } from 'react'
import type { AppInfo } from '../../../shared/api'
import { ukDate } from '../../../shared/days'
import { useCall } from '../api'
import { ErrorState, Loading } from '../components/States'
import { href } from '../router'
import { ActionReminders } from './panel/ActionReminders'

const n = (v: number): string => v.toLocaleString('en-GB')

/** Where each user's work stands today: permanence status, the next panel, open reviews, actions. */
export function HomePage(): ReactNode {
  const info = useCall('appInfo', {})
  if (info.error) return <ErrorState error={info.error} onRetry={info.reload} />
  if (!info.data) return <Loading what="the database" />
  return <Today info={info.data} />
}

function Today({ info }: { info: AppInfo }): ReactNode {
  const counts = useCall('trackerCounts', { asOf: info.today })
  const meetings = useCall('listMeetings', {})
  const cycles = useCall('listReviewCycles', {})
  const next = meetings.data?.filter((m) => m.status !== 'signed').sort((a, b) => a.date.localeCompare(b.date))[0]
  const open = cycles.data?.filter((c) => c.status === 'open') ?? []
  const tracker = href('tracker')
  return (
    <section>
      <h1>Permanence Desk</h1>
      <p className="lead">Permanence decisions for looked-after children on {ukDate(info.today)}.</p>
      {counts.error && <ErrorState error={counts.error} onRetry={counts.reload} />}
      {counts.data &&
        (counts.data.lookedAfter === 0 ? (
          <p>
            No child is looked after in this database yet: <a href={href('import')}>import an SSDA903 return</a>.
          </p>
        ) : (
          <div className="tiles" aria-label="Permanence status today">
            <a className="tile" href={tracker}>
              <span className="tile-number">{n(counts.data.lookedAfter)}</span>
              <span className="tile-label">looked after</span>
            </a>
            <a className="tile" href={tracker}>
              <span className="tile-number">{n(counts.data.permanence.agreed)}</span>
              <span className="tile-label">permanence agreed</span>
            </a>
            <a className="tile" href={tracker}>
              <span className="tile-number">{n(counts.data.permanence.oversight)}</span>
              <span className="tile-label">under management oversight</span>
            </a>
            <a className="tile" href={tracker}>
              <span className="tile-number">{n(counts.data.permanence.none)}</span>
              <span className="tile-label">no decision, no oversight</span>
            </a>
            <a className="tile" href={tracker}>
              <span className="tile-number">{n(counts.data.noDecisionByLegalStatus.FCO)}</span>
              <span className="tile-label">of them on a full care order</span>
            </a>
          </div>
        ))}
      <div className="home-panels">
        <div className="card">
          <h2>Permanence Panel</h2>
          {next ? (
            <p>
              Next meeting <a href={href('panel', String(next.id))}>{ukDate(next.date)}</a>
              {next.startTime ? ` at ${next.startTime}` : ''}: {next.items} children on the agenda, {next.decided} decided.
            </p>
          ) : (
            <p>
              No meeting planned. <a href={href('panel')}>Plan one</a>
            </p>
          )}
        </div>
        <div className="card">
          <h2>Head of Service review</h2>
          {open.length === 0 ? (
            <p>
              No review cycle open. <a href={href('review')}>Open this quarter's</a>
            </p>
          ) : (
            open.map((c) => (
              <p key={c.id}>
                <a href={href('review', String(c.id))}>{c.label}</a>: {c.progress.reviewed} of {c.progress.total} reviewed
                <progress max={c.progress.total} value={c.progress.reviewed} aria-label={`${c.label} progress`} />
              </p>
            ))
          )}
        </div>
      </div>
      <ActionReminders />
      <p className="muted">
        {n(info.counts.children)} children and {n(info.counts.episodes)} care episodes on record · database <code>{info.dbPath}</code> · schema version{' '}
        {info.schemaVersion} · app {info.version}
      </p>
    </section>
  )
}
