import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/dispatch'
import { AppError } from '../../../src/main/core/errors'
import { openContext } from '../../../src/main/core/session'
import { grants, ourTables } from '../../../src/main/core/team/grants'
import { initTeam } from '../../../src/main/core/team/init'
import { notPermitted, rolesOf, sessionUser, teamRoles, teamRolesOf, type TeamRole } from '../../../src/main/core/team/roles'
import { addUser, listUsers, parseRoles } from '../../../src/main/core/team/users'
import { openPostgres } from '../../../src/main/core/store/engine/postgres'
import type { Store } from '../../../src/main/core/store/engine/store'
import { emptyTeamDatabase, login as named, type TeamDatabase } from '../../helpers/team'
import { firstN } from '../../helpers/defined'

/*
 * Column names that hold (or point at) who a child is: IDs, names, dates of birth, UPNs,
 * postcodes, addresses and carers. Matched against every column of every table, so a
 * column added later under such a name is checked without touching this test.
 */
const identifierPatterns = [/child_id/, /upn/, /given_name/, /family_name/, /^name$/, /dob/, /mother/, /post(code)?$/, /address/, /carer/, /^urn$/]
/** Columns whose content may name a child whatever their name (free text about records). */
const identifierColumns = new Set([
  'audit_log.entity_id',
  'audit_log.before',
  'audit_log.after',
  'import_batch.report',
  'agenda_item.papers',
  'agenda_item.reason'
])
/** Tables about carers: every column identifies a carer and so, through them, a child. */
const carerTables = new Set(['carer', 'placement_carer', 'decision_carer'])
/** Named `name` but about no child: a saved scenario's or view's title, a migration's. */
const notIdentifying = new Set(['cost_scenario.name', 'tracker_view.name', 'schema_migration.name'])

const isIdentifier = (table: string, column: string): boolean =>
  !notIdentifying.has(`${table}.${column}`) &&
  (carerTables.has(table) || identifierColumns.has(`${table}.${column}`) || identifierPatterns.some((p) => p.test(column)))

const password = 'a-long-test-password'
// Logins are server-wide: this file's carry its own suffix (chair1_ab12cd …).
const [chair1, panel1, hos1, comm1, officer1, admin1] = firstN(['chair1', 'panel1', 'hos1', 'comm1', 'officer1', 'admin1'].map(named), 6)
const users: Record<string, TeamRole[]> = {
  [chair1]: ['chair'],
  [panel1]: ['panel'],
  [hos1]: ['hos'],
  [comm1]: ['commissioner'],
  [officer1]: ['officer'],
  [admin1]: ['admin']
}
const ours = <T extends { name: string }>(list: T[]): T[] => list.filter((u) => Object.hasOwn(users, u.name))

let team: TeamDatabase
let owner: pg.Client
const logins: Record<string, pg.Client> = {}
const stores: Store[] = []

async function login(name: string): Promise<pg.Client> {
  logins[name] ??= await (async () => {
    const c = new pg.Client({ connectionString: team.as(name, password) })
    await c.connect()
    return c
  })()
  return logins[name]
}

async function denied(client: pg.Client, sql: string, params: unknown[] = []): Promise<string> {
  const error = await client.query(sql, params).then(
    () => null,
    (e: unknown) => e as { code?: string; message: string }
  )
  expect(error, sql).not.toBeNull()
  expect(error!.code, `${sql}: ${error!.message}`).toBe('42501')
  return error!.message
}

beforeAll(async () => {
  team = await emptyTeamDatabase('team')
  owner = await team.admin()
}, 120_000)

afterAll(async () => {
  for (const c of Object.values(logins)) await c.end().catch(() => undefined)
  for (const s of stores) await s.close()
  await team?.close()
})

describe('team init', () => {
  it('creates the roles, schema and grants, and a second run changes nothing', async () => {
    const first = await initTeam(owner, { migrate: team.migrate })
    // The roles are the server's: another team database may have made them already.
    const wanted = ['permanence_owner', ...teamRoles.map((r) => `permanence_${r}`)].sort()
    expect(wanted).toEqual(expect.arrayContaining(first.rolesCreated))
    expect((await owner.query('SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[]) ORDER BY 1', [wanted])).rows.map((r) => r.rolname)).toEqual(wanted)
    expect(first.tables).toBe(ourTables.length)
    const snapshot = async (): Promise<unknown[]> =>
      (
        await owner.query(`SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants WHERE table_schema = 'public'
          UNION ALL SELECT grantee, table_name || '.' || column_name, privilege_type FROM information_schema.column_privileges WHERE table_schema = 'public'
          UNION ALL SELECT relname, pg_get_userbyid(relowner), 'OWNER' FROM pg_class WHERE relnamespace = 'public'::regnamespace
          ORDER BY 1, 2, 3`)
      ).rows
    const before = await snapshot()
    const second = await initTeam(owner, { migrate: team.migrate })
    expect(second.rolesCreated).toEqual([])
    expect(await snapshot()).toEqual(before)
    const owners = await owner.query(
      "SELECT DISTINCT pg_get_userbyid(relowner) AS o FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v', 'S')"
    )
    expect(owners.rows).toEqual([{ o: 'permanence_owner' }])
    // Sources are for team roles only, and so is any function a later migration adds.
    const outsider = named('outsider')
    await owner.query(`CREATE ROLE ${outsider} LOGIN; CREATE FUNCTION later_source() RETURNS int LANGUAGE sql AS 'SELECT 1'`)
    const can = async (f: string): Promise<boolean> => (await owner.query("SELECT has_function_privilege($2, $1, 'EXECUTE') AS ok", [f, outsider])).rows[0].ok
    expect(await can('commissioning_looked_after_on(text)')).toBe(false)
    expect(await can('later_source()')).toBe(false)
    await owner.query(`DROP FUNCTION later_source(); DROP ROLE ${outsider}`)
  })

  it('refuses a database holding tables that are not ours, naming them, and changes nothing', async () => {
    const shared = await emptyTeamDatabase('shared')
    const other = await shared.admin()
    await other.query('CREATE TABLE invoices (id int); CREATE SCHEMA finance; CREATE TABLE finance.ledger (id int)')
    let migrated = false
    const error = await initTeam(other, { migrate: async () => void (migrated = true) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toContain('finance.ledger, public.invoices')
    expect(migrated).toBe(false)
    expect((await other.query("SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace")).rows[0].n).toBe(1)
    await shared.close()
  })
})

describe('team users', () => {
  it('adds logins with their roles, grants more with --existing and lists them', async () => {
    for (const [name, roles] of Object.entries(users)) await addUser(owner, { name, roles, password })
    const more = await addUser(owner, { name: chair1, roles: parseRoles('hos, panel'), existing: true })
    expect(more.roles).toEqual(['chair', 'panel', 'hos'])
    expect(ours(await listUsers(owner))).toEqual([
      { name: admin1, canLogin: true, roles: ['admin'] },
      { name: chair1, canLogin: true, roles: ['chair', 'panel', 'hos'] },
      { name: comm1, canLogin: true, roles: ['commissioner'] },
      { name: hos1, canLogin: true, roles: ['hos'] },
      { name: officer1, canLogin: true, roles: ['officer'] },
      { name: panel1, canLogin: true, roles: ['panel'] }
    ])
  })

  it('refuses unknown roles, a second login of the same name and --existing for no one', async () => {
    expect(() => parseRoles('chair,treasurer')).toThrow('Unknown role "treasurer": choose from chair, panel, hos, commissioner, officer, admin.')
    await expect(addUser(owner, { name: comm1, roles: ['panel'], password })).rejects.toThrow('already exists; add --existing')
    await expect(addUser(owner, { name: 'nobody_here', roles: ['panel'], existing: true })).rejects.toThrow('There is no database user "nobody_here"')
    await expect(addUser(owner, { name: named(`x"; DROP ROLE ${comm1}; --`), roles: ['panel'], password: `it's; DROP ROLE ${comm1}` })).resolves.toMatchObject({
      roles: ['panel']
    })
    expect((await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [comm1])).rowCount).toBe(1)
  })

  it("answers getMe's roles from the login's memberships", async () => {
    expect(await teamRolesOf(await login(chair1))).toEqual(['chair', 'panel', 'hos'])
    expect(await rolesOf(await login(chair1))).toEqual(['chair', 'head_of_service', 'panel_member'])
    expect(await rolesOf(await login(comm1))).toEqual(['commissioner'])
    expect(await rolesOf(await login(officer1))).toEqual(['data_officer'])
    expect(await rolesOf(await login(panel1))).toEqual(['panel_member'])
    // The app's store answers the same, and names the login the audit log must record.
    const store = await openPostgres(team.as(chair1, password))
    stores.push(store)
    expect(await rolesOf(store)).toEqual(['chair', 'head_of_service', 'panel_member'])
    expect(await sessionUser(store)).toBe(chair1)
  })
})

describe('rights enforced by PostgreSQL', () => {
  it('matches the grants map for every role, table and column', async () => {
    const columns = (
      await owner.query<{ table_name: string; column_name: string }>(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY($1::text[]) ORDER BY 1, 2",
        [ourTables]
      )
    ).rows
    const mismatches: string[] = []
    for (const role of teamRoles) {
      const g = `permanence_${role}`
      for (const { table_name: t, column_name: c } of columns) {
        const rights = grants[role][t as (typeof ourTables)[number]]
        const expected = rights?.select === true || (Array.isArray(rights?.select) && rights.select.includes(c))
        const actual = (await owner.query("SELECT has_column_privilege($1, $2, $3, 'SELECT') AS ok", [g, `public.${t}`, c])).rows[0].ok
        if (actual !== expected) mismatches.push(`${role} SELECT ${t}.${c}: ${actual}`)
      }
      for (const t of ourTables) {
        for (const p of ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] as const) {
          const expected = p !== 'TRUNCATE' && grants[role][t]?.[p.toLowerCase() as 'insert'] === true
          const actual = (await owner.query('SELECT has_table_privilege($1, $2, $3) AS ok', [g, `public.${t}`, p])).rows[0].ok
          if (actual !== expected) mismatches.push(`${role} ${p} ${t}: ${actual}`)
        }
      }
    }
    expect(mismatches).toEqual([])
  })

  it("refuses a commissioner's login every column that identifies a child, as psql would", async () => {
    const comm = await login(comm1)
    const columns = (
      await owner.query<{ table_name: string; column_name: string }>(
        "SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name) WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1, 2"
      )
    ).rows
    const identifiers = columns.filter((c) => isIdentifier(c.table_name, c.column_name))
    // The list must catch what the issue names, or the patterns have gone stale.
    for (const known of [
      'child.child_id',
      'child.upn',
      'child.given_name',
      'child.family_name',
      'child.dob',
      'episode.home_post',
      'episode.pl_post',
      'tracker_span.name',
      'tracker_span.dob',
      'carer.name',
      'carer.address'
    ]) {
      expect(identifiers.map((c) => `${c.table_name}.${c.column_name}`)).toContain(known)
    }
    for (const { table_name: t, column_name: c } of identifiers) {
      const message = await denied(comm, `SELECT ${pg.escapeIdentifier(c)} FROM ${pg.escapeIdentifier(t)} LIMIT 0`)
      expect(message).toMatch(/permission denied/)
    }
    await denied(comm, 'SELECT * FROM child')
    await denied(comm, 'SELECT count(*) FROM tracker_span')
  })

  it('lets the commissioner read the commissioning sources, which hold no identifier column', async () => {
    const comm = await login(comm1)
    const sources = [
      'SELECT * FROM commissioning_episode',
      "SELECT * FROM commissioning_looked_after_on('2024-03-31')",
      "SELECT * FROM commissioning_placements_in_window('2023-03-31', '2024-03-31')",
      "SELECT * FROM commissioning_final_episodes_on('2024-03-31')",
      `SELECT * FROM commissioning_spans_over('["2024-01-31", "2024-02-29"]')`,
      'SELECT * FROM commissioning_tracker_pending()'
    ]
    for (const sql of sources) {
      const result = await comm.query(sql)
      const names = result.fields.map((f) => f.name)
      expect(
        names.filter((n) => isIdentifier('', n)),
        sql
      ).toEqual([])
    }
  })

  it("answers a commissioner's tracker call with the call's and the role's names, and their costs call with figures", async () => {
    const ctx = await openContext(team.as(comm1, password), 'cli')
    stores.push(ctx.db)
    expect(await dispatch(ctx, 'trackerCounts', { asOf: '2024-03-31' })).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Not permitted for your role: tracker counts. Ask an administrator if your work needs it.',
        details: expect.objectContaining({ sqlState: '42501' })
      }
    })
    expect(await dispatch(ctx, 'costBaseline', { date: '2024-03-31' })).toMatchObject({ ok: true, value: { date: '2024-03-31' } })
  })

  it("refuses a panel member's sign-off, and lets the chair sign", async () => {
    const meeting = (await owner.query("INSERT INTO panel_meeting (meeting_date, chair, status) VALUES ('2024-03-01', 'Chair', 'held') RETURNING id")).rows[0]
      .id
    const panel = await login(panel1)
    expect((await panel.query('SELECT status FROM panel_meeting WHERE id = $1', [meeting])).rows).toEqual([{ status: 'held' }])
    const message = await denied(panel, "UPDATE panel_meeting SET status = 'signed', signed_by = $2 WHERE id = $1", [meeting, panel1])
    expect(notPermitted({ code: '42501', message }, 'signOffMeeting', ['panel'])).toMatchObject({
      code: 'forbidden',
      message:
        'signOffMeeting is not permitted for your role (Panel member (reads the agenda and papers, cannot sign off)). Ask an administrator if you need it.'
    })
    await denied(panel, "INSERT INTO decision (child_id, outcome) VALUES ('C1', 'approved')")
    const chair = await login(chair1)
    expect((await chair.query("UPDATE panel_meeting SET status = 'signed', signed_by = $2 WHERE id = $1", [meeting, chair1])).rowCount).toBe(1)
  })

  it("lets a data officer load records, recording the officer's own login in the audit log", async () => {
    const officer = await login(officer1)
    const batch = (
      await officer.query(
        "INSERT INTO import_batch (kind, file_name, sha256, imported_at, imported_by) VALUES ('903', 'header.csv', repeat('0', 64), '2024-01-01T00:00:00Z', $1) RETURNING id",
        [officer1]
      )
    ).rows[0].id
    await officer.query("INSERT INTO child (child_id, dob, import_batch_id) VALUES ('T1', '2015-06-01', $1)", [String(batch)])
    await officer.query(
      "INSERT INTO episode (child_id, decom, rne, ls, place, place_provider, seq, import_batch_id) VALUES ('T1', '2023-01-05', 'S', 'C2', 'U4', 'PR1', 1, $1)",
      [String(batch)]
    )
    await officer.query(
      "INSERT INTO audit_log (id, at, who, action, entity, hash) VALUES (1, '2024-01-01T00:00:00Z', $1, 'import.903', 'import_batch', repeat('a', 64))",
      [officer1]
    )
    expect((await owner.query('SELECT who FROM audit_log WHERE id = 1')).rows).toEqual([{ who: officer1 }])
    const message = await denied(
      officer,
      "INSERT INTO audit_log (id, at, who, action, entity, hash) VALUES (2, '2024-01-01T00:00:00Z', $1, 'x', 'y', repeat('b', 64))",
      [chair1]
    )
    expect(message).toContain(`"who" must be the database login (${officer1}), not ${chair1}`)
    await denied(officer, "UPDATE panel_meeting SET status = 'signed'")
  })

  it('lets no role, admin included, change or remove audit rows', async () => {
    for (const name of Object.keys(users)) {
      const c = await login(name)
      await denied(c, "UPDATE audit_log SET who = 'someone else'")
      await denied(c, 'DELETE FROM audit_log')
      await denied(c, 'TRUNCATE audit_log')
      if (name !== comm1 && name !== panel1) await denied(c, 'UPDATE audit_seal SET row_count = 0')
    }
    const admin = await login(admin1)
    await admin.query(
      "INSERT INTO audit_log (id, at, who, action, entity, hash) VALUES (2, '2024-01-02T00:00:00Z', $1, 'check', 'database', repeat('c', 64))",
      [admin1]
    )
    expect((await owner.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(2)
  })
})
