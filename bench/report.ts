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
  const lines = cases.map((c) => [c.case, c.scale, c.episodes, c.ms, c.baselineMs ?? '—', c.ratio ?? '—', c.rowsPerSec ?? '—', c.peakRssMb ?? '—', c.target, c.met ? 'yes' : c.sameAnswer === false ? 'NO (answers differ)' : 'no'].map(String))
  return [header, ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n')
}
