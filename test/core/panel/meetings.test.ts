import { describe, expect, it } from 'vitest'
import { recordDecision } from '../../../src/main/core/panel/decisions'
import { addAgendaItem, addMember, getMeeting, moveAgendaItem, removeMember, updateAgendaItem, updateMeeting } from '../../../src/main/core/panel/meetings'
import { meetingFixture } from './fixture'

describe('panel meetings and agenda', () => {
  it('makes the chair the first member and keeps members and attendance audited', () => {
    const { ctx, meetingId, memberIds } = meetingFixture()
    const meeting = getMeeting(ctx, meetingId)
    expect(meeting.members.map((m) => [m.name, m.role, m.attended])).toEqual([
      ['Ada Chair', 'chair', false], ['Fay Foster', 'fostering', false], ['Sam Social', 'social work', false], ['Ivy Indie', 'independent', false]
    ])
    expect(addMember(ctx, { meetingId, name: 'Mo Medic', role: 'medical adviser' }).members.at(-1)).toMatchObject({ name: 'Mo Medic', attended: false })
    expect(removeMember(ctx, memberIds.independent).members.map((m) => m.name)).not.toContain('Ivy Indie')
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'panel.member.%'").pluck().get()).toBe(2)
  })

  it('orders, time-slots and de-duplicates the agenda', () => {
    const { ctx, meetingId, children } = meetingFixture()
    const ids = getMeeting(ctx, meetingId).agenda.map((i) => i.id)
    expect(moveAgendaItem(ctx, ids[2], 1).agenda.map((i) => [i.id, i.position])).toEqual([[ids[2], 1], [ids[0], 2], [ids[1], 3]])
    expect(moveAgendaItem(ctx, ids[2], 99).agenda.map((i) => i.id)).toEqual([ids[0], ids[1], ids[2]])
    const slotted = updateAgendaItem(ctx, { itemId: ids[0], slotTime: '10:20', socialWorker: 'Sam Social' })
    expect(slotted.agenda[0]).toMatchObject({ slotTime: '10:20', socialWorker: 'Sam Social', reason: null })
    expect(() => addAgendaItem(ctx, { meetingId, childId: children[0] })).toThrow(`${children[0]} is already on this meeting's agenda.`)
    expect(() => addAgendaItem(ctx, { meetingId, childId: 'NOPE' })).toThrow('No child with ID NOPE')
    expect(() => getMeeting(ctx, 999)).toThrow('No panel meeting with ID 999')
  })

  it('keeps the date once decisions are recorded', () => {
    const { ctx, meetingId } = meetingFixture('2020-04-15')
    expect(updateMeeting(ctx, { meetingId, date: '2020-04-16', place: null, online: true }).date).toBe('2020-04-16')
    recordDecision(ctx, { itemId: getMeeting(ctx, meetingId).agenda[0].id, outcome: 'agreed', reasons: 'Good' })
    expect(() => updateMeeting(ctx, { meetingId, date: '2020-04-17' })).toThrow(/its date can no longer change/)
    expect(updateMeeting(ctx, { meetingId, notes: 'Room changed' }).notes).toBe('Room changed')
  })
})
