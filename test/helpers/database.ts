import { afterEach } from 'vitest'
import type { Context } from '../../src/main/core/context'
import { dispatch } from '../../src/main/core/dispatch'
// tmp's clean-up registers first, so it runs after the workers here are closed.
import { locationOf } from './tmp'
import { startDatabaseWorker, type DatabaseWorker, type DatabaseWorkerOptions } from '../../src/main/core/worker/db-client'

const running = new Set<DatabaseWorker>()
afterEach(async () => {
  await Promise.all([...running].map((w) => w.close()))
  running.clear()
})

/** The database worker on `ctx`'s database, as the app starts it (pinned to the same "today"); closed after the test. */
export async function workerFor(ctx: Context, options: Partial<DatabaseWorkerOptions> = {}): Promise<DatabaseWorker> {
  const worker = await startDatabaseWorker({ location: locationOf(ctx), shell: ctx.shell, user: ctx.user, today: ctx.today(), ...options })
  running.add(worker)
  return worker
}

/** Calls answered in the test's own thread: for tests of the bridge's HTTP rules, not of where calls run. */
export const inProcess = (ctx: Context): Pick<DatabaseWorker, 'dispatch'> => ({ dispatch: (name, input) => dispatch(ctx, name, input) })
