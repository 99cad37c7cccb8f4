import { systemClock, type Clock } from './clock'
import { stderrLogger, type Logger } from './log'
import type { Db } from './store/db'

/** What every handler gets: the open store, who is acting (for the audit log), the clock and the log. */
export interface Context {
  db: Db
  dbPath: string
  user: string
  shell: 'electron' | 'browser' | 'cli'
  /** Folder for files the app owns (attachments, exports); beside the database. */
  dataDir: string
  /** The time every recorded moment is taken from (injected so tests can fix it). */
  clock: Clock
  /** Today's date, YYYY-MM-DD: the clock's unless pinned on its own (tests and demos pin it). */
  today: () => string
  log: Logger
  /**
   * Set when the database failed its startup check: `db` is then an empty stand-in and
   * only the recovery calls (app info, backups, restore) are answered.
   */
  recovery?: { problems: string[] }
}

type ContextFields = Omit<Context, 'clock' | 'log' | 'today'> & Partial<Pick<Context, 'clock' | 'log' | 'today'>>

/** A context on the system clock and the stderr log unless given others; `today` follows its clock unless given. */
export function newContext(fields: ContextFields): Context {
  const ctx: Context = { clock: systemClock, log: stderrLogger, ...fields, today: fields.today ?? (() => ctx.clock.today()) }
  return ctx
}
