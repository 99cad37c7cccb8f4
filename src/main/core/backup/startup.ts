import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { BackupFile } from '../../../shared/contract/backup'
import type { Context } from '../context'
import type { DemoSummary } from '../demo/load'
import { ensureDemo, openContext } from '../session'
import { checkHealth, ensureDailyBackup } from './backup'

export interface Session {
  ctx: Context
  /** The demo data set, when a new database was filled with it. */
  demo: DemoSummary | null
  /**
   * The day's backup, running in the background (SQLite's online backup yields between
   * steps) so a large database does not hold up the window; null if not needed or failed.
   */
  dailyBackup: Promise<BackupFile | null>
}

/**
 * How the desktop app and browser mode open their database: open and migrate (a backup
 * is taken before any migration), run the integrity check (quick_check and the audit
 * chain), fill a new database with the demo if asked, and start the day's backup. A
 * database that fails to open or to pass the check gives a context in recovery mode
 * instead of a crash: the app then shows what is wrong and the backups to restore.
 */
export async function startSession(dbPath: string, shell: Context['shell'], options: { user?: string; demoIfEmpty?: boolean } = {}): Promise<Session> {
  const existed = existsSync(dbPath)
  let ctx: Context
  try {
    ctx = await openContext(dbPath, shell, options.user)
  } catch (error) {
    return {
      demo: null,
      dailyBackup: Promise.resolve(null),
      ctx: await recoveryContext(dbPath, shell, options.user, [`The database could not be opened: ${error instanceof Error ? error.message : String(error)}`])
    }
  }
  let problems: string[]
  try {
    problems = (await checkHealth(ctx.db)).problems
  } catch (error) {
    problems = [`The database could not be read: ${error instanceof Error ? error.message : String(error)}`]
  }
  if (problems.length > 0) {
    await ctx.db.close()
    return { demo: null, dailyBackup: Promise.resolve(null), ctx: await recoveryContext(dbPath, shell, options.user, problems) }
  }
  const demo = options.demoIfEmpty ? await ensureDemo(ctx) : null
  const dailyBackup = existed
    ? ensureDailyBackup(ctx).catch((error: unknown) => {
        // A full disk must not stop the app; the next start tries again.
        ctx.log.error('daily backup failed', { error })
        return null
      })
    : Promise.resolve(null)
  return { ctx, demo, dailyBackup }
}

/** A context whose `db` is an empty in-memory stand-in: nothing the user does can reach the damaged file. */
export async function recoveryContext(dbPath: string, shell: Context['shell'], user: string | undefined, problems: string[]): Promise<Context> {
  return { ...(await openContext(':memory:', shell, user)), dbPath, dataDir: join(dirname(dbPath), 'files'), recovery: { problems } }
}
