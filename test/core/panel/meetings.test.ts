import { describe, expect, it } from 'vitest'
import { recordDecision } from '../../../src/main/core/panel/decisions'
import { dispatch } from '../../../src/main/core/dispatch'
import { meetingDateProblem, meetingDateRange, panelCalls } from '../../../src/shared/contract/panel'
import {
  addAgendaItem,
  addMember,
  createMeeting,
  getMeeting,
  moveAgendaItem,
  removeMember,
  updateAgendaItem,
  updateMeeting
} from '../../../src/main/core/panel/meetings'
import { meetingFixture } from './fixture'
import { defined, firstOf, itemAt } from '../../helpers/defined'

describe('panel meetings and agenda', () => {
  it('makes the chair the first member and keeps members and attendance audited', async () => {
    const { ctx, meetingId, memberIds } = await meetingFixture()
    const meeting = await getMeeting(ctx, meetingId)
    expect(meeting.members.map((m) => [m.name, m.role, m.attended])).toEqual([
      ['Ada Chair', 'chair', false],
      ['Fay Foster', 'fostering', false],
      ['Sam Social', 'social work', false],
      ['Ivy Indie', 'independent', false]
    ])
    expect((await addMember(ctx, { meetingId, name: 'Mo Medic', role: 'medical adviser' })).members.at(-1)).toMatchObject({ name: 'Mo Medic', attended: false })
    expect((await removeMember(ctx, defined(memberIds.independent, 'memberIds.independent'))).members.map((m) => m.name)).not.toContain('Ivy Indie')
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'panel.member.%'").pluck().get()).toBe(2)
  })

  it('orders, time-slots and de-duplicates the agenda', async () => {
    const { ctx, meetingId, children } = await meetingFixture()
    const ids = (await getMeeting(ctx, meetingId)).agenda.map((i) => i.id)
    expect((await moveAgendaItem(ctx, itemAt(ids, 2), 1)).agenda.map((i) => [i.id, i.position])).toEqual([
      [ids[2], 1],
      [ids[0], 2],
      [ids[1], 3]
    ])
    expect((await moveAgendaItem(ctx, itemAt(ids, 2), 99)).agenda.map((i) => i.id)).toEqual([ids[0], ids[1], ids[2]])
    const slotted = await updateAgendaItem(ctx, { itemId: firstOf(ids), slotTime: '10:20', socialWorker: 'Sam Social' })
    expect(slotted.agenda[0]).toMatchObject({ slotTime: '10:20', socialWorker: 'Sam Social', reason: null })
    await expect(addAgendaItem(ctx, { meetingId, childId: firstOf(children) })).rejects.toThrow(`${children[0]} is already on this meeting's agenda.`)
    await expect(addAgendaItem(ctx, { meetingId, childId: 'NOPE' })).rejects.toThrow('No child with ID NOPE')
    await expect(getMeeting(ctx, 999)).rejects.toThrow('No panel meeting with ID 999')
  })

  it('asks before putting a child on a second open meeting’s agenda, naming its date, and adds them once the chair confirms', async () => {
    const { ctx, meetingId, children } = await meetingFixture('2020-04-15')
    const childId = firstOf(children)
    const later = await createMeeting(ctx, { date: '2020-05-20', chair: 'Ada Chair' })
    const refused = await addAgendaItem(ctx, { meetingId: later.id, childId }).catch((e: unknown) => e)
    expect(refused).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is already on the agenda of the meeting on 15/04/2020, not yet signed off'),
      details: { confirm: [expect.stringMatching(new RegExp(`\\(${childId}\\) is already on the agenda of the meeting on 15/04/2020`))] }
    })
    expect((await getMeeting(ctx, later.id)).agenda).toEqual([])
    expect((await addAgendaItem(ctx, { meetingId: later.id, childId, confirm: true })).agenda.map((i) => i.childId)).toEqual([childId])
    expect(await dispatch(ctx, 'addAgendaItem', { meetingId: later.id, childId: itemAt(children, 1) })).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })

    // Once that meeting is signed off, the child is free to go on the next one.
    await ctx.db.prepare("UPDATE panel_meeting SET status = 'signed' WHERE id = ?").run(meetingId)
    expect((await addAgendaItem(ctx, { meetingId: later.id, childId: itemAt(children, 2) })).agenda).toHaveLength(2)
  })

  it('names, on each agenda item, the other meetings not yet signed off that have the child on their agenda, earliest first', async () => {
    const { ctx, meetingId, children } = await meetingFixture('2020-04-15')
    const [twice, once] = [firstOf(children), itemAt(children, 1)]
    const later = await createMeeting(ctx, { date: '2020-06-17', chair: 'Ada Chair' })
    const sooner = await createMeeting(ctx, { date: '2020-05-20', chair: 'Ada Chair' })
    await addAgendaItem(ctx, { meetingId: later.id, childId: twice, confirm: true })
    await addAgendaItem(ctx, { meetingId: sooner.id, childId: twice, confirm: true })
    // Put on two agendas before adding asked first: only what is in the database counts.
    await ctx.db.prepare('INSERT INTO agenda_item (meeting_id, child_id, position) VALUES (?, ?, 1)').run(later.id, once)
    const alsoOn = async (id: number) => Object.fromEntries((await getMeeting(ctx, id)).agenda.map((i) => [i.childId, i.alsoOnAgendaOf]))

    expect(await alsoOn(meetingId)).toEqual({
      [twice]: [
        { id: sooner.id, date: '2020-05-20' },
        { id: later.id, date: '2020-06-17' }
      ],
      [once]: [{ id: later.id, date: '2020-06-17' }],
      [itemAt(children, 2)]: []
    })
    expect(await alsoOn(sooner.id)).toEqual({
      [twice]: [
        { id: meetingId, date: '2020-04-15' },
        { id: later.id, date: '2020-06-17' }
      ]
    })

    const fourth = await createMeeting(ctx, { date: '2020-07-15', chair: 'Ada Chair' })
    await expect(addAgendaItem(ctx, { meetingId: fourth.id, childId: twice })).rejects.toThrow(
      'is already on the agendas of the meetings on 15/04/2020, 20/05/2020 and 17/06/2020, not yet signed off: added here too'
    )

    // A meeting signed off is the record, no longer an agenda the child could be decided at.
    await ctx.db.prepare("UPDATE panel_meeting SET status = 'signed' WHERE id = ?").run(meetingId)
    expect(await alsoOn(later.id)).toEqual({ [twice]: [{ id: sooner.id, date: '2020-05-20' }], [once]: [] })
  })

  it('keeps the date once decisions are recorded', async () => {
    const { ctx, meetingId } = await meetingFixture('2020-04-15')
    expect((await updateMeeting(ctx, { meetingId, date: '2020-04-16', place: null, online: true })).date).toBe('2020-04-16')
    await recordDecision(ctx, { itemId: firstOf((await getMeeting(ctx, meetingId)).agenda).id, outcome: 'agreed', reasons: 'Good' })
    await expect(updateMeeting(ctx, { meetingId, date: '2020-04-17' })).rejects.toThrow(/its date can no longer change/)
    expect((await updateMeeting(ctx, { meetingId, notes: 'Room changed' })).notes).toBe('Room changed')
  })
})

describe('meeting dates', () => {
  it('refuses a meeting dated 1900 or too far ahead, in the contract and in the core, with a message a chair can act on', async () => {
    const { ctx } = await meetingFixture()
    const result = await dispatch(ctx, 'createMeeting', { date: '1900-04-15', chair: 'Ada Chair' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const problem = panelCalls.createMeeting.input.safeParse({ date: '1900-04-15', chair: '' })
    expect(problem.success).toBe(false)
    expect(problem.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['date', "A panel meeting can't be dated before 01/01/2000; check the year (15/04/1900 was typed)."],
      ['chair', "Enter the chair's name"]
    ])
    const range = meetingDateRange(new Date('2026-11-30T12:00:00Z'))
    expect(range).toEqual({ from: '2000-01-01', to: '2028-11-30' })
    expect(meetingDateProblem('2028-12-01', new Date('2026-11-30T12:00:00Z'))).toMatch(/up to two years ahead, to 30\/11\/2028/)
    expect(meetingDateProblem('2028-11-30', new Date('2026-11-30T12:00:00Z'))).toBeNull()
    expect(panelCalls.createMeeting.input.safeParse({ date: '2020-02-30', chair: 'A' }).error!.issues[0]?.message).toBe('Enter a real date, as DD/MM/YYYY')
    // The core holds the rule against its own "today" (2020-04-20 here), whoever calls it.
    await expect(createMeeting(ctx, { date: '1900-04-15', chair: 'Ada Chair' })).rejects.toThrow(/can't be dated before 01\/01\/2000/)
    await expect(createMeeting(ctx, { date: '2023-01-01', chair: 'Ada Chair' })).rejects.toThrow(/up to two years ahead, to 20\/04\/2022/)
  })
})
