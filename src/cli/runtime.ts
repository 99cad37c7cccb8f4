import { Command } from 'commander'
import { isoDate } from '../shared/contract/define'
import type { Context } from '../main/core/context'
import { AppError } from '../main/core/errors'
import type { CallInput, CallName, CallOutput } from '../shared/api'
import { chooseDbPath, ShellArgsError } from '../main/shell/args'

/**
 * Where one run of the CLI reads and writes: the process's own streams and environment
 * from bin/permanence.mjs, captured ones when a test runs the CLI in-process (main.ts's run).
 */
export interface CliIo {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean }
  env: NodeJS.ProcessEnv
  /** Set by a command that prints its result yet must end with a failing status. */
  exitCode?: number
}

// One CliIo per program built, found from any of its commands.
const ioOfProgram = new WeakMap<Command, CliIo>()

export function attachIo(program: Command, io: CliIo): void {
  ioOfProgram.set(program, io)
}

function ioOf(command: Command): CliIo {
  let root = command
  while (root.parent) root = root.parent
  const io = ioOfProgram.get(root)
  if (!io) throw new Error('CLI program built without attachIo()')
  return io
}

export interface GlobalOptions {
  db?: string
  json?: boolean
  user?: string
  io: CliIo
}

/** Exit 2 for bad input or usage, 1 for anything else that failed. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2
  ) {
    super(message)
  }
}

/** Commander option parser for YYYY-MM-DD dates (exit 2 on anything else). */
export function parseDateOption(value: string): string {
  if (!isoDate.safeParse(value).success) throw new CliError(`"${value}" is not a date: use YYYY-MM-DD`)
  return value
}

/** Commander option parser for a grid's sort, `status:desc,childId` → the contract's sort terms; the contract checks the column names. */
export const parseSortOption = (value: string): { column: string; direction: 'asc' | 'desc' }[] =>
  value.split(',').map((term) => {
    const [column = '', direction = 'asc'] = term.trim().split(':')
    if (direction !== 'asc' && direction !== 'desc') throw new CliError(`"${term}": the direction after the colon is asc or desc`)
    return { column, direction }
  })

export const globals = (command: Command): GlobalOptions => ({ ...command.optsWithGlobals<Omit<GlobalOptions, 'io'>>(), io: ioOf(command) })
/** The acting user named by --user or this run's PERMANENCE_USER (resolveUser falls back to the OS account). */
export const userOf = (g: GlobalOptions): string | undefined => g.user ?? g.io.env.PERMANENCE_USER
/** The database named by --db or PERMANENCE_DB (never an empty path, which SQLite would make a throwaway temporary database). */
export function dbPathOf(g: GlobalOptions): string {
  try {
    return chooseDbPath(g.db, g.io.env).dbPath
  } catch (error) {
    if (error instanceof ShellArgsError) throw new CliError(error.message)
    throw error
  }
}

/** Prints `value` as JSON with --json, else as the text `human` makes of it. */
export function print<T>(g: GlobalOptions, value: T, human: (v: T) => string): void {
  g.io.stdout.write(g.json ? `${JSON.stringify(value)}\n` : `${human(value)}\n`)
}

/** "costs baseline": the command as typed after `permanence`. */
export function commandPath(command: Command): string {
  const names: string[] = []
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name())
  return names.join(' ')
}

/** Opens the store for one command and always closes it, so WAL is checkpointed. */
export async function withContext<T>(command: Command, fn: (ctx: Context, g: GlobalOptions) => T | Promise<T>): Promise<T> {
  const g = globals(command)
  const { openContext } = await import('../main/core/session')
  const ctx = await openContext(dbPathOf(g), 'cli', userOf(g))
  try {
    return await fn(ctx, g)
  } catch (error) {
    // dispatch() has already worded a refusal of a named call; others get the command's name.
    if (error instanceof AppError && error.code === 'forbidden' && error.message.startsWith('Not permitted for your role')) throw error
    const { explainRefusal } = await import('../main/core/team/roles')
    throw await explainRefusal(ctx.db, error, commandPath(command))
  } finally {
    await ctx.db.close()
  }
}

/**
 * A named command's one way in: the same dispatch() as the window and the bridge (input
 * checked by the contract's schema), its failure raised as the core's own error.
 */
export async function call<N extends CallName>(ctx: Context, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  // Loaded when a command runs, not when the CLI starts: `--help` and `--version` stay quick.
  const { dispatch } = await import('../main/core/dispatch')
  const result = await dispatch(ctx, name, input)
  if (!result.ok) throw new AppError(result.error.code as AppError['code'], result.error.message, result.error.details)
  return result.value as CallOutput<N>
}

export function reportFailure(error: unknown, stderr: CliIo['stderr']): number {
  if (error instanceof CliError) {
    stderr.write(`permanence: ${error.message}\n`)
    return error.exitCode
  }
  if (error instanceof AppError) {
    // A refusal the team database made on the login's rights (explainRefusal names the command when it can).
    const message =
      error.code === 'forbidden' && !/not permitted for your role/i.test(error.message)
        ? `This is not permitted for your role: ${error.message}`
        : error.message
    stderr.write(`permanence: ${message}\n`)
    return error.code === 'invalid_input' || error.code === 'not_found' ? 2 : 1
  }
  stderr.write(`permanence: ${error instanceof Error ? error.message : String(error)}\n`)
  return 1
}
