// Without zod, so the recovery screen (part of the first screen) can name backup kinds without loading the contract's schemas.

export type BackupKind = 'daily' | 'manual' | 'pre-migration' | 'before-restore'
export const backupKindLabels: Record<BackupKind, string> = {
  daily: 'Daily',
  manual: 'Made by hand',
  'pre-migration': 'Before an update',
  'before-restore': 'Replaced by a restore'
}
