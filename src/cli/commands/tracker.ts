import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { figureLabels, legalStatusGroups, type TrackerCounts, type TrackerRow } from '../../shared/contract/tracker'
import { CliError, parseDateOption, print, withContext , call } from '../runtime'

type TrackerOutput = TrackerCounts & { children?: TrackerRow[] }

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
  for (const c of v.children ?? []) {
    lines.push(`${c.childId}\t${c.legalStatusGroup}\t${statusLabel[c.status]}\tin care since ${c.periodStart ?? 'unknown'}\tlast panel ${c.lastPanelDate ?? '-'}`)
  }
  return lines.join('\n')
}

/** `permanence tracker --as-of D [--children]`: the permanence tracker's numbers for a date. */
export function registerTrackerCommand(program: Command): void {
  program
    .command('tracker')
    .description('permanence tracker: looked-after children and their permanence status on a date')
    .option('--as-of <date>', 'the date (YYYY-MM-DD; default: today)', parseDateOption)
    .option('--children', 'add one row per looked-after child')
    .action(async (opts: { asOf?: string; children?: boolean }, command: Command) => {
      await withContext(command, async (ctx, g) => {
        const asOf = opts.asOf ?? ctx.today()
        const counts: TrackerOutput = await call(ctx, 'trackerCounts', { asOf })
        print(g, opts.children ? { ...counts, children: await (await import('../../main/core/tracker/queries')).trackerRows(ctx.db, asOf) } : counts, human)
      })
    })
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
        const file = await (await import('../../main/core/tracker/export')).exportTrackerToFile(ctx.db, ctx.user, asOf, out)
        print(g, { ok: true, out, asOf, rows: file.rows }, (v) => `Tracker for ${v.asOf} (${v.rows} children) written to ${v.out}`)
      })
    })
}
