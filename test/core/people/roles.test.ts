import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/dispatch'
import { roles, seesChildren } from '../../../src/shared/api'
import { testEngine } from '../../helpers/postgres'
import { demoContext, tempContext } from '../../helpers/tmp'

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

describe('files that name children, on a desk whose only role is commissioner', () => {
  it.runIf(testEngine() === 'sqlite')('are refused, each saying what it would name, and none is written or logged', async () => {
    const ctx = await demoContext({ asOf: '2020-03-31', lookedAfter: 12 })
    const meetingId = (await ctx.db.prepare('SELECT MIN(id) FROM panel_meeting').pluck().get()) as number
    const childId = (await ctx.db.prepare('SELECT MIN(child_id) FROM agenda_item WHERE meeting_id = ?').pluck().get(meetingId)) as string
    await dispatch(ctx, 'setMyRoles', { roles: ['commissioner'] })
    const exportsBefore = await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action LIKE '%export%'").pluck().get()
    const refusals = {
      exportTracker: [{ asOf: '2020-03-31' }, 'the tracker'],
      exportChildren: [{}, 'the list of children'],
      export903Files: [{}, 'the 903 return'],
      exportReviewCycle: [{ cycleId: 1 }, 'the review workbook'],
      exportDecisions: [{ meetingId }, 'the decisions workbook'],
      renderMinutes: [{ meetingId }, 'the minutes'],
      renderLetter: [{ meetingId, childId }, 'a decision letter']
    } as const
    for (const [call, [input, what]] of Object.entries(refusals)) {
      expect(await dispatch(ctx, call as keyof typeof refusals, input as never), call).toEqual({
        ok: false,
        error: { code: 'forbidden', message: `Not permitted for your role: ${what} names children, and a commissioner’s work is numbers only.` }
      })
    }
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action LIKE '%export%'").pluck().get()).toBe(exportsBefore)
    // A chair's desk that also commissions gets them.
    await dispatch(ctx, 'setMyRoles', { roles: ['chair', 'commissioner'] })
    expect(await dispatch(ctx, 'renderMinutes', { meetingId })).toMatchObject({ ok: true })
    expect(await dispatch(ctx, 'renderLetter', { meetingId, childId })).toMatchObject({ ok: true })
  })
})
