import { userInfo } from 'node:os'
import { dirname, join } from 'node:path'
import { newContext, type Context } from './context'
import { createDemo, type DemoSummary } from './demo/load'
import { homedir } from 'node:os'
import { openDb, type OpenOptions } from './store/db'
import { isPostgresUrl, openStore } from './store/open'
import { sessionUser } from './team/roles'
import { readSetting } from './store/settings'

/** The acting user for the audit log: explicit, else PERMANENCE_USER, else the OS account. */
export function resolveUser(explicit?: string): string {
  if (explicit) return explicit
  if (process.env.PERMANENCE_USER) return process.env.PERMANENCE_USER
  try {
    return userInfo().username
  } catch {
    return 'unknown'
  }
}

export async function openContext(dbPath: string, shell: Context['shell'], user?: string, options: OpenOptions = {}): Promise<Context> {
  if (isPostgresUrl(dbPath)) {
    // The team database: the person is their login (the audit log's trigger insists on it),
    // and the password comes from the URL, PGPASSWORD or ~/.pgpass, never from here.
    const db = await openStore(dbPath)
    const login = (await sessionUser(db)) ?? resolveUser(user)
    return newContext({ db, dbPath: db.location, shell, user: login, dataDir: join(homedir(), '.permanence', 'files') })
  }
  const who = resolveUser(user)
  const db = await openDb(dbPath, { user: who, ...options })
  return newContext({ db, dbPath, shell, user: who, dataDir: join(dirname(dbPath), 'files') })
}

/** Fills an empty database with the demo cohort as of today (used by `npm start` on first run). */
export async function ensureDemo(ctx: Context): Promise<DemoSummary | null> {
  // A team database is filled on purpose (`demo`, `team copy-from`), never by whoever opens
  // it first; and most team logins may not read the child table at all.
  if (ctx.db.engine === 'postgres') return null
  const hasData = (await ctx.db.prepare('SELECT EXISTS (SELECT 1 FROM child)').pluck().get()) === 1
  const declined = (await readSetting(ctx.db, 'empty_by_choice')) === '1'
  return hasData || declined ? null : await createDemo(ctx.db, { asOf: ctx.today() }, ctx.user)
}
