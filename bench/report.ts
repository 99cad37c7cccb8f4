import { round } from './measure'

export interface CaseResult {
  case: string
  scale: string
  children: number
  episodes: number
  ms: number
  baselineMs?: number
  baseline?: string
  rows?: number
  peakRssMb?: number
  /** The app and its baseline gave the same answer (checked before comparing speed). */
  sameAnswer?: boolean
  target: string
  targetRatio?: number
  targetMs?: number
  /** Only checked at the scale named in the target. */
  targetScale?: string
  note?: string
  /** The physical limit the case is measured against, in a line (the README's bench table shows it). */
  limit?: string
}

export interface ReportedCase extends CaseResult {
  ratio: number | null
  rowsPerSec: number | null
  met: boolean
}

export function finish(r: CaseResult, topScale: string): ReportedCase {
  const ratio = r.baselineMs ? r.ms / r.baselineMs : null
  const ratioOk = r.targetRatio === undefined || ratio === null || ratio <= r.targetRatio
  const msApplies = r.targetMs !== undefined && (r.targetScale ?? topScale) === r.scale
  const msOk = !msApplies || r.ms <= r.targetMs!
  return {
    ...r,
    ms: round(r.ms, 2),
    baselineMs: r.baselineMs === undefined ? undefined : round(r.baselineMs, 2),
    ratio: ratio === null ? null : round(ratio, 2),
    rowsPerSec: r.rows ? Math.round(r.rows / (r.ms / 1000)) : null,
    met: ratioOk && msOk && r.sameAnswer !== false
  }
}

export function table(cases: ReportedCase[]): string {
  const header = ['case', 'scale', 'episodes', 'ms', 'baseline ms', 'ratio', 'rows/s', 'peak RSS MB', 'target', 'met']
  const lines = cases.map((c) =>
    [
      c.case,
      c.scale,
      c.episodes,
      c.ms,
      c.baselineMs ?? '—',
      c.ratio ?? '—',
      c.rowsPerSec ?? '—',
      c.peakRssMb ?? '—',
      c.target,
      c.met ? 'yes' : c.sameAnswer === false ? 'NO (answers differ)' : 'no'
    ].map(String)
  )
  return [header, ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n')
}

export interface BenchSummary {
  machine: { cpus: number; node: string; load?: number[] }
  /** When the run started (ISO). */
  ranAt?: string
  /** The options the run was given (`--quick`, `--only …`, `--scale …`). */
  args?: string[]
  quick: boolean
  cases: ReportedCase[]
  allMet: boolean
}

const cell = (value: unknown): string => String(value).replaceAll('|', '\\|').replaceAll('\n', ' ')
const ms = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '—' : v >= 100 ? Math.round(v).toLocaleString('en-GB') : v.toFixed(1))
const ukDateTime = (iso: string): string => {
  const [date = '', time = ''] = iso.split('T')
  return `${date.split('-').reverse().join('/')} ${time.slice(0, 5)} UTC`
}

/** One run's results as the README's markdown table, with the run it came from above it. */
export function markdownTable(run: BenchSummary): string {
  const { machine } = run
  const when = run.ranAt ? ` on ${ukDateTime(run.ranAt)}` : ''
  const load = machine.load ? `, load average ${machine.load.map((l) => l.toFixed(1)).join(' / ')} at the start` : ''
  const header = ['case', 'scale', 'app ms', 'baseline', 'baseline ms', 'ratio', 'target', 'met', 'physical limit · notes']
  const rows = run.cases.map((c) => [
    c.case,
    c.scale,
    ms(c.ms),
    c.baseline ?? '—',
    ms(c.baselineMs),
    c.ratio ?? '—',
    c.target,
    c.met ? 'yes' : c.sameAnswer === false ? 'NO (answers differ)' : 'no',
    [c.limit, c.note].filter(Boolean).join(' · ') || '—'
  ])
  return [
    `One run of \`npm run bench -- ${run.args?.join(' ') ?? `--json${run.quick ? ' --quick' : ''}`}\`${when}: ${machine.cpus} CPUs, Node ${machine.node}${load}; every target met: ${run.allMet ? 'yes' : 'no'}.`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => ([2, 4, 5].includes(i) ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)
  ].join('\n')
}
