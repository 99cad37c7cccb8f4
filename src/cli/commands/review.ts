import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { reviewCohorts, reviewOutcomeLabels, reviewOutcomes, type ReviewCycleSummary, type ReviewItemRow } from '../../shared/api'
import type { Context } from '../../main/core/context'
import { describeDefinition } from '../../main/core/review/definitions'
import { CliError, parseDateOption, print, withContext, call } from '../runtime'

const positiveInt = (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new CliError(`"${value}" is not a cycle ID (a whole number above 0)`)
  return n
}

const summaryLines = (c: ReviewCycleSummary): string[] => [
  `Review cycle ${c.id} "${c.label}" (${c.status}), cohort as on ${c.startDate}, opened by ${c.openedBy}`,
  `  reviewed ${c.progress.reviewed} of ${c.progress.total}`,
  ...reviewCohorts.map((k) => `  ${k}: ${c.byCohort[k].reviewed} of ${c.byCohort[k].total} reviewed`),
  `  outcomes: ${reviewOutcomes.map((o) => `${reviewOutcomeLabels[o]} ${c.byOutcome[o]}`).join(', ')}`,
  `  order or care changed since the snapshot: ${c.changed}`,
  '  cohort definitions (each child in the first it meets):',
  ...c.cohortDefinitions.map((d) => `    ${describeDefinition(d)}`)
]

const cohortEntry = (i: ReviewItemRow) => ({
  itemId: i.id,
  childId: i.childId,
  cohort: i.cohort,
  ls: i.snapshot.ls,
  legalStatusSince: i.snapshot.legalStatusSince,
  daysOnOrder: i.daysOnOrder,
  status: i.snapshot.status,
  outcome: i.outcome,
  changes: i.changes
})

/** The core's request for confirmation, reworded for the command line (exit 2: nothing was opened). */
async function openWithConfirmation(ctx: Context, input: { startDate: string; label?: string; confirm?: boolean }): Promise<ReviewCycleSummary> {
  try {
    return await call(ctx, 'openReviewCycle', input)
  } catch (error) {
    const confirm =
      error instanceof (await import('../../main/core/errors')).AppError ? (error.details as { confirm?: string[] } | undefined)?.confirm : undefined
    if (confirm) throw new CliError(`The review cycle was not opened. ${confirm.join(' ')} Add --confirm to open it anyway.`, 2)
    throw error
  }
}

/** `permanence review open|status|export`: the Head of Service's quarterly review. */
export function registerReviewCommands(program: Command): void {
  const review = program.command('review').description('Head of Service review: the FCO, section 20 and placed-with-parents cohorts (definitions editable)')

  review
    .command('open')
    .description('open a review cycle, snapshotting the cohort as on the date')
    .requiredOption('--date <date>', 'the cohort date (YYYY-MM-DD)', parseDateOption)
    .option('--label <label>', "the cycle's name (default: the financial quarter, e.g. 2019-20 Q4)")
    .option('--confirm', 'open even if the date is more than a quarter ahead or another cycle is still open')
    .action(async (opts: { date: string; label?: string; confirm?: boolean }, command: Command) => {
      await withContext(command, async (ctx, g) => {
        const { id } = await openWithConfirmation(ctx, { startDate: opts.date, label: opts.label, confirm: opts.confirm })
        const { cycle, items } = await call(ctx, 'reviewCycle', { cycleId: id })
        const sizes = { ...Object.fromEntries(reviewCohorts.map((k) => [k, cycle.byCohort[k].total])), total: cycle.progress.total }
        print(g, { cycle, cohort: sizes, children: items.map(cohortEntry) }, (v) =>
          [...summaryLines(v.cycle), ...v.children.map((c) => `${c.childId}\t${c.cohort}\t${c.ls}\tsince ${c.legalStatusSince}\t${c.status}`)].join('\n')
        )
      })
    })

  review
    .command('status')
    .description('progress of a review cycle (default: the latest open one)')
    .option('--cycle <id>', 'the cycle ID', positiveInt)
    .option('--children', 'add one row per child in the cycle')
    .action(async (opts: { cycle?: number; children?: boolean }, command: Command) => {
      await withContext(command, async (ctx, g) => {
        const id = opts.cycle ?? (await (await import('../../main/core/review/cycles')).currentCycleId(ctx.db))
        if (id === null) throw new CliError('No review cycle yet: open one with "permanence review open --date YYYY-MM-DD"')
        const { cycle, items } = await call(ctx, 'reviewCycle', { cycleId: id })
        print(g, opts.children ? { cycle, children: items.map(cohortEntry) } : { cycle }, (v) =>
          [
            ...summaryLines(v.cycle),
            ...(v.children ?? []).map((c) => `${c.childId}\t${c.cohort}\t${c.outcome ?? 'not reviewed'}${c.changes.length ? '\tCHANGED' : ''}`)
          ].join('\n')
        )
      })
    })

  review
    .command('export')
    .description('write the cycle as an Excel workbook for the quarterly report')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .option('--cycle <id>', 'the cycle ID (default: the latest open one)', positiveInt)
    .action(async (opts: { out: string; cycle?: number }, command: Command) => {
      const out = resolve(opts.out)
      if (existsSync(out)) throw new CliError(`${out} already exists; choose a new file name`)
      await withContext(command, async (ctx, g) => {
        const id = opts.cycle ?? (await (await import('../../main/core/review/cycles')).currentCycleId(ctx.db))
        if (id === null) throw new CliError('No review cycle to export: open one with "permanence review open --date YYYY-MM-DD"')
        const file = await (await import('../../main/core/review/export')).exportCycle(ctx, id, out)
        await (await import('../../main/core/io/atomic-write')).writeBufferAtomically(out, Buffer.from(file.contentBase64, 'base64'))
        print(g, { ok: true, out }, (v) => `Review cycle written to ${v.out}`)
      })
    })
}
