import { mapSeries } from '../../../src/main/core/util/series'
import { describe, expect, it } from 'vitest'
import { amendDecision, recordDecision, signOffMeeting } from '../../../src/main/core/panel/decisions'
import { itemHistory } from '../../../src/main/core/panel/history'
import { getMeeting, moveAgendaItem, removeAgendaItem, setAttendance } from '../../../src/main/core/panel/meetings'
import { trackerCounts, trackerRows } from '../../../src/main/core/tracker/queries'
import { dispatch } from '../../../src/main/core/dispatch'
import { AppError } from '../../../src/main/core/errors'
import { meetingFixture } from './fixture'
import { defined, firstOf, itemAt } from '../../helpers/defined'

const agreed = { outcome: 'agreed' as const, reasons: 'Carers meet the child’s needs into adulthood.' }
const codeOf = async (fn: () => Promise<unknown>): Promise<string | undefined> => {
  try {
    await fn()
  } catch (error) {
    return error instanceof AppError ? `${error.code}: ${error.message}` : String(error)
  }
  return undefined
}

describe('panel decisions', () => {
  it('marks a decision recorded while the panel is not quorate, and not once it is', async () => {
    const { ctx, meetingId, memberIds } = await meetingFixture()
    let meeting = await getMeeting(ctx, meetingId)
    expect(meeting.quorum).toEqual({
      quorate: false,
      present: 0,
      shortfalls: ['0 of 3 members present', 'the chair is not present', 'no fostering member present']
    })
    meeting = await recordDecision(ctx, { itemId: firstOf(meeting.agenda).id, ...agreed })
    expect(meeting.agenda[0]?.decision?.quorate).toBe(false)
    await setAttendance(ctx, defined(memberIds.chair, 'memberIds.chair'), true)
    await setAttendance(ctx, defined(memberIds.fostering, 'memberIds.fostering'), true)
    meeting = await setAttendance(ctx, defined(memberIds['social work'], "memberIds['social work']"), true)
    expect(meeting.quorum.quorate).toBe(true)
    meeting = await recordDecision(ctx, { itemId: itemAt(meeting.agenda, 1).id, ...agreed })
    expect(meeting.agenda[1]?.decision?.quorate).toBe(true)
    expect(meeting.status).toBe('held')
  })

  it('needs a return date after the meeting for deferrals and a review date for oversight', async () => {
    const { ctx, meetingId } = await meetingFixture('2020-04-15')
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    expect(await codeOf(async () => await recordDecision(ctx, { itemId, outcome: 'deferred', reasons: 'Papers late' }))).toBe(
      'invalid_input: A "Deferred" decision needs a return date.'
    )
    expect(await codeOf(async () => await recordDecision(ctx, { itemId, outcome: 'oversight', returnDate: '2020-04-15', reasons: 'x' }))).toBe(
      'invalid_input: The review date (15/04/2020) must be after the meeting (15/04/2020).'
    )
    expect(await codeOf(async () => await recordDecision(ctx, { itemId, ...agreed, returnDate: '2020-06-01' }))).toMatch(/has no return or review date/)
    const meeting = await recordDecision(ctx, { itemId, outcome: 'deferred', returnDate: '2020-06-10', reasons: 'Papers late' })
    expect(meeting.agenda[0]?.decision).toMatchObject({ outcome: 'deferred', returnDate: '2020-06-10', locked: false })
  })

  it('refuses a return or review date more than a year after the meeting, recorded or amended, as a slip in the year would take the child off every due list', async () => {
    const { ctx, meetingId } = await meetingFixture('2020-04-15')
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    expect(await codeOf(async () => await recordDecision(ctx, { itemId, outcome: 'deferred', returnDate: '2090-01-01', reasons: 'Papers late' }))).toBe(
      'invalid_input: The return date (01/01/2090) is more than a year after the meeting (15/04/2020): check the year, or set the date within a year, by 15/04/2021.'
    )
    expect(await codeOf(async () => await recordDecision(ctx, { itemId, outcome: 'oversight', returnDate: '2021-04-16', reasons: 'x' }))).toMatch(
      /^invalid_input: The review date \(16\/04\/2021\) is more than a year after the meeting/
    )
    let meeting = await recordDecision(ctx, { itemId, outcome: 'oversight', returnDate: '2021-04-15', reasons: 'Team manager tracks the plan' })
    expect(meeting.agenda[0]?.decision).toMatchObject({ outcome: 'oversight', returnDate: '2021-04-15' })
    for (const item of meeting.agenda.slice(1)) meeting = await recordDecision(ctx, { itemId: item.id, ...agreed })
    meeting = await signOffMeeting(ctx, meetingId)
    const decisionId = defined(firstOf(meeting.agenda).decision ?? undefined, 'decision').id
    expect(
      await codeOf(
        async () => await amendDecision(ctx, { decisionId, amendmentReason: 'Date typed wrongly', outcome: 'deferred', returnDate: '2062-05-01', reasons: 'x' })
      )
    ).toMatch(/^invalid_input: The return date \(01\/05\/2062\) is more than a year after the meeting \(15\/04\/2020\)/)
  })

  it('corrects an unsigned decision in place and replaces its open actions', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    await recordDecision(ctx, { itemId, ...agreed, actions: [{ description: 'Send letter', owner: 'Sam Social', dueDate: '2020-05-01' }] })
    const meeting = await recordDecision(ctx, {
      itemId,
      outcome: 'not_agreed',
      reasons: 'Long-term capacity not evidenced',
      actions: [{ description: 'Review care plan', owner: 'Sam Social' }]
    })
    const decision = firstOf(meeting.agenda).decision!
    expect(decision.outcome).toBe('not_agreed')
    expect(decision.actions.map((a) => a.description)).toEqual(['Review care plan'])
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM decision WHERE agenda_item_id = ?').pluck().get(itemId)).toBe(1)
    const audit = (await ctx.db.prepare("SELECT before, after FROM audit_log WHERE action = 'panel.decision.update'").get()) as {
      before: string
      after: string
    }
    expect(JSON.parse(audit.before).outcome).toBe('agreed')
    expect(JSON.parse(audit.after).outcome).toBe('not_agreed')
  })

  it('records nothing and signs nothing for a meeting that has not happened yet, and does from its day', async () => {
    // The fixture's today is 20/04/2020.
    const { ctx, meetingId } = await meetingFixture('2020-05-06')
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    expect(await codeOf(async () => await recordDecision(ctx, { itemId, ...agreed }))).toBe(
      'invalid_input: The meeting is on 06/05/2020, which has not come yet: recording its decisions can be done from that day.'
    )
    expect(await codeOf(async () => await signOffMeeting(ctx, meetingId))).toBe(
      'invalid_input: The meeting is on 06/05/2020, which has not come yet: signing off its minutes can be done from that day.'
    )
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM decision WHERE meeting_id = ?').pluck().get(meetingId)).toBe(0)
    const onTheDay = { ...ctx, today: () => '2020-05-06' }
    const meeting = await recordDecision(onTheDay, { itemId, ...agreed })
    expect(firstOf(meeting.agenda).decision).toMatchObject({ outcome: 'agreed', decisionDate: '2020-05-06' })
  })

  it('refuses to sign off an agenda with undecided items', async () => {
    const { ctx, meetingId, children } = await meetingFixture()
    const meeting = await recordDecision(ctx, { itemId: firstOf((await getMeeting(ctx, meetingId)).agenda).id, ...agreed })
    expect(await codeOf(async () => await signOffMeeting(ctx, meetingId))).toBe(
      `invalid_input: No decision is recorded yet for ${children[1]}, ${children[2]}. Record one or take the item off the agenda before signing off.`
    )
    await removeAgendaItem(ctx, itemAt(meeting.agenda, 1).id)
    expect(await codeOf(async () => await removeAgendaItem(ctx, firstOf(meeting.agenda).id))).toMatch(/^conflict: A decision has been recorded/)
    await removeAgendaItem(ctx, itemAt(meeting.agenda, 2).id)
    expect((await signOffMeeting(ctx, meetingId)).status).toBe('signed')
  })

  it('locks signed decisions: edits are refused by the app and by the database, amendments keep the original', async () => {
    const { ctx, meetingId } = await meetingFixture()
    let meeting = await getMeeting(ctx, meetingId)
    for (const item of meeting.agenda) meeting = await recordDecision(ctx, { itemId: item.id, ...agreed })
    meeting = await signOffMeeting(ctx, meetingId)
    expect(meeting).toMatchObject({ status: 'signed', signedBy: 'tester' })
    const original = firstOf(meeting.agenda).decision!
    expect(original.locked).toBe(true)

    expect(await codeOf(async () => await recordDecision(ctx, { itemId: original.agendaItemId!, outcome: 'not_agreed', reasons: 'x' }))).toMatch(
      /^locked: This decision was signed off/
    )
    expect(await codeOf(async () => await moveAgendaItem(ctx, itemAt(meeting.agenda, 2).id, 1))).toMatch(/^locked: /)
    expect(await codeOf(async () => await setAttendance(ctx, firstOf(meeting.members).id, true))).toMatch(/^locked: /)
    await expect(ctx.db.prepare("UPDATE decision SET reasons = 'rewritten' WHERE id = ?").run(original.id)).rejects.toThrow(/locked/)
    await expect(ctx.db.prepare('DELETE FROM decision WHERE id = ?').run(original.id)).rejects.toThrow(/locked/)
    const blankReason = await dispatch(ctx, 'amendDecision', { decisionId: original.id, amendmentReason: '   ', ...agreed })
    expect(blankReason).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    if (!blankReason.ok) expect(blankReason.error.message).toBe('Reason for the amendment is required.')

    const amended = await amendDecision(ctx, {
      decisionId: itemAt(meeting.agenda, 1).decision!.id,
      amendmentReason: 'Minutes recorded the wrong outcome',
      outcome: 'not_agreed',
      reasons: 'Panel did not agree'
    })
    const item = itemAt(amended.agenda, 1)
    expect(item.decision).toMatchObject({
      outcome: 'not_agreed',
      amendsId: itemAt(meeting.agenda, 1).decision!.id,
      amendmentReason: 'Minutes recorded the wrong outcome',
      locked: true,
      superseded: false
    })
    expect(item.superseded).toHaveLength(1)
    expect(item.superseded[0]).toMatchObject({ id: itemAt(meeting.agenda, 1).decision!.id, outcome: 'agreed', superseded: true, reasons: agreed.reasons })
    expect(await codeOf(async () => await amendDecision(ctx, { decisionId: firstOf(item.superseded).id, amendmentReason: 'again', ...agreed }))).toMatch(
      /^conflict: .*already been amended/
    )

    const log = (await ctx.db.prepare("SELECT who, entity_id, before, after FROM audit_log WHERE action = 'panel.decision.amend' ORDER BY id DESC").get()) as {
      who: string
      entity_id: string
      before: string
      after: string
    }
    expect(log.who).toBe('tester')
    expect(log.entity_id).toBe(String(itemAt(meeting.agenda, 1).decision!.id))
    expect(JSON.parse(log.before)).toMatchObject({ outcome: 'agreed', superseded: 0 })
    expect(JSON.parse(log.after)).toMatchObject({ outcome: 'not_agreed', amends_id: itemAt(meeting.agenda, 1).decision!.id })

    const history = await itemHistory(ctx, item.id)
    expect(history.map((h) => [h.who, h.action])).toEqual([
      ['tester', 'Added to the agenda'],
      ['tester', 'Decision recorded'],
      ['tester', 'Minutes signed off'],
      ['tester', 'Signed decision amended']
    ])
    expect(history[2]?.changes).toEqual([{ field: 'minutes', before: 'draft', after: 'signed off' }])
    expect(history[3]?.changes).toEqual([
      { field: 'outcome', before: 'Agreed', after: 'Not agreed' },
      { field: 'reasons', before: agreed.reasons, after: 'Panel did not agree' },
      { field: 'reason for amendment', before: null, after: 'Minutes recorded the wrong outcome' }
    ])
  })

  it('feeds the tracker: counts move with decisions and amendments', async () => {
    const { ctx, meetingId } = await meetingFixture('2020-04-15')
    const before = (await trackerCounts(ctx.db, '2020-04-15')).permanence
    let meeting = await getMeeting(ctx, meetingId)
    meeting = await recordDecision(ctx, { itemId: firstOf(meeting.agenda).id, ...agreed })
    meeting = await recordDecision(ctx, { itemId: itemAt(meeting.agenda, 1).id, outcome: 'not_agreed', reasons: 'Not evidenced' })
    meeting = await recordDecision(ctx, {
      itemId: itemAt(meeting.agenda, 2).id,
      outcome: 'oversight',
      returnDate: '2020-07-15',
      reasons: 'Track at supervision'
    })
    const after = (await trackerCounts(ctx.db, '2020-04-15')).permanence
    expect(after.agreed).toBe(before.agreed + 1)
    expect(after.notAgreed).toBe(before.notAgreed + 1)
    expect(after.oversight + after.none).toBe(before.oversight + before.none - 2)
    expect(await mapSeries(meeting.agenda, async (i) => firstOf(await trackerRows(ctx.db, '2020-04-15', { childId: i.childId })).status)).toEqual([
      'agreed',
      'not_agreed',
      'oversight'
    ])
    await signOffMeeting(ctx, meetingId)
    await amendDecision(ctx, { decisionId: itemAt(meeting.agenda, 1).decision!.id, amendmentReason: 'Recorded wrongly', ...agreed })
    expect((await trackerCounts(ctx.db, '2020-04-15')).permanence).toMatchObject({ agreed: before.agreed + 2, notAgreed: before.notAgreed })
  })
})
