/**
 * `team add-user` and `team list-users`: each person logs in as their own database user,
 * a member of the group roles of what they do. Passwords never appear on a command line.
 */
import { escapeIdentifier, escapeLiteral, type ClientBase } from 'pg'
import { AppError, invalidInput } from '../errors'
import { groupRole, isTeamRole, teamRoles, type TeamRole } from './roles'

type Client = Pick<ClientBase, 'query'>

/** Reads `chair,panel` (as typed after --role): every name must be a team role. */
export function parseRoles(list: string): TeamRole[] {
  const names = list
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r !== '')
  const unknown = names.filter((r) => !isTeamRole(r))
  if (unknown.length > 0)
    throw invalidInput(`Unknown role${unknown.length > 1 ? 's' : ''} ${unknown.map((r) => `"${r}"`).join(', ')}: choose from ${teamRoles.join(', ')}.`)
  if (names.length === 0) throw invalidInput(`Give at least one role: ${teamRoles.join(', ')}.`)
  return teamRoles.filter((r) => names.includes(r))
}

export interface AddUserInput {
  name: string
  roles: readonly TeamRole[]
  /** Needed for a new login; ignored with `existing`. */
  password?: string
  /** Grant the roles to a login that already exists instead of creating one. */
  existing?: boolean
}

const loginExists = async (client: Client, name: string): Promise<boolean> =>
  ((await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount ?? 0) > 0

/** Creates a login (or, with `existing`, takes one that exists) and makes it a member of the roles' groups, in one transaction. */
export async function addUser(client: Client, input: AddUserInput): Promise<TeamUser> {
  const name = input.name.trim()
  if (name === '' || name.length > 63) throw invalidInput('The user name must be 1 to 63 characters (a PostgreSQL role name).')
  if (name.startsWith('permanence_') || name.startsWith('pg_')) throw invalidInput(`"${name}" is reserved: permanence_… and pg_… name roles, not people.`)
  const exists = await loginExists(client, name)
  if (input.existing && !exists) throw new AppError('not_found', `There is no database user "${name}" to grant roles to; leave out --existing to create it.`)
  if (!input.existing && exists) throw new AppError('conflict', `The database user "${name}" already exists; add --existing to grant it roles.`)
  if (!input.existing && (input.password === undefined || input.password.length < 8))
    throw invalidInput('The password must be at least 8 characters (from PERMANENCE_NEW_PASSWORD or standard input).')
  const user = escapeIdentifier(name)
  await client.query('BEGIN')
  try {
    if (!input.existing) await client.query(`CREATE ROLE ${user} LOGIN INHERIT PASSWORD ${escapeLiteral(input.password!)}`)
    for (const role of input.roles) await client.query(`GRANT ${escapeIdentifier(groupRole(role))} TO ${user}`)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
  return (await listUsers(client)).find((u) => u.name === name)!
}

export interface TeamUser {
  name: string
  canLogin: boolean
  roles: TeamRole[]
}

/** Every role that is a direct member of a team group, with the team roles it holds. */
export async function listUsers(client: Client): Promise<TeamUser[]> {
  const { rows } = await client.query<{ name: string; can_login: boolean; groups: string[] }>(
    `SELECT m.rolname AS name, m.rolcanlogin AS can_login, array_agg(g.rolname ORDER BY g.rolname) AS groups
     FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
     WHERE g.rolname = ANY($1::text[]) AND m.rolname NOT LIKE 'permanence\\_%'
     GROUP BY m.rolname, m.rolcanlogin ORDER BY m.rolname`,
    [teamRoles.map(groupRole)]
  )
  return rows.map((r) => ({ name: r.name, canLogin: r.can_login, roles: teamRoles.filter((t) => r.groups.includes(groupRole(t))) }))
}
