import type { DatabaseWorker } from '../core/worker/db-client'

/** The part of Electron's `app` that quitting needs (a plain object in tests). */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown
  quit(): void
}

/**
 * Holds the quit until the database worker has answered the calls already made and
 * closed the database (a half-done save must not be cut off), then quits for real.
 */
export function closeDatabaseBeforeQuit(app: QuittingApp, database: Pick<DatabaseWorker, 'close'>): void {
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    void database
      .close()
      .catch((error: unknown) => console.error('[permanence] closing the database failed', error))
      .finally(() => {
        closed = true
        app.quit()
      })
  })
}

/** Says in the log when the database worker died and was restarted: the window itself carries on. */
export function logDatabaseRestarts(database: Pick<DatabaseWorker, 'on'>): void {
  database.on('restart', (reason) => console.error('[permanence] the database worker stopped and was restarted', reason))
}
