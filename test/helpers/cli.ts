import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const bin = join(import.meta.dirname, '..', '..', 'bin', 'permanence.mjs')

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
  json: () => any
}

/** Runs the real CLI in a child process, as a user would. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, PERMANENCE_USER: 'cli-tester', ...env }, timeout: 120_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) }
}
