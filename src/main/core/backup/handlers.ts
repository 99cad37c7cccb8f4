import type { CallName } from '../../../shared/api'
import type { HandlerMap } from '../handler'
import type { Context } from '../context'
import { AppError, invalidInput, notFound } from '../errors'
import { importsRunning } from '../io/ssda903/off-thread'
import { openDb, schemaVersion } from '../store/db'
import { createBackup, restoreDatabase } from './backup'
import { backupsDir, backupsToKeep, listBackups } from './files'

/** The calls a context in recovery mode still answers: enough to see what is wrong and restore. */
export const recoveryCalls: ReadonlySet<CallName> = new Set<CallName>(['appInfo', 'listBackups', 'restoreBackup'])

/**
 * The app's backups copy an SQLite file next to it. A team database lives on a server,
 * which backs it up (and whose URL is no folder to write into).
 */
const onTeamDatabase = (ctx: Context): boolean => ctx.db.engine === 'postgres'
const teamBackups = (): AppError =>
  invalidInput(
    'This desk works on the team database, which is backed up on its server by your database administrator (for example with pg_dump); the app’s own backups are for an embedded database. Nothing was changed.'
  )

export const backupHandlers: HandlerMap<'listBackups' | 'backupNow' | 'restoreBackup'> = {
  listBackups: (ctx) =>
    onTeamDatabase(ctx)
      ? { folder: '', dbPath: ctx.dbPath, keep: backupsToKeep(), backups: [] }
      : { folder: backupsDir(ctx.dbPath), dbPath: ctx.dbPath, keep: backupsToKeep(), backups: listBackups(ctx.dbPath) },
  backupNow: async (ctx) => {
    if (onTeamDatabase(ctx)) throw teamBackups()
    return await createBackup(ctx, 'manual')
  },
  restoreBackup: async (ctx, input) => {
    if (onTeamDatabase(ctx)) throw teamBackups()
    // Only a file the app listed: the renderer never names an arbitrary path to read.
    const backup = listBackups(ctx.dbPath).find((b) => b.name === input.name)
    if (!backup) throw notFound(`No backup called ${input.name} in ${backupsDir(ctx.dbPath)}`)
    if (importsRunning() > 0) throw new AppError('conflict', 'An import is running. Restore when it has finished; nothing was changed.')
    const standIn = ctx.recovery ? ctx.db : null
    let restored: Awaited<ReturnType<typeof restoreDatabase>>
    try {
      restored = await restoreDatabase(ctx.dbPath, backup.path, ctx.user, standIn ? null : ctx.db)
    } catch (error) {
      // The file is replaced by a rename, so on failure the old database is still there to reopen.
      if (!standIn && !ctx.db.open) ctx.db = await openDb(ctx.dbPath, { user: ctx.user })
      throw error
    }
    const { db, replacedKeptAs } = restored
    await standIn?.close()
    // Every caller holds this context, so swapping its connection reopens the app's database.
    ctx.db = db
    delete ctx.recovery
    return { restored: backup.name, replacedKeptAs, schemaVersion: await schemaVersion(db) }
  }
}
