import { z } from 'zod'
import { command, query } from './define'

import type { BackupKind } from '../backup-terms'

export * from '../backup-terms'

export interface BackupFile {
  /** File name in the backups folder: what restoreBackup takes. */
  name: string
  path: string
  kind: BackupKind
  /** ISO timestamp (UTC) of when it was taken. */
  createdAt: string
  bytes: number
}

export interface BackupList {
  folder: string
  dbPath: string
  keep: number
  backups: BackupFile[]
}

export interface RestoreResult {
  restored: string
  /** Where the database it replaced was kept; null when there was none to keep. */
  replacedKeptAs: string | null
  schemaVersion: number
}

export const backupCalls = {
  listBackups: query<BackupList>()(z.strictObject({})),
  backupNow: command<BackupFile>()(z.strictObject({})),
  /** Replaces the open database with one of the listed backups, after verifying it. */
  restoreBackup: command<RestoreResult>()(z.strictObject({ name: z.string().min(1).max(200) }))
}
