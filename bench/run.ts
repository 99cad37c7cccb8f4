import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { costsCases } from './cases/costs'
import { exportCases } from './cases/exports'
import { rendererCases } from './cases/renderer'
import { trackerCases } from './cases/tracker'
import { finish, table, type ReportedCase } from './report'
import { buildScale, quickScales, scales } from './scale'

/**
 * `npm run bench [-- --json] [-- --quick]`: every case at every scale, each timed with
 * its baseline in the same run on the same machine, reported as a ratio.
 */
const json = process.argv.includes('--json')
const quick = process.argv.includes('--quick')
const log = (message: string): void => void process.stderr.write(`${message}\n`)

const dir = mkdtempSync(join(tmpdir(), 'permanence-bench-'))
const chosen = quick ? quickScales : scales
const topScale = chosen.at(-1)!.name
const results: ReportedCase[] = []
try {
  for (const scale of chosen) {
    log(`building ${scale.name} …`)
    const built = buildScale(scale, dir)
    log(`  ${built.children} children, ${built.episodes} episodes`)
    const runs = built.episodes > 500_000 ? 3 : 7
    for (const r of trackerCases(built, runs)) results.push(finish(r, topScale))
    for (const r of exportCases(built, dir)) results.push(finish(r, topScale))
    for (const r of costsCases(built, runs)) results.push(finish(r, topScale))
    for (const r of await rendererCases(built)) results.push(finish(r, topScale))
    built.db.close()
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const summary = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, quick, cases: results, allMet: results.every((r) => r.met) }
process.stdout.write(json ? `${JSON.stringify(summary)}\n` : `${table(results)}\n`)
