import type { ReactNode } from 'react'
import type { AppInfo } from '../../../../shared/api'
import { href } from '../../router'

/** An administrator's card: where the data lives, its backups, and how people get their roles. */
export function AdminHome({ info }: { info: AppInfo }): ReactNode {
  return (
    <section className="card" aria-labelledby="home-admin">
      <h2 id="home-admin">Administration</h2>
      <p>
        Database <code>{info.dbPath}</code> · schema version {info.schemaVersion}
      </p>
      <ul>
        <li>
          <a href={href('connection')}>Database connection</a> of this desk
        </li>
        <li>
          <a href={href('backups')}>Backups</a>
        </li>
      </ul>
      <p className="muted small">
        People get their roles from <code>permanence team add-user NAME --role …</code>; <code>team list-users</code> shows who has which.
      </p>
    </section>
  )
}
