import { useState, type ReactNode } from 'react'
import { useCall, useWrite } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { BackupList } from './BackupList'
import { KeepFocusButton } from '../../components/KeepFocusButton'
import { fileSize } from './format'

/** Backups of the database: the automatic ones, one made now, and restoring any of them. */
export function BackupsPage(): ReactNode {
  const list = useCall('listBackups', {})
  const [message, setMessage] = useState<string | null>(null)
  const backingUp = useWrite('backupNow')
  const busy = backingUp.busy

  async function backUpNow(): Promise<void> {
    setMessage(null)
    const made = await backingUp.run({})
    if (made.ok) setMessage(`Backed up (${fileSize(made.value.bytes)}) to ${made.value.path}.`)
  }

  // A team database's URL: the server backs it up, and backupNow would only refuse.
  if (list.data && /^postgres(ql)?:\/\//.test(list.data.dbPath)) {
    return (
      <section>
        <h1>Backups</h1>
        <p className="lead" data-testid="team-backups">
          This desk works on the team database, which is backed up on its server by your database administrator (for example with pg_dump). The app’s own
          backups are for a desk’s embedded database.
        </p>
      </section>
    )
  }

  return (
    <section>
      <h1>Backups</h1>
      <p className="lead">
        A copy of the database is taken on the first start of each day and before every update of its structure
        {list.data ? `; the newest ${list.data.keep} of each kind are kept in ${list.data.folder}` : ''}.
      </p>
      <div className="toolbar">
        <KeepFocusButton className="primary" inactive={busy} onClick={() => void backUpNow()}>
          {busy ? 'Backing up…' : 'Back up now'}
        </KeepFocusButton>
        {(message ?? backingUp.error) && (
          <span role="status" className="small">
            {message ?? `Not backed up: ${backingUp.error?.message}`}
          </span>
        )}
      </div>
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading what="the backups" />}
      {list.data && <BackupList list={list.data} onRestored={setMessage} />}
    </section>
  )
}
