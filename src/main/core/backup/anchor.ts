import Database from 'better-sqlite3'
import type { Db } from '../store/db'
import { listBackups } from './files'

export interface BackupAnchor {
  /** The backup whose audit seal was looked for in this database; null when none applies. */
  backup: string | null
  ok: boolean
  problem?: string
}

/**
 * The chain has no secret key, so someone could rewrite every hash. Backups are copies
 * outside the file: the newest one taken since the last restore must have its sealed row,
 * with the same hash, in this database's log, or the history before it was rewritten.
 */
export async function compareWithNewestBackup(db: Db, dbPath: string): Promise<BackupAnchor> {
  const lastRestore = ((await db.prepare("SELECT MAX(at) FROM audit_log WHERE action = 'backup.restore'").pluck().get()) as string | null) ?? ''
  const has = db.prepare('SELECT COUNT(*) FROM audit_log WHERE id = ? AND hash = ?').pluck()
  for (const backup of listBackups(dbPath)) {
    if (backup.kind === 'before-restore' || backup.createdAt <= lastRestore) continue
    let seal: { last_id: number; last_hash: string } | undefined
    try {
      const copy = new Database(backup.path, { readonly: true, fileMustExist: true })
      try {
        seal = copy.prepare('SELECT last_id, last_hash FROM audit_seal').get() as typeof seal
      } finally {
        copy.close()
      }
    } catch {
      continue // from before the chain, or unreadable: the next one may serve
    }
    if (!seal) continue
    if (seal.last_id === 0 || (await has.get(seal.last_id, seal.last_hash)) === 1) return { backup: backup.path, ok: true }
    return {
      backup: backup.path,
      ok: false,
      problem: `The audit log does not contain row ${seal.last_id} as it was in the backup ${backup.name}: its history has been rewritten since.`
    }
  }
  return { backup: null, ok: true }
}
