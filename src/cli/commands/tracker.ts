import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { figureLabels, legalStatusGroups, type TrackerCounts, type TrackerPageInput, type TrackerRow } from '../../shared/contract/tracker'
import { CliError, parseDateOption, parseSortOption, print, withContext, call } from '../runtime'

type TrackerOutput = TrackerCounts & { children?: TrackerRow[]; total?: number }

const statusLabel = { agreed: 'agreed', not_agreed: 'not agreed', oversight: 'oversight', none: 'none' } as const

function human(v: TrackerOutput): string {
  const groups = (counts: Record<string, number>): string => legalStatusGroups.map((g) => `${g} ${counts[g]}`).join(', ')
  const lines = [
    `Looked after on ${v.asOf}: ${v.lookedAfter}`,
    `  by legal status: ${groups(v.byLegalStatus)}`,
    `  permanence: agreed ${v.permanence.agreed}, not agreed ${v.permanence.notAgreed}, oversight ${v.permanence.oversight}, none ${v.permanence.none}`,
    `  ${figureLabels.noDecisionNoOversight}, by legal status: ${groups(v.noDecisionByLegalStatus)}`,
    `  carers changed since decision: ${v.carersChangedSinceDecision}`
  ]
  if (v.total !== undefined) lines.push(`children ${v.children?.length ?? 0} of ${v.total}:`)
  for (const c of v.children ?? []) {
    lines.push(
      `${c.childId}\t${c.legalStatusGroup}\t${statusLabel[c.status]}\tin care since ${c.periodStart ?? 'unknown'}\tlast panel ${c.lastPanelDate ?? '-'}`
    )
  }
  return lines.join('\n')
}

const wholeNumber = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new CliError(`"${value}" is not a whole number`)
  return Number(value)
}

/** `permanence tracker --as-of D [--children [--offset N --limit N --sort col[:desc],…]]`: the permanence tracker's numbers for a date. */
export function registerTrackerCommand(program: Command): void {
  program
    .command('tracker')
    .description('permanence tracker: looked-after children and their permanence status on a date')
    .option('--as-of <date>', 'the date (YYYY-MM-DD; default: today)', parseDateOption)
    .option('--children', 'add one row per looked-after child')
    .option('--offset <n>', 'with --children: skip this many rows (as the grid pages)', wholeNumber)
    .option('--limit <n>', 'with --children: at most this many rows (up to 1000), and the total', wholeNumber)
    .option('--sort <columns>', 'with --children: sort by grid columns, e.g. status:desc,name', parseSortOption)
    .action(
      async (
        opts: { asOf?: string; children?: boolean; offset?: number; limit?: number; sort?: { column: string; direction: 'asc' | 'desc' }[] },
        command: Command
      ) => {
        const paged = opts.offset !== undefined || opts.limit !== undefined || opts.sort !== undefined
        if (paged && !opts.children) throw new CliError('--offset, --limit and --sort go with --children')
        await withContext(command, async (ctx, g) => {
          const asOf = opts.asOf ?? ctx.today()
          const counts: TrackerOutput = await call(ctx, 'trackerCounts', { asOf })
          if (paged) {
            // The grid's own page query; the contract checks the sort columns.
            const page = await call(ctx, 'trackerPage', { asOf, offset: opts.offset, limit: opts.limit, sort: opts.sort as TrackerPageInput['sort'] })
            print(g, { ...counts, total: page.total, children: page.rows }, human)
            return
          }
          print(g, opts.children ? { ...counts, children: await (await import('../../main/core/tracker/queries')).trackerRows(ctx.db, asOf) } : counts, human)
        })
      }
    )
}

/** `permanence export tracker`: added to the shared `export` command (see program.ts). */
export function registerTrackerExport(exporter: Command): void {
  exporter
    .command('tracker')
    .description('the permanence tracker for a date: summary counts and one row per looked-after child (.xlsx)')
    .option('--as-of <date>', 'the date (YYYY-MM-DD; default: today)', parseDateOption)
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .option('--force', 'replace the file if it exists')
    .action(async (opts: { asOf?: string; out: string; force?: boolean }, command: Command) => {
      const out = resolve(opts.out)
      if (!out.toLowerCase().endsWith('.xlsx')) throw new CliError(`${out} does not end in .xlsx`)
      if (existsSync(out) && !opts.force) throw new CliError(`${out} already exists; choose a new file name or add --force`)
      await withContext(command, async (ctx, g) => {
        const asOf = opts.asOf ?? ctx.today()
        const file = await (await import('../../main/core/tracker/export')).exportTrackerToFile(ctx, asOf, out)
        print(g, { ok: true, out, asOf, rows: file.rows }, (v) => `Tracker for ${v.asOf} (${v.rows} children) written to ${v.out}`)
      })
    })
}
