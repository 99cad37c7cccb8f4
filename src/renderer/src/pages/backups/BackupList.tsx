import { useState, type ReactNode } from 'react'
import type { BackupFile, BackupList as Backups } from '../../../../shared/api'
import { backupKindLabels } from '../../../../shared/backup-terms'
import { useWrite } from '../../api'
import { EmptyState } from '../../components/States'
import { fileSize, ukDateTime } from './format'
import { KeepFocusButton } from '../../components/KeepFocusButton'

/**
 * The backups with a Restore… button each. Restoring asks first, naming the database
 * that will be replaced, and says where the replaced one is kept.
 */
export function BackupList({ list, onRestored }: { list: Backups; onRestored: (message: string) => void }): ReactNode {
  const [chosen, setChosen] = useState<BackupFile | null>(null)
  const restoring = useWrite('restoreBackup')
  const busy = restoring.busy
  const error = restoring.error?.message

  async function restore(backup: BackupFile): Promise<void> {
    const restored = await restoring.run({ name: backup.name })
    if (!restored.ok) return
    const keptAs = restored.value.replacedKeptAs
    setChosen(null)
    onRestored(`Restored the backup of ${ukDateTime(backup.createdAt)}.${keptAs ? ` The database it replaced is kept as ${keptAs}.` : ''}`)
  }

  if (list.backups.length === 0) return <EmptyState title="No backups yet">They are kept in {list.folder}.</EmptyState>
  return (
    <>
      {chosen && (
        <div className="confirm-panel" role="alertdialog" aria-labelledby="restore-title" aria-describedby="restore-detail">
          <h2 id="restore-title">Restore the backup of {ukDateTime(chosen.createdAt)}?</h2>
          <p id="restore-detail">
            This replaces the database at <code>{list.dbPath}</code> with the backup <code>{chosen.name}</code>. Anything recorded since{' '}
            {ukDateTime(chosen.createdAt)} is no longer in the app. The database being replaced is kept in the backups folder first.
          </p>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          <div className="toolbar">
            <KeepFocusButton className="primary" inactive={busy} onClick={() => void restore(chosen)}>
              {busy ? 'Restoring…' : 'Replace the database with this backup'}
            </KeepFocusButton>
            <KeepFocusButton inactive={busy} onClick={() => setChosen(null)}>
              Cancel
            </KeepFocusButton>
          </div>
        </div>
      )}
      <table className="table" aria-label="Backups">
        <thead>
          <tr>
            <th>Taken</th>
            <th>Kind</th>
            <th className="num">Size</th>
            <th>File</th>
            <th>Restore</th>
          </tr>
        </thead>
        <tbody>
          {list.backups.map((b) => (
            <tr key={b.name}>
              <td>{ukDateTime(b.createdAt)}</td>
              <td>{backupKindLabels[b.kind]}</td>
              <td className="num">{fileSize(b.bytes)}</td>
              <td className="small muted">{b.name}</td>
              <td>
                <button
                  type="button"
                  className="cell-button"
                  onClick={() => {
                    restoring.reset()
                    setChosen(b)
                  }}
                  aria-label={`Restore the backup of ${ukDateTime(b.createdAt)}`}
                >
                  Restore…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
