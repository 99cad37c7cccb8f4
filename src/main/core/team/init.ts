/**
 * `team init`: the roles, the schema and the grants of a team database. Run as a
 * PostgreSQL user allowed to create roles; safe to run again (after an upgrade it brings
 * ownership and grants back in line with team/grants.ts).
 */
import { escapeIdentifier, type ClientBase } from 'pg'
import { must } from '../../../shared/must'
import { AppError } from '../errors'
import { commissioningViews } from '../costs/sources'
import { grantStatements, insertableBy, ourTables } from './grants'
import { groupRole, ownerRole, teamRoles } from './roles'

type Client = Pick<ClientBase, 'query'>

export interface InitOptions {
  /** Brings the schema up to date (the PostgreSQL migrations), on any connection to the same database. */
  migrate?: () => Promise<void>
}

export interface InitResult {
  schema: string
  rolesCreated: string[]
  tables: number
}

const ours = new Set<string>([...ourTables, ...commissioningViews])

/** Tables and views in the database's own schemas that are not Permanence Desk's. */
export async function foreignTables(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     ORDER BY 1, 2`
  )
  return rows.filter((r) => r.schema !== 'public' || !ours.has(r.name)).map((r) => `${r.schema}.${r.name}`)
}

const isDuplicateRole = (error: unknown): boolean => ['42710', '23505'].includes(String((error as { code?: unknown }).code))

/** Creates the NOLOGIN roles that do not exist yet; returns those it created. */
async function createRoles(client: Client): Promise<string[]> {
  const wanted = [ownerRole, ...teamRoles.map(groupRole)]
  const { rows } = await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[])', [wanted])
  const existing = new Set(rows.map((r) => r.rolname))
  const created: string[] = []
  for (const role of wanted.filter((r) => !existing.has(r))) {
    try {
      await client.query(`CREATE ROLE ${escapeIdentifier(role)} NOLOGIN`)
      created.push(role)
    } catch (error) {
      // Roles are the server's: another team database's init may have just made it.
      if (!isDuplicateRole(error)) throw error
    }
  }
  return created
}

/** Hands every object of the schema to the owner role, so the sources run with its rights and no login owns a table. */
async function transferOwnership(client: Client, schema: string): Promise<void> {
  const s = escapeIdentifier(schema)
  const o = escapeIdentifier(ownerRole)
  const { rows } = await client.query<{ kind: string; name: string }>(
    `SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind, c.relname AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> $2
       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))`,
    [schema, ownerRole]
  )
  for (const r of rows) await client.query(`ALTER ${r.kind} ${s}.${escapeIdentifier(r.name)} OWNER TO ${o}`)
  const functions = await client.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
    [schema, ownerRole]
  )
  for (const f of functions.rows) await client.query(`ALTER FUNCTION ${f.signature} OWNER TO ${o}`)
}

async function applyGrants(client: Client, schema: string): Promise<number> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')",
    [schema]
  )
  const existing = new Set(rows.map((r) => r.name))
  for (const sql of grantStatements(schema, existing)) await client.query(sql)
  // New ids (INSERT … RETURNING id) draw on each table's sequence.
  for (const role of teamRoles) {
    for (const table of insertableBy(role).filter((t) => existing.has(t))) {
      const seq = await client
        .query<{ seq: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS seq', [`${escapeIdentifier(schema)}.${escapeIdentifier(table)}`, 'id'])
        .catch(() => ({ rows: [{ seq: null }] }))
      const name = seq.rows[0]?.seq
      if (name) await client.query(`GRANT USAGE ON SEQUENCE ${name} TO ${escapeIdentifier(groupRole(role))}`)
    }
  }
  return existing.size
}

/**
 * Creates the roles, brings the schema up to date, hands it to permanence_owner and
 * grants each role its rights. Refuses a database holding tables that are not ours.
 */
export async function initTeam(client: Client, options: InitOptions = {}): Promise<InitResult> {
  const foreign = await foreignTables(client)
  if (foreign.length > 0) {
    throw new AppError(
      'conflict',
      `This database holds tables that are not Permanence Desk's, so team init will not touch it: ${foreign.join(', ')}. Use an empty database of its own.`
    )
  }
  const schema = must((await client.query<{ s: string }>('SELECT current_schema() AS s')).rows[0], 'a SELECT without FROM returns one row').s
  if (schema !== 'public') throw new AppError('invalid_input', `team init works in the public schema; this connection's schema is ${schema}.`)
  const rolesCreated = await createRoles(client)
  // Membership lets a role-creating user who is not a superuser hand objects to the owner.
  const superuser = must(
    (await client.query<{ s: boolean }>('SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user')).rows[0],
    'the connected role is in pg_roles'
  ).s
  if (!superuser) await client.query(`GRANT ${escapeIdentifier(ownerRole)} TO CURRENT_USER`)
  await client.query(`GRANT USAGE, CREATE ON SCHEMA ${escapeIdentifier(schema)} TO ${escapeIdentifier(ownerRole)}`)
  // Functions are executable by everyone unless revoked; no migration, now or later, may
  // open a source to logins outside the team before the grants below say who may call it.
  for (const creator of ['CURRENT_USER', escapeIdentifier(ownerRole)])
    await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${creator} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`)
  if (options.migrate) await options.migrate()
  const present = await client.query(
    "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = 'schema_migration'",
    [schema]
  )
  if (present.rowCount === 0) throw new AppError('bad_database', 'This database has no Permanence Desk schema (no schema_migration table) to grant rights on.')
  await transferOwnership(client, schema)
  // The audit log's seal is kept by a trigger, never by a login: it runs with the owner's
  // rights, so a login that may append to the log still cannot rewrite the seal itself.
  const seal = `${escapeIdentifier(schema)}.audit_log_seal()`
  if ((await client.query<{ f: string | null }>('SELECT to_regprocedure($1) AS f', [seal])).rows[0]?.f) {
    await client.query(`ALTER FUNCTION ${seal} SECURITY DEFINER SET search_path = ${escapeIdentifier(schema)}, pg_temp`)
  }
  const tables = await applyGrants(client, schema)
  return { schema, rolesCreated, tables }
}
