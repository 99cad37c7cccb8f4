import type { HandlerMap } from '../handler'
import { AppError } from '../errors'
import { testConnection } from './connect'
import { rolesOf, teamMembers } from './roles'

const desktopOnly = (): never => {
  throw new AppError(
    'invalid_input',
    'Only the desktop app keeps a connection and its password. Here, name the database with --db postgres://USER@HOST/DATABASE or PERMANENCE_DB, and give the password with PGPASSWORD or ~/.pgpass.'
  )
}

/**
 * The connection screen's calls as the browser mode and the CLI answer them: they show
 * the database open now and test settings, but keep nothing (the desktop app's main
 * process answers getConnection, saveConnection and useEmbeddedDatabase itself).
 */
export const connectionHandlers: HandlerMap<'getConnection' | 'saveConnection' | 'useEmbeddedDatabase' | 'testConnection' | 'listTeamMembers'> = {
  getConnection: async (ctx) => ({
    keeper: 'none',
    current: { engine: ctx.db.engine, location: ctx.dbPath },
    saved: null,
    encryptionAvailable: false,
    overriddenBy: null
  }),
  saveConnection: async () => desktopOnly(),
  useEmbeddedDatabase: async () => desktopOnly(),
  testConnection: async (_ctx, input) => await testConnection(input.settings, input.password),
  listTeamMembers: async (ctx) => {
    if (ctx.db.engine !== 'postgres') throw new AppError('invalid_input', 'This desk uses its own embedded database, so there is no team to list.')
    // The catalogue is readable by any login; the list is an administrator's all the same.
    if (!(await rolesOf(ctx.db)).includes('admin')) throw new AppError('forbidden', 'Not permitted for your role: the team list is for administrators.')
    return await teamMembers(ctx.db)
  }
}
