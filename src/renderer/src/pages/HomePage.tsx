import type { ReactNode } from 'react'
import type { AppInfo } from '../../../shared/api'
import { roleLabels } from '../../../shared/roles'
import { ukDate } from '../../../shared/days'
import { useCall } from '../api'
import { ErrorState, PageSkeleton } from '../components/States'
import { canSeeChildren, useMe } from '../me'
import { href } from '../router'
import { AdminHome } from './home/AdminHome'
import { ChairHome } from './home/ChairHome'
import { CommissionerHome } from './home/CommissionerHome'
import { DataOfficerHome } from './home/DataOfficerHome'
import { HeadOfServiceHome } from './home/HeadOfServiceHome'
import { PanelMemberHome } from './home/PanelMemberHome'
import { StatusTiles } from './home/StatusTiles'
import { figure } from '../../../shared/plural'

/** Each role's work as it stands today; a person with several roles sees each of them. */
export function HomePage(): ReactNode {
  const info = useCall('appInfo', {})
  if (info.error) return <ErrorState error={info.error} onRetry={info.reload} />
  if (!info.data) return <PageSkeleton what="your home screen" />
  return <Today info={info.data} />
}

function Today({ info }: { info: AppInfo }): ReactNode {
  const { me } = useMe()
  // An administrator sees every role's work.
  const has = (role: (typeof me.roles)[number]): boolean => me.roles.includes(role) || me.roles.includes('admin')
  return (
    <section className="home">
      <h1>Permanence Desk</h1>
      <p className="lead">
        {me.roles.map((r) => roleLabels[r]).join(', ')} · {ukDate(info.today)}
      </p>
      {me.source === 'team' && me.roles.length === 0 && (
        <p className="notice">Your login ({me.user}) has no Permanence Desk role in the team database yet. Ask an administrator to give you one.</p>
      )}
      {!me.chosen && (
        <p className="notice">
          This desk shows every role’s screens. <a href={href('roles')}>Choose your roles</a> to see only your work.
        </p>
      )}
      {canSeeChildren(me) && <StatusTiles asOf={info.today} />}
      <div className="home-panels">
        {has('chair') && <ChairHome today={info.today} />}
        {me.roles.includes('panel_member') && !has('chair') && <PanelMemberHome today={info.today} />}
        {has('head_of_service') && <HeadOfServiceHome today={info.today} />}
        {has('commissioner') && <CommissionerHome today={info.today} />}
        {has('data_officer') && <DataOfficerHome />}
        {me.roles.includes('admin') && <AdminHome info={info} />}
      </div>
      <p className="muted">
        {/* A login that may not read the child table (a commissioner's) gets no count of it. */}
        {info.counts.children !== undefined && `${figure(info.counts.children)} children and ${figure(info.counts.episodes ?? 0)} care episodes on record · `}
        database <code>{info.dbPath}</code> · schema version {info.schemaVersion} · app {info.version} · <a href={href('connection')}>database connection</a>
      </p>
    </section>
  )
}
