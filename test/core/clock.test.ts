import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/main/core/clock'
import { newContext } from '../../src/main/core/context'
import { dispatch } from '../../src/main/core/dispatch'
import { memoryLogger } from '../../src/main/core/log'
import { recordDecision, signOffMeeting } from '../../src/main/core/panel/decisions'
import { addAgendaItem, getMeeting, removeAgendaItem, setAttendance } from '../../src/main/core/panel/meetings'
import { meetingFixture } from './panel/fixture'
import { firstOf } from '../helpers/defined'

describe('the context clock', () => {
  it('stamps recorded decisions, the sign-off and their audit rows with its time', async () => {
    const { ctx, meetingId, children, memberIds } = await meetingFixture()
    const at = '2020-04-15T10:42:07.000Z'
    ctx.clock = fixedClock(at)
    const started = (await ctx.db.prepare('SELECT MAX(id) FROM audit_log').pluck().get()) as number
    for (const id of Object.values(memberIds)) await setAttendance(ctx, id, true)
    let meeting = await getMeeting(ctx, meetingId)
    meeting = await recordDecision(ctx, { itemId: firstOf(meeting.agenda).id, outcome: 'agreed', reasons: 'Carers meet the child’s needs into adulthood.' })
    for (const item of meeting.agenda.slice(1)) await removeAgendaItem(ctx, item.id)
    meeting = await signOffMeeting(ctx, meetingId)

    expect(meeting.signedAt).toBe(at)
    expect(await ctx.db.prepare('SELECT recorded_at FROM decision WHERE meeting_id = ?').pluck().all(meetingId)).toEqual([at])
    const stamped = (await ctx.db.prepare('SELECT action, at FROM audit_log WHERE id > ? ORDER BY id').all(started)) as { action: string; at: string }[]
    expect(stamped.map((r) => r.action)).toEqual(
      expect.arrayContaining(['panel.member.attendance', 'panel.decision.record', 'panel.agenda.remove', 'panel.meeting.sign'])
    )
    expect(new Set(stamped.map((r) => r.at))).toEqual(new Set([at]))

    // A second clock moves only what is written after it.
    ctx.clock = fixedClock('2020-04-16T08:00:00Z')
    await expect(addAgendaItem(ctx, { meetingId, childId: children[1]! })).rejects.toThrow(/signed off/)
    expect(await ctx.db.prepare('SELECT at FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get()).toBe(at)
  })

  it('stamps saved tracker views, oversight entries with its time', async () => {
    const { ctx, children } = await meetingFixture()
    const at = '2020-04-15T10:42:07.000Z'
    ctx.clock = fixedClock(at)
    const view = await dispatch(ctx, 'saveTrackerView', { name: 'FCO, none', definition: { statuses: ['none'], groups: ['FCO'] } })
    expect(view.ok).toBe(true)
    expect(await ctx.db.prepare('SELECT updated_at FROM tracker_view').pluck().all()).toEqual([at])
    const entry = await dispatch(ctx, 'addOversightEntry', { childId: children[0]!, entryDate: ctx.today(), manager: 'Team manager' })
    if (!entry.ok) throw new Error(entry.error.message)
    expect(
      await ctx.db
        .prepare('SELECT recorded_at FROM oversight_entry WHERE id = ?')
        .pluck()
        .get((entry.value as { id: number }).id)
    ).toBe(at)
    expect(await ctx.db.prepare("SELECT at FROM audit_log WHERE action IN ('tracker.view.create', 'oversight.add')").pluck().all()).toEqual([at, at])
  })

  it('follows into today unless today is pinned on its own', async () => {
    const { ctx } = await meetingFixture()
    const fresh = newContext({ db: ctx.db, dbPath: ctx.dbPath, user: 'tester', shell: 'cli', dataDir: ctx.dataDir, clock: fixedClock('2021-06-01T23:30:00Z') })
    expect(fresh.today()).toBe('2021-06-01')
    fresh.clock = fixedClock('2022-01-02T00:00:00Z')
    expect(fresh.today()).toBe('2022-01-02')
  })
})

describe('the context log', () => {
  it('receives a call that fails unexpectedly, with its error', async () => {
    const { ctx } = await meetingFixture()
    const log = memoryLogger()
    ctx.log = log
    await ctx.db.close()
    const result = await dispatch(ctx, 'listMeetings', {})
    expect(result.ok).toBe(false)
    expect(log.entries).toHaveLength(1)
    expect(log.entries[0]).toMatchObject({ level: 'error', message: 'listMeetings failed' })
    expect(log.entries[0]!.fields.error).toBeInstanceOf(Error)
  })
})
