import type Database from 'better-sqlite3'
import { newBackupPath, rotateBackups } from '../backup/files'
import { writeFileAtomicallySync } from '../io/atomic-write'

/**
 * A consistent copy of the database as it is before a migration changes it, in
 * `backups/`. VACUUM INTO because migrations run while opening, synchronously; it reads
 * through this connection, so the copy includes anything still in the WAL.
 */
export function backupBeforeMigration(db: Database.Database, dbPath: string): string {
  const target = newBackupPath(dbPath, 'pre-migration')
  writeFileAtomicallySync(target, (partial) => db.prepare('VACUUM INTO ?').run(partial))
  rotateBackups(dbPath, 'pre-migration')
  return target
}
