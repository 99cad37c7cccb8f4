/**
 * The team database's roles: PostgreSQL itself enforces who may read and write
 * what, so a raw SQL client logged in as a person has exactly that person's rights.
 * Each person logs in as their own database user, a member of one or more group roles.
 */
import type { ClientBase } from 'pg'
import { allRoles as appRoles, type Role } from '../../../shared/api'
import { AppError } from '../errors'
import type { Store } from '../store/engine/store'

/** What a person may be given on the command line (`team add-user NAME --role …`). */
export const teamRoles = ['chair', 'panel', 'hos', 'commissioner', 'officer', 'admin'] as const
export type TeamRole = (typeof teamRoles)[number]

export const teamRoleLabels: Record<TeamRole, string> = {
  chair: 'Panel chair',
  panel: 'Panel member (reads the agenda and papers, cannot sign off)',
  hos: 'Head of Service',
  commissioner: 'Commissioner (numbers only, never a child)',
  officer: 'Data officer (imports)',
  admin: 'Administrator'
}

/** The NOLOGIN group role behind each team role. */
export const groupRole = (role: TeamRole): string => `permanence_${role}`

/** Owns the schema: tables, views and the SECURITY DEFINER sources run with its rights. */
export const ownerRole = 'permanence_owner'

export const isTeamRole = (name: string): name is TeamRole => (teamRoles as readonly string[]).includes(name)

/** The app's roles (shared/contract/people.ts) each team role shows screens for. */
export const appRolesOf: Record<TeamRole, readonly Role[]> = {
  chair: ['chair'],
  panel: ['panel_member'],
  hos: ['head_of_service'],
  commissioner: ['commissioner'],
  officer: ['data_officer'],
  admin: ['admin']
}

/** A pg client (the team commands) or the app's store on PostgreSQL (getMe). */
export type Connection = Pick<ClientBase, 'query'> | Store

const groupNames = (): string => teamRoles.map((r) => `'${groupRole(r)}'`).join(', ')

/** The team roles the connected login holds, directly or through other roles. */
export async function teamRolesOf(connection: Connection): Promise<TeamRole[]> {
  // The names are this module's constants, so they are written into the SQL, not bound.
  const sql = `SELECT rolname FROM pg_roles WHERE rolname IN (${groupNames()}) AND pg_has_role(session_user, oid, 'member')`
  const names =
    'prepare' in connection
      ? await connection.prepare(sql).pluck<string>().all()
      : (await connection.query<{ rolname: string }>(sql)).rows.map((r) => r.rolname)
  const held = new Set(names)
  return teamRoles.filter((r) => held.has(groupRole(r)))
}

/** The app's roles for the connected login (what getMe answers on PostgreSQL), in the contract's order. */
export async function rolesOf(connection: Connection): Promise<Role[]> {
  const mine = new Set((await teamRolesOf(connection)).flatMap((r) => appRolesOf[r]))
  return appRoles.filter((r) => mine.has(r))
}

/**
 * The database login the store is connected as (PostgreSQL), which the audit log must
 * record as `who`: a trigger refuses any other name. Null on SQLite, where the desk's
 * user name is recorded as before.
 */
export async function sessionUser(store: Store): Promise<string | null> {
  if (store.engine !== 'postgres') return null
  return (await store.prepare('SELECT session_user').pluck<string>().get()) ?? null
}

/** PostgreSQL's insufficient_privilege: the login's roles do not allow what was asked. */
const insufficientPrivilege = '42501'

/**
 * Turns PostgreSQL's permission denied into the message a person can act on; any other
 * error is returned as it is. `call` names what was attempted (a contract call or command).
 */
export function notPermitted(error: unknown, call: string, held: readonly TeamRole[]): unknown {
  if (!isPermissionDenied(error)) return error
  const mine = held.length > 0 ? held.map((r) => teamRoleLabels[r]).join(', ') : 'no Permanence Desk role'
  return new AppError('forbidden', `${call} is not permitted for your role (${mine}). Ask an administrator if you need it.`, {
    cause: (error as Error).message
  })
}

/** PostgreSQL's permission denied, as pg raises it or as the store hands it on (AppError 'forbidden' with its SQLSTATE). */
function isPermissionDenied(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  if (error instanceof AppError) return error.code === 'forbidden' && (error.details as { sqlState?: unknown } | undefined)?.sqlState === insufficientPrivilege
  return (error as { code?: unknown }).code === insufficientPrivilege
}

/**
 * `notPermitted` for a call that ran on `store`: reads the login's roles to name them
 * (only on this failure path). Anything but a permission denied comes back as it was.
 */
export async function explainRefusal(store: Store, error: unknown, call: string): Promise<unknown> {
  if (store.engine !== 'postgres' || !isPermissionDenied(error)) return error
  const held = await teamRolesOf(store).catch(() => [])
  return notPermitted(error, call, held)
}

/** Every login that is a member of a team group, with its app roles (an administrator's team list). */
export async function teamMembers(store: Store): Promise<{ name: string; canLogin: boolean; roles: Role[] }[]> {
  const rows = await store
    .prepare<{ name: string; canLogin: boolean | number; group: string }>(
      `SELECT m.rolname AS name, m.rolcanlogin AS "canLogin", g.rolname AS "group"
       FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
       WHERE g.rolname IN (${groupNames()}) AND m.rolname NOT LIKE 'permanence\\_%'
       ORDER BY m.rolname, g.rolname`
    )
    .all()
  const members = new Map<string, { name: string; canLogin: boolean; groups: Set<string> }>()
  for (const r of rows) {
    const m = members.get(r.name) ?? { name: r.name, canLogin: Boolean(r.canLogin), groups: new Set<string>() }
    m.groups.add(r.group)
    members.set(r.name, m)
  }
  return [...members.values()].map((m) => {
    const mine = new Set(teamRoles.filter((t) => m.groups.has(groupRole(t))).flatMap((t) => appRolesOf[t]))
    return { name: m.name, canLogin: m.canLogin, roles: appRoles.filter((r) => mine.has(r)) }
  })
}
