import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { run } from '../../src/cli/program'

const bin = join(import.meta.dirname, '..', '..', 'bin', 'permanence.mjs')

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
  json: () => any
}

export interface CliOptions {
  /** Added to this process's environment for the one run. */
  env?: NodeJS.ProcessEnv
  /** Standard input, as a pipe would give it (default: empty). */
  input?: string
}

const cliEnv = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...process.env, PERMANENCE_USER: 'cli-tester', ...env })

/**
 * Runs the CLI in this process through `run()`: the same program and commands as
 * bin/permanence.mjs, with its own environment, standard input and captured output, and
 * without starting a process (about half a second each).
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const status = await run(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: cliEnv(options.env),
    stdin: Readable.from(options.input === undefined || options.input === '' ? [] : [options.input])
  })
  return { status, stdout, stderr, json: () => JSON.parse(stdout) }
}

/**
 * Runs the real CLI (bin/permanence.mjs) in a child process, as a user would: for what only
 * a process shows (its exit status, start-up, being killed part-way).
 */
export function runCliProcess(args: string[], options: CliOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: cliEnv(options.env), input: options.input ?? '', timeout: 120_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) }
}
