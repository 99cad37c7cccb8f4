import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/postgres'
import { closeDatabaseBeforeQuit, type QuittingApp } from '../../src/main/shell/database'
import { workerFor } from '../helpers/database'
import { tempContext } from '../helpers/tmp'

/** Electron's `app` as far as quitting goes: will-quit listeners, and quit() firing them again. */
function quittingApp(): QuittingApp & { quits: number; fireWillQuit(): boolean } {
  const listeners: ((event: { preventDefault(): void }) => void)[] = []
  return {
    quits: 0,
    on: (_event, listener) => listeners.push(listener),
    quit() {
      this.quits++
    },
    fireWillQuit() {
      let prevented = false
      for (const listener of listeners) listener({ preventDefault: () => (prevented = true) })
      return prevented
    }
  }
}

// The worker's thread and queue are the same for both engines; these run it over an
// SQLite file (the team database through the worker is in test/e2e/team.test.ts).
describe.skipIf(testEngine() === 'postgres')('quitting the desktop app', () => {
  it('holds the quit until the database worker has answered what was asked and closed, then quits', async () => {
    const ctx = await tempContext()
    const database = await workerFor(ctx)
    const app = quittingApp()
    closeDatabaseBeforeQuit(app, database)

    const saving = database.dispatch('setQuorumDefault', { rule: { minMembers: 6, requireChair: true, requireRoles: [] } })
    expect(app.fireWillQuit()).toBe(true)
    expect(await saving).toMatchObject({ ok: true })
    await expect.poll(() => app.quits).toBe(1)
    expect(await database.dispatch('getQuorumDefault', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('closed') } })
    // The second will-quit, from quit() itself, goes through.
    expect(app.fireWillQuit()).toBe(false)
  })
})
