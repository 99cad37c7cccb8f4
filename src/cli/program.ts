import { Command, CommanderError } from 'commander'
import { appVersion } from '../main/core/version'
import { registerAgendaCommand } from './commands/agenda'
import { registerCallCommand } from './commands/call'
import { registerCarersImport } from './commands/carers'
import { register903Export, registerIoCommands } from './commands/io'
import { registerCostsCommands, registerCostsExport } from './commands/costs'
import { registerForecastCommand } from './commands/forecast'
import { registerReviewCommands } from './commands/review'
import { registerServeCommand } from './commands/serve'
import { registerStoreCommands } from './commands/store'
import { registerTeamCommands } from './commands/team'
import { registerTrackerCommand, registerTrackerExport } from './commands/tracker'
import { reportFailure } from './runtime'

export function buildProgram(): Command {
  const program = new Command('permanence')
    .description('Permanence Desk from the command line: the same core as the app')
    .version(appVersion)
    .option('--db <path>', 'database file (default: PERMANENCE_DB or the app\'s user-data folder)')
    .option('--json', 'print machine-readable JSON')
    .option('--user <name>', 'who to record in the audit log (default: PERMANENCE_USER or the OS account)')
    .showHelpAfterError()
    .exitOverride()
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
      const [{ openPostgres }, { migratePostgres }] = await Promise.all([import('../main/core/store/engine/postgres'), import('../main/core/store/postgres-schema')])
      const store = await openPostgres(url, { migrate: (db) => migratePostgres(db) })
      await store.close()
    }
  })
  // One `export` command; each capability adds its workbook as a subcommand.
  const exporter = program.command('export').description('write workbooks for people outside the app')
  registerTrackerExport(exporter)
  registerCostsExport(exporter)
  register903Export(exporter)
  return program
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    return reportFailure(error)
  }
}
