import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { childrenListInput, describeFieldProblems, fieldProblems } from '../../shared/api'
import { CliError, parseSortOption, print, withContext } from '../runtime'

/** `permanence export children`: added to the shared `export` command (see program.ts). */
export function registerChildrenExport(exporter: Command): void {
  exporter
    .command('children')
    .description('the all-children list as the Children page holds it: every child, filtered, searched and sorted as the grid is (.xlsx)')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .option('--looked-after', 'only children currently looked after (the page’s tick)')
    .option('--search <text>', 'part of a child ID or name, any case')
    .option('--sort <columns>', 'sort by grid columns, e.g. dob:desc,name (default: by name)', parseSortOption)
    .option('--force', 'replace the file if it exists')
    .action(
      async (
        opts: { out: string; lookedAfter?: boolean; search?: string; sort?: { column: string; direction: 'asc' | 'desc' }[]; force?: boolean },
        command: Command
      ) => {
        // The contract's own schema, as the page's call is checked: the sort's columns are the grid's.
        const input = childrenListInput.safeParse({ filters: { lookedAfterOnly: Boolean(opts.lookedAfter) }, search: opts.search, sort: opts.sort })
        if (!input.success) throw new CliError(describeFieldProblems(fieldProblems(input.error)))
        const out = resolve(opts.out)
        if (!out.toLowerCase().endsWith('.xlsx')) throw new CliError(`${out} does not end in .xlsx`)
        if (existsSync(out) && !opts.force) throw new CliError(`${out} already exists; choose a new file name or add --force`)
        await withContext(command, async (ctx, g) => {
          const file = await (await import('../../main/core/children/export')).exportChildrenToFile(ctx, input.data, out)
          print(g, { ok: true, out, rows: file.rows }, (v) => `${v.rows} children written to ${v.out}`)
        })
      }
    )
}
