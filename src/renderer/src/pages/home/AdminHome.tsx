import type { ReactNode } from 'react'
import type { AppInfo } from '../../../../shared/api'
import { roleLabels } from '../../../../shared/roles'
import { useCall } from '../../api'
import { ErrorState, SkeletonLines } from '../../components/States'
import { useMe } from '../../me'
import { href } from '../../router'

/** An administrator's card: where the data lives, its backups, and who on the team has which roles. */
export function AdminHome({ info }: { info: AppInfo }): ReactNode {
  const { me } = useMe()
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
      {me.source === 'team' && <TeamList />}
      <p className="muted small">
        People get their roles from <code>permanence team add-user NAME --role …</code>; run <code>team init</code> again after each upgrade.
      </p>
    </section>
  )
}

function TeamList(): ReactNode {
  const team = useCall('listTeamMembers', {})
  if (team.error) return <ErrorState error={team.error} onRetry={team.reload} />
  if (!team.data) return <SkeletonLines what="the team" />
  return (
    <table className="table compact" aria-label="The team and their roles">
      <thead>
        <tr>
          <th scope="col">Login</th>
          <th scope="col">Roles</th>
        </tr>
      </thead>
      <tbody>
        {team.data.map((m) => (
          <tr key={m.name}>
            <td>
              {m.name}
              {!m.canLogin && <span className="muted"> (cannot log in)</span>}
            </td>
            <td>{m.roles.map((r) => roleLabels[r]).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
