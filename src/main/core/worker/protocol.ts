import type { ImportProgress, Result } from '../../../shared/api'
import type { Context } from '../context'
import type { DemoSummary } from '../demo/load'

/** What the database worker is started with (its workerData): plain data, structured-cloned. */
export interface DatabaseWorkerOptions {
  /** The database: a SQLite file's path. */
  location: string
  shell: Context['shell']
  /** The acting user for the audit log; resolved as the CLI does when absent. */
  user?: string
  /** Fill an empty database with the demo cohort, as `npm start` does on a first run. */
  demoIfEmpty?: boolean
  /** Pins "today" for every call (tests and e2e runs). */
  today?: string
}

/** What the worker reports once its database is open (or found damaged: `recovery`). */
export interface DatabaseInfo {
  location: string
  user: string
  /** The demo data set, when a new database was filled with it. */
  demo: DemoSummary | null
  recovery?: { problems: string[] }
}

export type ToWorker = { type: 'call'; id: number; name: string; input: unknown } | { type: 'close' }

export type FromWorker =
  | { type: 'ready'; info: DatabaseInfo }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'progress'; jobId: string; progress: ImportProgress }
  | { type: 'closed' }
