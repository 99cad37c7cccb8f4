import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSession } from '../../../src/main/core/backup/startup'
import type { AppInfo } from '../../../src/shared/api'
import { dispatch } from '../../../src/main/core/dispatch'
import { initTeam } from '../../../src/main/core/team/init'
import { addUser } from '../../../src/main/core/team/users'
import { emptyTeamDatabase, login, type TeamDatabase } from '../../helpers/team'
import { firstN } from '../../helpers/defined'

/*
 * `permanence serve` and the desktop app start a session with demoIfEmpty. On a team
 * database that must neither fill it with fictional children behind the team's back nor
 * stop a login that may not read child-level tables (the commissioner) from starting.
 */
const password = 'a-long-test-password'
const [comm, admin] = firstN(['comm_start', 'admin_start'].map(login), 2)
let team: TeamDatabase
let owner: pg.Client

beforeAll(async () => {
  team = await emptyTeamDatabase('session_start')
  owner = await team.admin()
  await initTeam(owner, { migrate: team.migrate })
  await addUser(owner, { name: comm, roles: ['commissioner'], password })
  await addUser(owner, { name: admin, roles: ['admin'], password })
}, 120_000)

afterAll(async () => {
  await owner?.query(`DROP OWNED BY ${comm}, ${admin}; DROP ROLE IF EXISTS ${comm}; DROP ROLE IF EXISTS ${admin}`).catch(() => undefined)
  await team?.close()
})

describe('starting a desk on a team database', () => {
  it("opens a commissioner's desk, which may not read the child table", async () => {
    const session = await startSession(team.as(comm, password), 'browser', { demoIfEmpty: true })
    expect(session.ctx.recovery).toBeUndefined()
    expect(session.demo).toBeNull()
    expect(session.ctx.user).toBe(comm)
    await session.ctx.db.close()
  })

  it("answers the commissioner's appInfo, which every screen needs, with the counts their role may read", async () => {
    const { ctx } = await startSession(team.as(comm, password), 'browser')
    const info = await dispatch(ctx, 'appInfo', {})
    expect(info).toMatchObject({ ok: true, value: { user: comm, schemaVersion: expect.any(Number) } })
    const counts = info.ok ? (info.value as AppInfo).counts : {}
    // Counts of child-level tables would tell a commissioner nothing they may know.
    expect(counts).toMatchObject({ unitCost: expect.any(Number) })
    expect(Object.keys(counts)).not.toContain('children')
    expect(Object.keys(counts)).not.toContain('episodes')
    await ctx.db.close()
  })

  it('leaves an empty team database empty: the demo goes in only on purpose', async () => {
    const session = await startSession(team.as(admin, password), 'browser', { demoIfEmpty: true })
    expect(session.demo).toBeNull()
    expect(await session.ctx.db.prepare('SELECT COUNT(*) FROM child').pluck().get()).toBe(0)
    await session.ctx.db.close()
  })
})
