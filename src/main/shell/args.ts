import { resolve } from 'node:path'
import { defaultDbPath } from '../core/paths'
import { isPostgresUrl } from '../core/store/location'

/**
 * The desktop app's command line, kept free of Electron so it is tested under Node.
 * The one rule that matters: a database the user named is the database opened. An
 * empty or missing value must stop the app with a message, because SQLite treats an
 * empty path as a private temporary database and everything typed into it would be
 * lost on quit without a word.
 */
export class ShellArgsError extends Error {}

export interface ShellArgs {
  dbPath: string
  /** Where the path came from, for the start-up log line. */
  dbSource: 'argument' | 'environment' | 'default'
}

const usage = 'use --db PATH or --db=PATH with the database file, e.g. --db "C:\\Data\\permanence.db"'

/** Paths SQLite would not keep: empty, blank or its in-memory name. */
function checkDbPath(value: string, from: string): string {
  if (value.trim() === '') throw new ShellArgsError(`${from} is empty: ${usage}`)
  if (value.trim() === ':memory:') throw new ShellArgsError(`${from} "${value}" is not a file path: ${usage}`)
  return value
}

/** The value of --db from the arguments after the executable, or undefined when not given. */
export function dbArgument(args: readonly string[]): string | undefined {
  let found: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    let value: string
    if (arg === '--db') {
      const next = args[i + 1]
      if (next === undefined || next.startsWith('--')) throw new ShellArgsError(`--db has no value: ${usage}`)
      value = next
      i++
    } else if (arg?.startsWith('--db=')) {
      value = arg.slice('--db='.length)
    } else continue
    if (found !== undefined) throw new ShellArgsError(`--db is given twice ("${found}" and "${value}"): give one database`)
    found = checkDbPath(value, '--db')
  }
  return found
}

/** The database to open: the explicit path, else PERMANENCE_DB, else the per-user default. */
export function chooseDbPath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ShellArgs {
  // A PostgreSQL URL names the team database; anything else is an SQLite file path.
  const place = (value: string, name: string): string => (isPostgresUrl(value) ? value : resolve(cwd, checkDbPath(value, name)))
  if (explicit !== undefined) return { dbPath: place(explicit, '--db'), dbSource: 'argument' }
  if (env.PERMANENCE_DB !== undefined) return { dbPath: place(env.PERMANENCE_DB, 'PERMANENCE_DB'), dbSource: 'environment' }
  return { dbPath: defaultDbPath({ ...env, PERMANENCE_DB: undefined }), dbSource: 'default' }
}

/** The desktop app's choice; `args` are the process arguments after the executable (Electron's `.` included). */
export const parseShellArgs = (args: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ShellArgs =>
  chooseDbPath(dbArgument(args), env, cwd)
