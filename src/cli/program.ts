import { Command, CommanderError } from 'commander'
import { Readable } from 'node:stream'
import { appVersion } from '../main/core/version'
import { registerAgendaCommand } from './commands/agenda'
import { registerCallCommand } from './commands/call'
import { registerChildrenExport } from './commands/children'
import { registerCarersImport } from './commands/carers'
import { register903Export, registerIoCommands } from './commands/io'
import { registerCostsCommands, registerCostsExport } from './commands/costs'
import { registerForecastCommand } from './commands/forecast'
import { registerReviewCommands } from './commands/review'
import { registerServeCommand } from './commands/serve'
import { registerStoreCommands } from './commands/store'
import { registerTeamCommands } from './commands/team'
import { registerTrackerCommand, registerTrackerExport } from './commands/tracker'
import { attachIo, reportFailure, type CliIo } from './runtime'

function buildProgram(io: CliIo): Command {
  const program = new Command('permanence')
    // Before any subcommand is added: each copies its parent's output settings when made.
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .description('Permanence Desk from the command line: the same core as the app')
    .version(appVersion)
    .option('--db <path>', "database file (default: PERMANENCE_DB or the app's user-data folder)")
    .option('--json', 'print machine-readable JSON')
    .option('--user <name>', 'who to record in the audit log (default: PERMANENCE_USER or the OS account)')
    .showHelpAfterError()
    .exitOverride()
  attachIo(program, io)
  registerStoreCommands(program)
  registerCallCommand(program)
  registerIoCommands(program)
  registerCarersImport(program)
  registerServeCommand(program)
  registerTrackerCommand(program)
  registerReviewCommands(program)
  registerCostsCommands(program)
  registerForecastCommand(program)
  registerAgendaCommand(program)
  registerTeamCommands(program, {
    migrate: async (url) => {
      const [{ openPostgres }, { migratePostgres }] = await Promise.all([
        import('../main/core/store/engine/postgres'),
        import('../main/core/store/postgres-schema')
      ])
      const store = await openPostgres(url, { migrate: (db) => migratePostgres(db) })
      await store.close()
    }
  })
  // One `export` command; each capability adds its workbook as a subcommand.
  const exporter = program.command('export').description('write workbooks for people outside the app')
  registerTrackerExport(exporter)
  registerChildrenExport(exporter)
  registerCostsExport(exporter)
  register903Export(exporter)
  return program
}

export type RunOptions = Pick<CliIo, 'stdout' | 'stderr'> & Partial<Pick<CliIo, 'env' | 'stdin'>>

/**
 * One run of the CLI on `argv` (the arguments after `permanence`), returning its exit
 * status: it never exits the process nor sets process.exitCode, and writes only to the
 * given streams, so tests run it in-process. The environment defaults to the process's,
 * standard input to an empty stream.
 */
export async function run(argv: string[], options: RunOptions): Promise<number> {
  const io: CliIo = { env: process.env, stdin: Readable.from([]), ...options }
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' })
    return io.exitCode ?? 0
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    return reportFailure(error, io.stderr)
  }
}
