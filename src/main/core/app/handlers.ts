import { rowCounts } from '../store/check'
import { schemaVersion } from '../store/db'
import type { HandlerMap } from '../handler'
import { appVersion } from '../version'
import { isDemoDatabase } from '../store/settings'

export const appHandlers: HandlerMap<'appInfo'> = {
  appInfo: async (ctx) => ({
    version: appVersion,
    schemaVersion: await schemaVersion(ctx.db),
    dbPath: ctx.dbPath,
    user: ctx.user,
    shell: ctx.shell,
    demo: await isDemoDatabase(ctx.db),
    today: ctx.today(),
    // Not checkDb: its integrity check reads the whole file, seconds on a large database.
    counts: await rowCounts(ctx.db),
    ...(ctx.recovery ? { recovery: ctx.recovery } : {})
  })
}
