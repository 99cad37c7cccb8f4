import type { Command } from 'commander'
import { existsSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { exportTracker } from '../../main/core/tracker/export'
import { CliError, parseDateOption, print, withContext } from '../runtime'

/** `permanence export <what>`: workbooks for people to open in Excel. */
export function registerExportCommands(program: Command): void {
  const exportCommand = program.command('export').description('write formatted workbooks (.xlsx)')

  exportCommand
    .command('tracker')
    .description('the permanence tracker for a date: summary counts and one row per looked-after child')
    .option('--as-of <date>', 'the date (YYYY-MM-DD; default: today)', parseDateOption)
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .option('--force', 'replace the file if it exists')
    .action(async (opts: { asOf?: string; out: string; force?: boolean }, command: Command) => {
      const out = resolve(opts.out)
      if (!out.toLowerCase().endsWith('.xlsx')) throw new CliError(`${out} does not end in .xlsx`)
      if (existsSync(out) && !opts.force) throw new CliError(`${out} already exists; choose a new file name or add --force`)
      await withContext(command, async (ctx, g) => {
        const asOf = opts.asOf ?? ctx.today()
        const file = await exportTracker(ctx.db, ctx.user, asOf)
        writeFileSync(out, file.buffer)
        print(g, { ok: true, out, asOf, rows: file.rows }, (v) => `Tracker for ${v.asOf} (${v.rows} children) written to ${v.out}`)
      })
    })
}
