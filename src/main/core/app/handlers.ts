import { rowCounts } from '../store/check'
import { schemaVersion } from '../store/db'
import type { HandlerMap } from '../handler'
import { appVersion } from '../version'

export const appHandlers: HandlerMap<'appInfo'> = {
  appInfo: (ctx) => ({
    version: appVersion,
    schemaVersion: schemaVersion(ctx.db),
    dbPath: ctx.dbPath,
    user: ctx.user,
    shell: ctx.shell,
    demo: ctx.db.prepare("SELECT value FROM setting WHERE key = 'demo'").pluck().get() === '1',
    today: ctx.today(),
    // Not checkDb: its integrity check reads the whole file, seconds on a large database.
    counts: rowCounts(ctx.db)
  })
}
