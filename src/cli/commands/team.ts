import type pg from 'pg'
import type { Command } from 'commander'
import { resolve } from 'node:path'
import { teamRoles } from '../../main/core/team/roles'
import { CliError, globals, print, type CliIo, type GlobalOptions } from '../runtime'

export interface TeamWiring {
  /** Brings a team database's schema up to date (the PostgreSQL migrations), given its URL. */
  migrate?: (url: string) => Promise<void>
}

function urlOf(g: GlobalOptions): string {
  if (!g.db || !/^postgres(ql)?:\/\//.test(g.db))
    throw new CliError('team commands need --db postgres://USER@HOST:PORT/DATABASE (the password from PGPASSWORD or ~/.pgpass)')
  return g.db
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new (await import('pg')).default.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** The new user's password: PERMANENCE_NEW_PASSWORD, else standard input (never an argument, which others can see). */
async function newPassword({ env, stdin }: CliIo): Promise<string> {
  const fromEnv = env.PERMANENCE_NEW_PASSWORD
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (stdin.isTTY) throw new CliError('Give the new password in PERMANENCE_NEW_PASSWORD or on standard input.')
  const chunks: Buffer[] = []
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

export function registerTeamCommands(program: Command, wiring: TeamWiring = {}): void {
  const team = program.command('team').description('a shared PostgreSQL database: roles and users (run as a user allowed to create roles)')

  team
    .command('init')
    .description('create the roles, schema and grants (safe to run twice; refuses a database holding other tables)')
    .action(async (_opts, command: Command) => {
      const g = globals(command)
      const url = urlOf(g)
      const result = await withClient(url, async (client) =>
        (await import('../../main/core/team/init')).initTeam(client, { migrate: wiring.migrate && (() => wiring.migrate!(url)) })
      )
      print(
        g,
        { ok: true, ...result },
        (v) =>
          `Team database ready: ${v.tables} tables in schema ${v.schema}${v.rolesCreated.length ? `; created roles ${v.rolesCreated.join(', ')}` : '; roles already there'}.`
      )
    })

  team
    .command('add-user')
    .description(`create a login with roles (${teamRoles.join(', ')}); password from PERMANENCE_NEW_PASSWORD or standard input`)
    .argument('<name>', 'the database user name the person logs in with')
    .requiredOption('--role <roles>', `one or more of ${teamRoles.join(', ')}, separated by commas`)
    .option('--existing', 'grant the roles to an existing login instead of creating one')
    .action(async (name: string, opts: { role: string; existing?: boolean }, command: Command) => {
      const g = globals(command)
      const url = urlOf(g)
      const roles = (await import('../../main/core/team/users')).parseRoles(opts.role)
      const password = opts.existing ? undefined : await newPassword(g.io)
      const user = await withClient(url, async (client) =>
        (await import('../../main/core/team/users')).addUser(client, { name, roles, password, existing: opts.existing })
      )
      print(g, user, (u) => `${u.name}: ${u.roles.join(', ')}`)
    })

  team
    .command('list-users')
    .description('the logins and their Permanence Desk roles')
    .action(async (_opts, command: Command) => {
      const g = globals(command)
      const users = await withClient(urlOf(g), async (client) => (await import('../../main/core/team/users')).listUsers(client))
      print(g, users, (us) =>
        us.length === 0 ? 'No users yet.' : us.map((u) => `${u.name}${u.canLogin ? '' : ' (cannot log in)'}: ${u.roles.join(', ')}`).join('\n')
      )
    })

  team
    .command('copy-from')
    .description("move a desk's SQLite database into this (empty) team database, verified table by table")
    .argument('<file>', 'the desk database file (permanence.db)')
    .action(async (file: string, _opts, command: Command) => {
      const g = globals(command)
      const store = await (await import('../../main/core/store/open')).openStore(urlOf(g))
      try {
        const result = await (await import('../../main/core/team/copy')).copyFromSqlite(resolve(file), store)
        print(
          g,
          result,
          (r) => `Copied ${r.rows.toLocaleString('en-GB')} rows in ${r.tables.length} tables from ${r.from}; every table's count and row hash match.`
        )
      } finally {
        await store.close()
      }
    })
}
