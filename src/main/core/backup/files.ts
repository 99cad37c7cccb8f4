import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { BackupFile, BackupKind } from '../../../shared/contract/backup'

/** Backups live in `backups/` beside the database, so they move with it. */
export const backupsDir = (dbPath: string): string => join(dirname(dbPath), 'backups')

/** How many of each automatic kind are kept (the newest); PERMANENCE_BACKUPS_KEEP overrides. */
export function backupsToKeep(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number.parseInt(env.PERMANENCE_BACKUPS_KEEP ?? '', 10)
  return Number.isInteger(n) && n > 0 ? n : 14
}

// permanence-2026-11-30T08-04-55-123Z-daily.db: sortable, and valid on Windows (no colons).
const namePattern = /^permanence-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)-(daily|manual|pre-migration|before-restore)\.db$/

export function backupFileName(kind: BackupKind, at: Date): string {
  return `permanence-${at.toISOString().replace(/[:.]/g, '-')}-${kind}.db`
}

const isoFromStamp = (stamp: string): string => stamp.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z')

/** The backups in `backups/`, newest first. Files not named by the app are ignored. */
export function listBackups(dbPath: string): BackupFile[] {
  const dir = backupsDir(dbPath)
  if (!existsSync(dir)) return []
  const found: BackupFile[] = []
  for (const name of readdirSync(dir)) {
    const match = namePattern.exec(name)
    if (!match) continue
    found.push({ name, path: join(dir, name), kind: match[2] as BackupKind, createdAt: isoFromStamp(match[1]!), bytes: statSync(join(dir, name)).size })
  }
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

/** A fresh path for a new backup (the folder created if needed). */
export function newBackupPath(dbPath: string, kind: BackupKind, at = new Date()): string {
  const dir = backupsDir(dbPath)
  mkdirSync(dir, { recursive: true })
  return join(dir, backupFileName(kind, at))
}

/** Deletes all but the newest `keep` automatic backups of `kind`; manual ones are the user's to delete. */
export function rotateBackups(dbPath: string, kind: BackupKind, keep = backupsToKeep()): string[] {
  if (kind === 'manual') return []
  const old = listBackups(dbPath)
    .filter((b) => b.kind === kind)
    .slice(keep)
  for (const b of old) {
    rmSync(b.path, { force: true })
    rmSync(`${b.path}-wal`, { force: true })
  }
  return old.map((b) => b.name)
}
