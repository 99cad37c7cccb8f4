import { useState, type ReactNode } from 'react'
import type { AppInfo } from '../../../../shared/api'
import { useCall } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { BackupList } from './BackupList'

/**
 * Shown instead of the app when the database failed its startup check: what is wrong,
 * the backups available, and restoring one. Nothing else can touch the damaged file.
 */
export function RecoveryScreen({ info }: { info: AppInfo & { recovery: { problems: string[] } } }): ReactNode {
  const list = useCall('listBackups', {})
  const [restored, setRestored] = useState<string | null>(null)
  return (
    <main id="main" className="recovery" tabIndex={-1}>
      <h1>The database needs attention</h1>
      <p className="lead">
        Permanence Desk checks its database every time it starts. The database at <code>{info.dbPath}</code> did not pass, so the app has not opened it and
        nothing in it has been changed.
      </p>
      <h2>What is wrong</h2>
      <ul className="recovery-problems">
        {info.recovery.problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
      {restored ? (
        <div className="state" role="status">
          <strong>{restored}</strong>
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            Open the app
          </button>
        </div>
      ) : (
        <>
          <h2>Restore a backup</h2>
          <p>Choose the newest backup taken before the problem. The damaged database is kept in the backups folder, so your IT team can still look at it.</p>
          {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
          {!list.data && !list.error && <Loading what="the backups" />}
          {list.data && <BackupList list={list.data} onRestored={setRestored} />}
        </>
      )}
    </main>
  )
}
