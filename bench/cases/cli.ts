import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { benchAsOf, type BuiltScale } from '../scale'
import type { CaseResult } from '../report'
import { must } from '../../src/shared/must'

const bin = join(import.meta.dirname, '..', '..', 'bin', 'permanence.mjs')

/** Median wall time of a whole process, started `runs` times after one warm-up. */
function timeProcess(args: string[], runs: number): { ms: number; stdout: string } {
  let stdout = ''
  const times: number[] = []
  for (let i = 0; i <= runs; i++) {
    const start = performance.now()
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`)
    if (i > 0) times.push(performance.now() - start)
    stdout = r.stdout
  }
  times.sort((a, b) => a - b)
  return { ms: must(times[Math.floor(times.length / 2)], 'runs > 1, so at least one is timed'), stdout }
}

/**
 * The CLI as scripts use it, one process per command: start-up (`--version`) and a
 * real query (`tracker --json`), each against a bare `node -e 0` start in the same run,
 * which is the least any Node command can cost. Needs the built CLI (`npm run build`);
 * without it the TypeScript is compiled on every start and the case says so.
 */
export function cliCases(built: BuiltScale, runs: number): CaseResult[] {
  const base = { scale: built.scale.name, children: built.children, episodes: built.episodes }
  const bare = timeProcess(['-e', '0'], runs)
  const version = timeProcess([bin, '--version'], runs)
  const tracker = timeProcess([bin, '--db', built.dbPath, 'tracker', '--as-of', benchAsOf, '--json'], runs)
  const lookedAfter = (JSON.parse(tracker.stdout) as { lookedAfter: number }).lookedAfter
  return [
    {
      ...base,
      case: 'CLI start-up (--version)',
      ms: version.ms,
      baselineMs: bare.ms,
      baseline: 'node -e 0',
      target: '< 500 ms',
      targetMs: 500,
      targetScale: built.scale.name,
      limit: 'starting Node and running nothing (node -e 0)'
    },
    {
      ...base,
      case: 'CLI tracker --json, whole process',
      ms: tracker.ms,
      baselineMs: bare.ms,
      baseline: 'node -e 0',
      limit: 'starting Node and running nothing (node -e 0)',
      rows: lookedAfter,
      sameAnswer: lookedAfter > 0,
      target: '< 1 s',
      targetMs: 1000
    }
  ]
}
