import type { Command } from 'commander'
import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { scenarioDefinition, type ScenarioDefinition, type ScenarioResult, type SufficiencyReport, type UnitCostRow } from '../../shared/api'
import { ukDate } from '../../shared/days'
import { describeZodError } from '../../main/core/zod-errors'
import { CliError, parseDateOption, print, withContext, call } from '../runtime'

const penny = (n: number): number => Math.round(n * 100) / 100
const gbp = (n: number): string => `£${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

/** Reads and validates a scenario file; every problem names the file and the field. */
export function readScenarioFile(path: string): ScenarioDefinition {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new CliError(`Cannot read scenario file ${path}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const parsed = scenarioDefinition.safeParse(json)
  if (!parsed.success) throw new CliError(`${path}: invalid scenario: ${describeZodError(parsed.error)}`)
  return parsed.data
}

/** Money to the penny for printing; occupancy and children as computed. */
const printable = (r: ScenarioResult): ScenarioResult => ({
  years: r.years.map((y) => ({ year: y.year, baseline: penny(y.baseline), proposed: penny(y.proposed), saving: penny(y.saving) })),
  total: { baseline: penny(r.total.baseline), proposed: penny(r.total.proposed), saving: penny(r.total.saving) },
  breakEven: Object.fromEntries(
    Object.entries(r.breakEven).map(([k, b]) => [
      k,
      {
        ...b,
        fixedAnnual: penny(b.fixedAnnual),
        replacedAnnualPerChild: penny(b.replacedAnnualPerChild),
        ...(b.flow && { flow: { ...b.flow, avoidedPerAdmission: penny(b.flow.avoidedPerAdmission) } })
      }
    ])
  )
})

const unitCostText = (rows: UnitCostRow[]): string =>
  rows
    .map(
      (r) =>
        `${r.optionCode.padEnd(21)} ${gbp(r.weekly).padStart(11)}/wk ${gbp(r.annual).padStart(13)}/yr  ${r.isAssumption ? 'ASSUMPTION ' : ''}from ${r.effectiveFrom}  ${r.label}`
    )
    .join('\n')

const resultText = (r: ScenarioResult): string =>
  [
    'Year   Baseline          Proposed          Saving',
    ...r.years.map((y) => `${String(y.year).padEnd(6)} ${gbp(y.baseline).padEnd(17)} ${gbp(y.proposed).padEnd(17)} ${gbp(y.saving)}`),
    `Total  ${gbp(r.total.baseline).padEnd(17)} ${gbp(r.total.proposed).padEnd(17)} ${gbp(r.total.saving)}`,
    ...Object.values(r.breakEven).map((b) =>
      b.flow
        ? `${b.service}: ${b.flow.admissionsPerYear.toFixed(1)} admissions a year, each avoiding ${gbp(b.flow.avoidedPerAdmission)}; breaks even at ${b.flow.breakEvenAdmissions === null ? 'n/a' : b.flow.breakEvenAdmissions.toFixed(2)} admissions a year (${b.occupancy === null ? 'n/a' : `${(b.occupancy * 100).toFixed(0)}%`} occupancy of ${b.capacity} places)`
        : `${b.service} breaks even at ${b.children === null ? 'n/a' : b.children.toFixed(2)} children from ${b.replaces} (capacity ${b.capacity}${b.occupancy === null ? '' : `, ${(b.occupancy * 100).toFixed(0)}% occupancy`})`
    )
  ].join('\n')

/** A share of no children reads n/a, as the workbook writes it. */
const measureText = (unit: 'count' | 'percent', n: number | null): string => (n === null ? 'n/a' : unit === 'percent' ? `${(n * 100).toFixed(1)}%` : String(n))

const sufficiencyText = (r: SufficiencyReport): string =>
  [
    `Sufficiency and stability on ${ukDate(r.asOf)} (flows over the 12 months from ${ukDate(r.yearFrom)})`,
    ...r.rows.map((x) => {
      const comparators = Object.entries(x.comparators).map(([k, v]) => `${k === 'england' ? 'England' : 'stat. neighbours'} ${measureText(x.unit, v)}`)
      return `  ${x.label.padEnd(60)} ${measureText(x.unit, x.value).padStart(7)}  a year earlier ${measureText(x.unit, x.yearEarlier)}${comparators.length ? `  (${comparators.join(', ')})` : ''}`
    }),
    'In-house / external by placement type:',
    ...r.byPlacementType.map(
      (t) => `  ${t.type.padEnd(50)} ${String(t.inHouse).padStart(4)} / ${String(t.external).padStart(4)}${t.other ? `  (${t.other} other)` : ''}`
    )
  ].join('\n')

export function registerCostsCommands(program: Command): void {
  const costs = program
    .command('costs')
    .description('placement cost model: the unit-cost table (run "costs run", "costs baseline", "costs import" for more)')
    .option('--as-of <date>', 'the unit costs in force on this date (default: today)', parseDateOption)
    .action(async (opts: { asOf?: string }, command: Command) => {
      await withContext(command, async (ctx, g) => print(g, await call(ctx, 'listUnitCosts', { asOf: opts.asOf ?? ctx.today() }), unitCostText))
    })

  costs
    .command('run <scenario>')
    .description('cost a scenario JSON file: baseline, proposed and saving per year, and break-even')
    .action(async (file: string, _opts, command: Command) => {
      const definition = readScenarioFile(file)
      await withContext(command, async (ctx, g) => {
        const table = (await import('../../main/core/costs/unitCosts')).weeklyTable(
          await (await import('../../main/core/costs/unitCosts')).unitCostsOn(ctx.db, definition.costsAsOf ?? ctx.today())
        )
        const labels = await (await import('../../main/core/costs/catalogue')).optionLabels(ctx.db)
        print(g, printable((await import('../../main/core/costs/formula')).runScenario(definition, table, labels)), resultText)
      })
    })

  costs
    .command('baseline')
    .description('children per placement option on a date, from the data (numbers only)')
    .option('--date <date>', 'the date (default: today)', parseDateOption)
    .action(async (opts: { date?: string }, command: Command) => {
      await withContext(command, async (ctx, g) =>
        print(g, await call(ctx, 'costBaseline', { date: opts.date ?? ctx.today() }), (b) =>
          [
            `Looked after on ${b.date}: ${b.lookedAfter} (${b.notCosted} not costed, ${b.unmappedTotal} unmapped)`,
            ...Object.entries(b.counts).map(([k, n]) => `  ${k.padEnd(21)} ${n}`),
            ...b.unmapped.map((u) => `  unmapped ${u.place ?? '?'}/${u.placeProvider ?? '?'}: ${u.children}`)
          ].join('\n')
        )
      )
    })

  costs
    .command('sufficiency')
    .description('sufficiency and stability measures on a date, a year earlier and against comparators (numbers only)')
    .option('--as-of <date>', 'the date (default: today)', parseDateOption)
    .action(async (opts: { asOf?: string }, command: Command) => {
      // `costs` has its own --as-of, and commander gives the option to the parent.
      const asOf = opts.asOf ?? (command.parent?.opts() as { asOf?: string } | undefined)?.asOf
      await withContext(command, async (ctx, g) => print(g, await call(ctx, 'sufficiency', { asOf: asOf ?? ctx.today() }), sufficiencyText))
    })

  costs
    .command('import <file>')
    .description(
      'import unit costs from a finance workbook (.xlsx, .xlsm, .xls or .ods) through a column mapping; usable rows are imported, and the exit status is 2 if any row was rejected'
    )
    .requiredOption('--option-col <col>', 'header text or letter of the column holding the option code or label')
    .requiredOption('--weekly-col <col>', 'header text or letter of the weekly cost column')
    .option('--date-col <col>', 'header text or letter of an effective-from column')
    .option('--source-col <col>', 'header text or letter of a source column')
    .option('--effective-from <date>', 'effective-from date for rows without one', parseDateOption)
    .option('--source <text>', 'source for rows without one')
    .option('--sheet <name>', 'worksheet (default: the first)')
    .option('--dry-run', 'show what would be imported and rejected; write nothing')
    .action(
      async (
        file: string,
        opts: {
          optionCol: string
          weeklyCol: string
          dateCol?: string
          sourceCol?: string
          effectiveFrom?: string
          source?: string
          sheet?: string
          dryRun?: boolean
        },
        command: Command
      ) => {
        let content: Buffer
        try {
          content = readFileSync(file)
        } catch {
          throw new CliError(`Cannot read ${file}`)
        }
        await withContext(command, async (ctx, g) => {
          const summary = await (
            await import('../../main/core/costs/importUnitCosts')
          ).importUnitCosts(
            ctx.db,
            ctx.user,
            {
              fileName: basename(file),
              content,
              sheet: opts.sheet,
              columns: { optionCode: opts.optionCol, weekly: opts.weeklyCol, effectiveFrom: opts.dateCol, source: opts.sourceCol },
              effectiveFrom: opts.effectiveFrom,
              source: opts.source
            },
            { dryRun: opts.dryRun, clock: ctx.clock }
          )
          print(g, summary, (s) =>
            [
              `${s.fileName}: ${s.inserted} added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected.length} rejected`,
              ...s.rejected.map((r) => `  row ${r.row}, ${r.column} "${r.value}": ${r.reason}`)
            ].join('\n')
          )
          if (summary.rejected.length > 0) g.io.exitCode = 2
        })
      }
    )
}

/** `permanence export costs`: added to the shared `export` command (see program.ts). */
export function registerCostsExport(exporter: Command): void {
  exporter
    .command('costs')
    .description('the cost model as an Excel workbook with live formulas (Assumptions, Baseline, Proposed, Summary)')
    .requiredOption('--scenario <file>', 'scenario JSON file')
    .requiredOption('--out <file>', 'workbook to write (.xlsx)')
    .action(async (opts: { scenario: string; out: string }, command: Command) => {
      const definition = readScenarioFile(opts.scenario)
      const out = resolve(opts.out)
      await withContext(command, async (ctx, g) => {
        const buffer = await (await import('../../main/core/costs/exportWorkbook')).buildWorkbook(ctx, definition)
        await (await import('../../main/core/io/atomic-write')).writeBufferAtomically(out, buffer)
        print(g, { ok: true, out, bytes: buffer.length }, (v) => `Cost model workbook written to ${v.out}`)
      })
    })
}
