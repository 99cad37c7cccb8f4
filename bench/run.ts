import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { cliCases } from './cases/cli'
import { costsCases } from './cases/costs'
import { engineCases } from './cases/engines'
import { exportCases } from './cases/exports'
import { importCases } from './cases/imports'
import { rendererCases } from './cases/renderer'
import { startCases } from './cases/start'
import { trackerCases } from './cases/tracker'
import { isFresh } from '../scripts/freshness.mjs'
import { finish, table, type BenchSummary, type ReportedCase } from './report'
import { buildScale, quickScales, scales } from './scale'

/**
 * `npm run bench [-- --json] [-- --quick]`: every case at every scale, each timed with
 * its baseline in the same run on the same machine, reported as a ratio.
 */
const json = process.argv.includes('--json')
const quick = process.argv.includes('--quick')
// `--only import` (a comma list of case-file names) runs just those cases, e.g. while profiling one of them.
const onlyAt = process.argv.indexOf('--only')
const onlyList = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined
if (onlyAt >= 0 && onlyList === undefined) throw new Error('--only needs a comma list of case-file names')
const only = onlyList === undefined ? null : new Set(onlyList.split(','))
const wanted = (name: string): boolean => only === null || only.has(name)
// `--scale 100k` runs one named scale (of the full or quick set).
const scaleAt = process.argv.indexOf('--scale')
const log = (message: string): void => void process.stderr.write(`${message}\n`)
// The machine's state when the run began: the README's table prints it beside the figures.
const ranAt = new Date().toISOString()
const startLoad = loadavg()

// The renderer and CLI cases measure the built app: build it when it is missing or older
// than the sources, rather than skipping those cases.
if ((wanted('renderer') || wanted('start') || wanted('cli')) && !(isFresh('out/renderer/index.html', ['src']) && isFresh('out/main/cli.js', ['src']))) {
  log('building the app (out/ is missing or older than src/) …')
  const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] })
  if (built.status !== 0) throw new Error('electron-vite build failed')
}

const dir = mkdtempSync(join(tmpdir(), 'permanence-bench-'))
const chosen =
  scaleAt >= 0 ? [...scales, ...quickScales].filter((s, i, all) => s.name === process.argv[scaleAt + 1] && all.indexOf(s) === i) : quick ? quickScales : scales
if (chosen.length === 0) throw new Error(`no scale named ${process.argv[scaleAt + 1]}`)
const topScale = chosen.at(-1)!.name
const results: ReportedCase[] = []
try {
  for (const scale of chosen) {
    log(`building ${scale.name} …`)
    const built = await buildScale(scale, dir)
    log(`  ${built.children} children, ${built.episodes} episodes`)
    const runs = built.episodes > 500_000 ? 3 : 7
    if (wanted('tracker')) for (const r of await trackerCases(built, runs)) results.push(finish(r, topScale))
    if (wanted('exports')) for (const r of exportCases(built, dir)) results.push(finish(r, topScale))
    if (wanted('imports')) for (const r of await importCases(built, dir)) results.push(finish(r, topScale))
    if (wanted('costs')) for (const r of await costsCases(built, runs)) results.push(finish(r, topScale))
    if (wanted('cli')) results.push(...cliCases(built, runs).map((r) => finish(r, topScale)))
    if (wanted('renderer')) for (const r of await rendererCases(built)) results.push(finish(r, topScale))
    if (wanted('start')) for (const r of await startCases(built, runs)) results.push(finish(r, topScale))
    if (wanted('engines')) for (const r of await engineCases(built, dir, runs)) results.push(finish(r, topScale))
    await built.db.close()
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const summary: BenchSummary = {
  machine: { cpus: cpus().length, node: process.version, load: startLoad },
  ranAt,
  args: process.argv.slice(2),
  quick,
  cases: results,
  allMet: results.every((r) => r.met)
}
process.stdout.write(json ? `${JSON.stringify(summary)}\n` : `${table(results)}\n`)
