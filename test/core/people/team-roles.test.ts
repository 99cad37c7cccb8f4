/**
 * On the team database a person's roles are their login's group roles, granted by an
 * administrator: getMe reads them from PostgreSQL, setMyRoles is refused, and anything
 * the login's rights do not allow comes back as "not permitted for your role".
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Context } from '../../../src/main/core/context'
import { dispatch } from '../../../src/main/core/dispatch'
import { openContext } from '../../../src/main/core/session'
import { initTeam } from '../../../src/main/core/team/init'
import type { TeamRole } from '../../../src/main/core/team/roles'
import { addUser } from '../../../src/main/core/team/users'
import { freshTeamDatabase, testPostgres } from '../../helpers/postgres'

const password = 'a-long-test-password'
// Logins are the server's, shared by every test file: a suffix keeps this file's apart.
const suffix = randomBytes(3).toString('hex')
const logins: Record<string, TeamRole[]> = {
  [`member_${suffix}`]: ['panel'],
  [`chair_${suffix}`]: ['chair', 'panel'],
  [`commissioner_${suffix}`]: ['commissioner'],
  [`admin_${suffix}`]: ['admin'],
  [`norole_${suffix}`]: []
}

let database: string
const contexts: Context[] = []

async function as(login: string): Promise<Context> {
  const ctx = await openContext(testPostgres().url(database, login, password), 'cli')
  contexts.push(ctx)
  return ctx
}

beforeAll(async () => {
  const url = await freshTeamDatabase()
  database = decodeURIComponent(new URL(url).pathname.slice(1))
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await initTeam(client)
    for (const [name, roles] of Object.entries(logins)) await addUser(client, { name, roles, password })
  } finally {
    await client.end()
  }
})

afterAll(async () => {
  for (const ctx of contexts) await ctx.db.close()
})

describe('roles from the team database', () => {
  it("answers getMe with the login's own roles, from PostgreSQL", async () => {
    const expected: Record<string, string[]> = {
      [`member_${suffix}`]: ['panel_member'],
      [`chair_${suffix}`]: ['chair', 'panel_member'],
      [`commissioner_${suffix}`]: ['commissioner'],
      [`admin_${suffix}`]: ['admin'],
      [`norole_${suffix}`]: []
    }
    for (const [login, roles] of Object.entries(expected)) {
      expect(await dispatch(await as(login), 'getMe', {})).toEqual({ ok: true, value: { user: login, roles, chosen: true, source: 'team' } })
    }
  })

  it('refuses setMyRoles: an administrator grants roles, and nothing is written', async () => {
    const ctx = await as(`chair_${suffix}`)
    const result = await dispatch(ctx, 'setMyRoles', { roles: ['commissioner'] })
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    if (!result.ok) expect(result.error.message).toMatch(/^Not permitted for your role: .*administrator/)
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'roles.set'").pluck().get()).toBe(0)
    expect(await dispatch(ctx, 'getMe', {})).toMatchObject({ ok: true, value: { roles: ['chair', 'panel_member'] } })
  })

  it("turns PostgreSQL's permission denied into a plain refusal naming what was asked, and changes nothing", async () => {
    const member = await as(`member_${suffix}`)
    const result = await dispatch(member, 'createMeeting', { date: '2020-04-15', chair: 'A Chair', online: false })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Not permitted for your role: create meeting. Ask an administrator if your work needs it.',
        details: expect.objectContaining({ sqlState: '42501' })
      }
    })
    expect(await member.db.prepare('SELECT COUNT(*) FROM panel_meeting').pluck().get()).toBe(0)
    // The chair may: the same call goes through on the chair's login.
    const chair = await as(`chair_${suffix}`)
    const created = await dispatch(chair, 'createMeeting', { date: '2020-04-15', chair: 'A Chair', online: false })
    expect(created).toMatchObject({ ok: true })
    expect(await dispatch(member, 'listMeetings', {})).toMatchObject({ ok: true, value: [expect.objectContaining({ date: '2020-04-15' })] })
  })

  it('lists the team for an administrator only', async () => {
    const list = await dispatch(await as(`admin_${suffix}`), 'listTeamMembers', {})
    if (!list.ok) throw new Error(list.error.message)
    // Other test files' logins share the server: look at this file's.
    expect((list.value as { name: string }[]).filter((m) => m.name.endsWith(suffix))).toEqual([
      { name: `admin_${suffix}`, canLogin: true, roles: ['admin'] },
      { name: `chair_${suffix}`, canLogin: true, roles: ['chair', 'panel_member'] },
      { name: `commissioner_${suffix}`, canLogin: true, roles: ['commissioner'] },
      { name: `member_${suffix}`, canLogin: true, roles: ['panel_member'] }
    ])
    expect(await dispatch(await as(`chair_${suffix}`), 'listTeamMembers', {})).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Not permitted for your role: the team list is for administrators.' }
    })
  })
})
