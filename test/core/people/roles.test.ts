import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/dispatch'
import { roles, seesChildren } from '../../../src/shared/api'
import { testEngine } from '../../helpers/postgres'
import { tempContext } from '../../helpers/tmp'

const auditRows = async (ctx: Awaited<ReturnType<typeof tempContext>>) =>
  (await ctx.db.prepare("SELECT who, before, after FROM audit_log WHERE action = 'roles.set' ORDER BY id").all()) as {
    who: string
    before: string | null
    after: string
  }[]

describe('the roles of the person at this desk', () => {
  // On the team database roles come from the login instead (team-roles.test.ts).
  const onDesk = testEngine() === 'sqlite'

  it.runIf(onDesk)('shows every role until someone chooses, then keeps the choice in settings, audited', async () => {
    const ctx = await tempContext()
    expect(await dispatch(ctx, 'getMe', {})).toEqual({ ok: true, value: { user: ctx.user, roles: [...roles], chosen: false, source: 'desk' } })

    const set = await dispatch(ctx, 'setMyRoles', { roles: ['data_officer', 'chair'] })
    // Stored in the contract's order, whatever order they were ticked in.
    expect(set).toEqual({ ok: true, value: { user: ctx.user, roles: ['chair', 'data_officer'], chosen: true, source: 'desk' } })
    expect(await dispatch(ctx, 'getMe', {})).toEqual(set)
    expect(await auditRows(ctx)).toEqual([{ who: ctx.user, before: null, after: JSON.stringify(['chair', 'data_officer']) }])

    await dispatch(ctx, 'setMyRoles', { roles: ['commissioner'] })
    expect((await auditRows(ctx)).at(-1)).toEqual({ who: ctx.user, before: JSON.stringify(['chair', 'data_officer']), after: JSON.stringify(['commissioner']) })
  })

  it.runIf(onDesk)('refuses no role or an unknown one and changes nothing', async () => {
    const ctx = await tempContext()
    await dispatch(ctx, 'setMyRoles', { roles: ['chair'] })
    const none = await dispatch(ctx, 'setMyRoles', { roles: [] })
    expect(none).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Roles needs at least 1 entry.' } })
    expect(await dispatch(ctx, 'setMyRoles', { roles: ['admin'] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await dispatch(ctx, 'getMe', {})).toMatchObject({ ok: true, value: { roles: ['chair'], chosen: true } })
    expect(await auditRows(ctx)).toHaveLength(1)
  })

  it('lets a desk see children one by one unless its only role is commissioner', () => {
    expect(seesChildren(['commissioner'])).toBe(false)
    expect(seesChildren(['commissioner', 'data_officer'])).toBe(true)
    expect(seesChildren(['chair'])).toBe(true)
  })
})
