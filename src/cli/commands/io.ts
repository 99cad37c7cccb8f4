import type { Command } from 'commander'
import { readFileSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { trackerMapping, type ImportProgress, type DataImportSummary } from '../../shared/api'
import type { ProgressListener } from '../../main/core/io/progress'
import { describeZodError } from '../../main/core/zod-errors'
import { CliError, print, withContext, type CliIo } from '../runtime'

/** Files at least this big get progress lines on stderr (always with PERMANENCE_PROGRESS=1). */
const progressFromBytes = 1024 * 1024

function stderrProgress({ env, stderr }: CliIo, paths: string[]): ProgressListener | undefined {
  const total = paths.reduce((sum, p) => sum + statSync(p).size, 0)
  if (total < progressFromBytes && env.PERMANENCE_PROGRESS !== '1') return undefined
  return (p: ImportProgress) => {
    const line =
      p.phase === 'reading'
        ? // Bytes and rows count every file so far, not only the one being read.
          `reading ${p.file ?? 'the files'}: ${p.totalBytes ? Math.floor((100 * p.bytes) / p.totalBytes) : 0}% of the files read, ${p.rows} rows so far`
        : p.phase === 'writing'
          ? `writing ${p.written}/${p.of}`
          : p.phase
    stderr.write(`permanence: ${line}\n`)
  }
}

const existing = <const P extends readonly string[]>(paths: P): { -readonly [K in keyof P]: string } =>
  paths.map((p) => {
    try {
      if (!statSync(p).isFile()) throw new Error('not a file')
    } catch {
      throw new CliError(`${p}: no such file`)
    }
    return resolve(p)
  }) as { -readonly [K in keyof P]: string }

function human(s: DataImportSummary): string {
  const lines = [
    `${s.dryRun ? 'Dry run (nothing written): would insert' : 'Inserted'} ${s.inserted}, ${s.dryRun ? 'update' : 'updated'} ${s.updated}, unchanged ${s.unchanged}` +
      (s.kind === '903' ? ' children' : ' events') +
      (s.episodes
        ? ` (${s.episodes.written} episodes ${s.dryRun ? 'to write' : 'written'}, ${s.episodes.removed} stored ${s.dryRun ? 'to replace' : 'replaced'}` +
          `${s.episodes.kept ? `, ${s.episodes.kept} earlier kept` : ''})`
        : '') +
      `; ${s.totals.rejectedRows} row(s) rejected, ${s.totals.warnings} warning(s).`
  ]
  for (const r of s.rejected.slice(0, 20)) lines.push(`  rejected ${r.file} row ${r.row} ${r.column} "${r.value}": ${r.reason}`)
  if (s.totals.rejected > 20) lines.push(`  … and ${s.totals.rejected - 20} more (use --json for the list)`)
  // Warnings by rule: thousands of one postcode warning are one line, with where to look.
  for (const g of s.warningGroups) {
    const where = g.examples.map((w) => `${w.file} row ${w.row} "${w.value}"`).join(', ')
    lines.push(`  warning ×${g.count} ${g.column}: ${g.rule} (e.g. ${where}${g.count > g.examples.length ? ', …' : ''})`)
  }
  if (s.totals.warnings > 0) lines.push('  (every warning row is listed with --json)')
  if (s.batchId !== null) lines.push(`Import number ${s.batchId} recorded in the import history.`)
  return lines.join('\n')
}

export function registerIoCommands(program: Command): void {
  const imp = program.command('import').description('import SSDA903 returns or a legacy tracker spreadsheet')

  imp
    .command('903')
    .description('import SSDA903 Header and Episodes files (CSV or xlsx); the table is recognised from its header row')
    .argument('<files...>', 'Header / Episodes files')
    .option('--dry-run', 'check and count, write nothing')
    .action(async (files: string[], opts: { dryRun?: boolean }, command: Command) => {
      const paths = existing(files)
      await withContext(command, async (ctx, g) => {
        // Off the main thread like the app, so this path (and a kill part-way) is the one the app takes.
        const sources = paths.map((path) => ({ name: basename(path), path }))
        const summary = await (
          await import('../../main/core/io/ssda903/off-thread')
        ).import903OffThread(ctx, sources, { dryRun: opts.dryRun, onProgress: stderrProgress(g.io, paths) })
        print(g, summary, human)
      })
    })

  imp
    .command('tracker')
    .description('import panel decisions and oversight entries from a legacy tracker (xlsx, xls, ods or CSV)')
    .argument('<file>', 'the tracker')
    .requiredOption(
      '--map <mapping.json>',
      'column mapping: {"sheet","headerRow","columns":{childId,date,outcome,notes},"values":{"outcome":{…}},"dateFormat"}'
    )
    .option('--dry-run', 'check and count, write nothing')
    .action(async (file: string, opts: { map: string; dryRun?: boolean }, command: Command) => {
      const [path, mapPath] = existing([file, opts.map])
      let raw: unknown
      try {
        raw = JSON.parse(readFileSync(mapPath, 'utf8'))
      } catch (error) {
        throw new CliError(`${opts.map}: not valid JSON (${error instanceof Error ? error.message : String(error)})`)
      }
      const mapping = trackerMapping.safeParse(raw)
      if (!mapping.success) throw new CliError(`${opts.map}: ${describeZodError(mapping.error)}`)
      await withContext(command, async (ctx, g) => {
        const summary = await (
          await import('../../main/core/io/tracker/import')
        ).importTracker(ctx, { name: basename(path), path }, mapping.data, { dryRun: opts.dryRun, onProgress: stderrProgress(g.io, [path]) })
        print(g, summary, human)
      })
    })
}

/** `export 903 --out DIR`, under the shared `export` command. */
export function register903Export(exporter: Command): void {
  exporter
    .command('903')
    .description('write the stored children and episodes as SSDA903 Header.csv and Episodes.csv')
    .requiredOption('--out <dir>', 'folder to write into (created if missing)')
    .action(async (opts: { out: string }, command: Command) => {
      await withContext(command, async (ctx, g) => {
        const result = await (await import('../../main/core/io/ssda903/export')).export903(ctx, resolve(opts.out))
        print(g, result, (r) => `Wrote ${r.children} children to ${r.header} and ${r.episodeRows} episodes to ${r.episodes}`)
      })
    })
}
