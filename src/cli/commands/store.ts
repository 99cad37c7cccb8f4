import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Db } from '../../main/core/store/db'
import { isPostgresUrl } from '../../main/core/store/location'
import type * as Backup from '../../main/core/backup/backup'
import { CliError, dbPathOf, globals, parseDateOption, print, userOf, withContext } from '../runtime'

export function registerStoreCommands(program: Command): void {
  program
    .command('init')
    .description('create an empty database (or bring an existing one up to date)')
    .action(async (_opts, command: Command) => {
      await withContext(command, async (ctx, g) => {
        await (await import('../../main/core/store/settings')).writeSetting(ctx.db, 'empty_by_choice', '1')
        const { schemaVersion } = await (await import('../../main/core/store/check')).checkDb(ctx.db)
        print(g, { ok: true, db: ctx.dbPath, schemaVersion }, (v) => `Database ready at ${v.db} (schema version ${v.schemaVersion}).`)
      })
    })

  program
    .command('demo')
    .description('create the synthetic demo database (fictional children, generated in code)')
    .option('--as-of <date>', 'the date the cohort is shaped for (default: today)', parseDateOption)
    .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10), 2020)
    .option('--children <n>', 'children looked after on the as-of date', (v) => Number.parseInt(v, 10), 657)
    .action(async (opts: { asOf?: string; seed: number; children: number }, command: Command) => {
      if (!Number.isInteger(opts.children) || opts.children < 1) throw new CliError('--children must be a whole number above 0')
      await withContext(command, async (ctx, g) => {
        const summary = await (
          await import('../../main/core/demo/load')
        ).createDemo(ctx.db, { asOf: opts.asOf ?? ctx.today(), seed: opts.seed, lookedAfter: opts.children }, ctx.user)
        print(
          g,
          { ok: true, db: ctx.dbPath, ...summary },
          (v) => `Demo database at ${v.db}: ${v.children} children, ${v.episodes} episodes, ${v.decisions} panel decisions.`
        )
      })
    })

  program
    .command('check')
    .description('integrity and foreign-key checks, schema version and row counts')
    .action(async (_opts, command: Command) => {
      const g = globals(command)
      const path = dbPathOf(g)
      const team = isPostgresUrl(path)
      if (!team && !existsSync(path)) throw new CliError(`No database at ${path}`)
      const db = await (await import('../../main/core/store/open')).openStore(path, { readonly: true })
      try {
        // Backups are SQLite files beside the database; a team database has none of its own.
        const result = await (await import('../../main/core/store/check')).checkDb(db, team ? undefined : path)
        print(g, result, (v) =>
          [
            `${v.ok ? 'OK' : 'PROBLEMS FOUND'} — schema version ${v.schemaVersion}`,
            ...v.integrity.filter((i) => i !== 'ok'),
            v.audit.chained
              ? `Audit log: ${v.audit.rows} rows, hash chain ${v.audit.ok ? 'intact' : 'BROKEN'}`
              : `Audit log: ${v.audit.rows} rows (no hash chain before schema version 9)`,
            ...(v.audit.comparedWithBackup ? [`  compared with the backup ${v.audit.comparedWithBackup}`] : []),
            ...v.audit.problems.map((p) => `  ${p}`),
            ...Object.entries(v.counts).map(([k, n]) => `  ${k}: ${n}`)
          ].join('\n')
        )
        if (!result.ok) g.io.exitCode = 1
      } finally {
        await db.close()
      }
    })

  program
    .command('backup')
    .description("copy the database with SQLite's online backup (safe while the app runs); audited")
    .option('--out <file>', 'where to write the copy (default: a new file in backups/ beside the database)')
    .action(async (opts: { out?: string }, command: Command) => {
      const out = opts.out === undefined ? undefined : resolve(opts.out)
      if (out && existsSync(out)) throw new CliError(`${out} already exists; choose a new file name`)
      await withContext(command, async (ctx, g) => {
        const backup = await (await import('../../main/core/backup/backup')).createBackup(ctx, 'manual', out)
        print(g, { ok: true, out: backup.path, bytes: backup.bytes }, (v) => `Backup written to ${v.out}`)
      })
    })

  program
    .command('restore')
    .description('replace the database with a backup, after checking it is an intact Permanence Desk database; the replaced one is kept in backups/')
    .argument('<file>', 'the backup to restore')
    .action(async (file: string, _opts, command: Command) => {
      const g = globals(command)
      const path = dbPathOf(g)
      const source = resolve(file)
      if (source === resolve(path)) throw new CliError('That is the database itself; choose a backup')
      let current: Db | null = null
      try {
        current = existsSync(path) ? await (await import('../../main/core/store/db')).openDb(path) : null
      } catch {
        // A database too damaged to open is kept byte for byte instead.
      }
      const who = (await import('../../main/core/session')).resolveUser(userOf(g))
      let restored: Awaited<ReturnType<typeof Backup.restoreDatabase>>
      try {
        restored = await (await import('../../main/core/backup/backup')).restoreDatabase(path, source, who, current)
      } catch (error) {
        if (current?.open) await current.close()
        throw error
      }
      const result = {
        ok: true,
        db: path,
        restored: source,
        replacedKeptAs: restored.replacedKeptAs,
        schemaVersion: await (await import('../../main/core/store/db')).schemaVersion(restored.db)
      }
      await restored.db.close()
      print(g, result, (v) => `Restored ${v.restored} into ${v.db}${v.replacedKeptAs ? `; the database it replaced is kept as ${v.replacedKeptAs}` : ''}.`)
    })
}
