import type { Db } from './store/db'

/** What every handler gets: the open store and who is acting (for the audit log). */
export interface Context {
  db: Db
  dbPath: string
  user: string
  shell: 'electron' | 'browser' | 'cli'
  /** Folder for files the app owns (attachments, exports); beside the database. */
  dataDir: string
  /** Injected so tests can pin "today". */
  today: () => string
  /**
   * Set when the database failed its startup check: `db` is then an empty stand-in and
   * only the recovery calls (app info, backups, restore) are answered.
   */
  recovery?: { problems: string[] }
}

export const isoToday = (): string => new Date().toISOString().slice(0, 10)
