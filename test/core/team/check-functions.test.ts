import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/dispatch'
import { openContext } from '../../../src/main/core/session'
import type { Context } from '../../../src/main/core/context'
import { initTeam } from '../../../src/main/core/team/init'
import { addUser } from '../../../src/main/core/team/users'
import { emptyTeamDatabase, login, type TeamDatabase } from '../../helpers/team'
import { firstN } from '../../helpers/defined'

/*
 * A CHECK constraint calls its function with the rights of whoever writes the row. The
 * schema's JSON check (is_json) guards review cycles and saved tracker views, so every
 * role that writes those rows must be able to run it, though no other function.
 */
const password = 'a-long-test-password'
const [hos, chair] = firstN(['hos_check', 'chair_check'].map(login), 2)
let team: TeamDatabase
let owner: pg.Client
const contexts: Context[] = []

async function desk(user: string): Promise<Context> {
  const ctx = await openContext(team.as(user, password), 'cli')
  ctx.today = () => '2020-03-31'
  contexts.push(ctx)
  return ctx
}

beforeAll(async () => {
  team = await emptyTeamDatabase('check_functions')
  owner = await team.admin()
  await initTeam(owner, { migrate: team.migrate })
  await addUser(owner, { name: hos, roles: ['hos'], password })
  await addUser(owner, { name: chair, roles: ['chair'], password })
}, 120_000)

afterAll(async () => {
  for (const ctx of contexts) await ctx.db.close()
  await owner?.query(`DROP OWNED BY ${hos}, ${chair}; DROP ROLE IF EXISTS ${hos}; DROP ROLE IF EXISTS ${chair}`).catch(() => undefined)
  await team?.close()
})

/** The call's answer, or its refusal as the test's failure message. */
function answered(result: Awaited<ReturnType<typeof dispatch>>): unknown {
  if (!result.ok) throw new Error(`refused: ${result.error.code}: ${result.error.message}`)
  return result.value
}

describe('rows guarded by the JSON check', () => {
  it('lets the Head of Service open a review cycle', async () => {
    const opened = await dispatch(await desk(hos), 'openReviewCycle', { startDate: '2020-03-31', label: 'Q4 2019/20' })
    expect(answered(opened)).toMatchObject({ label: 'Q4 2019/20', status: 'open' })
  })

  it('lets the chair save a tracker view', async () => {
    const saved = await dispatch(await desk(chair), 'saveTrackerView', { name: 'Section 20 drift', definition: { groups: ['S20'] } })
    expect(answered(saved)).toMatchObject({ name: 'Section 20 drift' })
  })
})
