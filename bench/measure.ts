import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { must } from '../src/shared/must'

/** Median wall time of `runs` calls (after one warm-up), in milliseconds. */
export async function timeMedian<T>(fn: () => T | Promise<T>, runs: number): Promise<{ ms: number; result: T }> {
  let result = await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    result = await fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { ms: must(times[Math.floor(times.length / 2)], 'at least one run'), result }
}

export async function timeOnce<T>(fn: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now()
  const result = await fn()
  return { ms: performance.now() - start, result }
}

export interface ChildMeasurement {
  ms: number
  peakRssMb: number
  result: unknown
}

/**
 * Runs one job of bench/child.ts in a fresh Node process, so its peak RSS is its own
 * (the parent's high-water mark would hide whether memory stays flat as files grow).
 */
export function inChildProcess(job: string, args: unknown): ChildMeasurement {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'child.ts'), job, JSON.stringify(args)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  if (r.status !== 0) throw new Error(`bench job ${job} failed: ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildMeasurement
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits
