import type { ReactNode } from 'react'
import { useCall } from '../api'
import { ErrorState, Loading } from '../components/States'
import { ActionReminders } from './panel/ActionReminders'
import { href } from '../router'

export function HomePage(): ReactNode {
  const info = useCall('appInfo', {})
  if (info.error) return <ErrorState error={info.error} onRetry={info.reload} />
  if (!info.data) return <Loading what="the database" />
  const { counts } = info.data
  return (
    <section>
      <h1>Permanence Desk</h1>
      <p className="lead">Permanence decisions for looked-after children: panel, tracker, Head of Service review and placement costs.</p>
      <div className="tiles">
        <a className="tile" href={href('children')}>
          <span className="tile-number">{counts.children.toLocaleString('en-GB')}</span>
          <span className="tile-label">children on record</span>
        </a>
        <div className="tile">
          <span className="tile-number">{counts.episodes.toLocaleString('en-GB')}</span>
          <span className="tile-label">care episodes</span>
        </div>
        <div className="tile">
          <span className="tile-number">{counts.panelMeeting.toLocaleString('en-GB')}</span>
          <span className="tile-label">panel meetings</span>
        </div>
        <div className="tile">
          <span className="tile-number">{counts.decision.toLocaleString('en-GB')}</span>
          <span className="tile-label">panel decisions</span>
        </div>
      </div>
      <ActionReminders />
      <p className="muted">
        Database: <code>{info.data.dbPath}</code> · schema version {info.data.schemaVersion} · app {info.data.version} · today {info.data.today}
      </p>
    </section>
  )
}
