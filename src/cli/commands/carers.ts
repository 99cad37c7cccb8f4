import type { Command } from 'commander'
import { readFileSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { carersMapping, type CarersImportSummary } from '../../shared/api'
import { describeZodError } from '../../main/core/zod-errors'
import { CliError, print, withContext } from '../runtime'

function human(s: CarersImportSummary): string {
  const lines = [
    `${s.dryRun ? 'Dry run (nothing written): would link' : 'Linked'} ${s.inserted} carer(s) to placements, ${s.unchanged} already linked, ` +
      `${s.carersAdded} new to the register; ${s.totals.rejectedRows} row(s) rejected, ${s.totals.warnings} warning(s).`
  ]
  for (const r of s.rejected.slice(0, 20)) lines.push(`  rejected ${r.file} row ${r.row} ${r.column} "${r.value}": ${r.reason}`)
  if (s.totals.rejected > 20) lines.push(`  … and ${s.totals.rejected - 20} more (use --json for the list)`)
  for (const w of s.warnings.slice(0, 10)) lines.push(`  warning ${w.file} row ${w.row} ${w.column} "${w.value}": ${w.reason}`)
  if (s.batchId !== null) lines.push(`Import number ${s.batchId} recorded in the import history.`)
  return lines.join('\n')
}

const readable = (p: string): string => {
  try {
    if (!statSync(p).isFile()) throw new Error('not a file')
  } catch {
    throw new CliError(`${p}: no such file`)
  }
  return resolve(p)
}

/** `import carers FILE --map map.json`, under the shared `import` command. */
export function registerCarersImport(program: Command): void {
  const imp = program.commands.find((c) => c.name() === 'import')!
  imp
    .command('carers')
    .description('link carers to placements from a CSV or xlsx list (child ID, placement start date, carer name …), adding new carers to the register')
    .argument('<file>', 'the carers file')
    .requiredOption(
      '--map <mapping.json>',
      'column mapping: {"sheet","headerRow","columns":{childId,placementStart,carerName,kind,provider,approvedDate,urn,address},"values":{"kind":{…}},"defaultKind","dateFormat"}'
    )
    .option('--dry-run', 'check and count, write nothing')
    .action(async (file: string, opts: { map: string; dryRun?: boolean }, command: Command) => {
      const path = readable(file)
      const mapPath = readable(opts.map)
      let raw: unknown
      try {
        raw = JSON.parse(readFileSync(mapPath, 'utf8'))
      } catch (error) {
        throw new CliError(`${opts.map}: not valid JSON (${error instanceof Error ? error.message : String(error)})`)
      }
      const mapping = carersMapping.safeParse(raw)
      if (!mapping.success) throw new CliError(`${opts.map}: ${describeZodError(mapping.error)}`)
      await withContext(command, async (ctx, g) => {
        print(
          g,
          await (await import('../../main/core/io/carers/import')).importCarers(ctx, { name: basename(path), path }, mapping.data, { dryRun: opts.dryRun }),
          human
        )
      })
    })
}
