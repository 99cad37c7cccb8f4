import { describe, expect, it } from 'vitest'
import type { Context } from '../../../src/main/core/context'
import { amendDecision, recordDecision, signOffMeeting } from '../../../src/main/core/panel/decisions'
import { getMeeting, updateAgendaItem, updateMeeting } from '../../../src/main/core/panel/meetings'
import { undoLastSave } from '../../../src/main/core/panel/undo'
import { ukDateTime } from '../../../src/shared/days'
import { secondDesk } from '../../helpers/second-desk'
import { meetingFixture } from './fixture'
import { firstOf, itemAt } from '../../helpers/defined'
import { refusal } from '../../helpers/refusal'

const agreed = { outcome: 'agreed' as const, reasons: 'Carers meet the child’s needs into adulthood.' }

/** The audit entry the conflict message must quote: who and when. */
const lastAudit = async (ctx: Context, action: string): Promise<{ who: string; at: string }> =>
  (await ctx.db.prepare('SELECT who, at FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1').get(action)) as { who: string; at: string }

describe('two people editing one meeting, agenda item or decision', () => {
  it("refuses a decision saved over someone else's change, naming them, and keeps theirs", async () => {
    const { ctx, meetingId } = await meetingFixture()
    const other = await secondDesk(ctx, 'bea_chair')
    const opened = firstOf((await getMeeting(ctx, meetingId)).agenda)
    expect(opened.decision).toBeNull()

    // Both open the undecided child; Bea saves first.
    const theirs = await recordDecision(other, { itemId: opened.id, ...agreed, expectedVersion: 0 })
    const saved = firstOf(theirs.agenda).decision!
    expect(saved.version).toBe(1)
    const refused = await refusal(
      async () => await recordDecision(ctx, { itemId: opened.id, outcome: 'not_agreed', reasons: 'My reasons, typed at the same time', expectedVersion: 0 })
    )
    const recorded = await lastAudit(ctx, 'panel.decision.record')
    expect(refused.code).toBe('conflict')
    expect(refused.message).toContain(`bea_chair changed the decision for ${opened.childId} at ${ukDateTime(recorded.at)} (outcome and reasons)`)
    expect(refused.message).toMatch(/your changes were not saved\. Nothing was overwritten/)
    expect(refused.details).toMatchObject({ current: { id: saved.id, outcome: 'agreed', reasons: agreed.reasons, version: 1 }, changedBy: 'bea_chair' })
    const after = firstOf((await getMeeting(ctx, meetingId)).agenda).decision!
    expect(after).toMatchObject({ outcome: 'agreed', reasons: agreed.reasons, recordedBy: 'bea_chair', version: 1 })
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM decision WHERE agenda_item_id = ?').pluck().get(opened.id)).toBe(1)

    // Both now hold version 1; Bea changes the reasons, so a save from version 1 is stale.
    await recordDecision(other, {
      itemId: opened.id,
      ...agreed,
      reasons: 'Bea’s clearer reasons',
      actions: [{ description: 'Send the letter', owner: 'Bea' }],
      expectedVersion: 1
    })
    const stale = await refusal(async () => await recordDecision(ctx, { itemId: opened.id, ...agreed, conditions: 'Mine', expectedVersion: 1 }))
    expect(stale.message).toMatch(/^bea_chair changed the decision for \S+ at \d\d\/\d\d\/\d{4} \d\d:\d\d \(reasons\) after you opened it/)
    // Their open actions too: a save replaces them, so the form must load them with the rest.
    expect((stale.details as { current: object }).current).toMatchObject({
      reasons: 'Bea’s clearer reasons',
      version: 2,
      actions: [{ description: 'Send the letter', owner: 'Bea', status: 'open' }]
    })

    // With the version they last saw, the save goes through and claims the next one.
    const mine = await recordDecision(ctx, { itemId: opened.id, ...agreed, conditions: 'Mine', expectedVersion: 2 })
    expect(mine.agenda[0]?.decision).toMatchObject({ conditions: 'Mine', reasons: agreed.reasons, recordedBy: ctx.user, version: 3 })
  })

  it('refuses a save from a form opened on a decision that has since been undone', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const other = await secondDesk(ctx, 'bea_chair')
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    await recordDecision(ctx, { itemId, ...agreed, expectedVersion: 0 })
    await recordDecision(ctx, { itemId, ...agreed, reasons: 'Second thoughts', expectedVersion: 1 })
    const undone = await undoLastSave(other, meetingId)
    expect(undone.agenda[0]?.decision).toMatchObject({ reasons: agreed.reasons, version: 3 })
    expect((await refusal(async () => await recordDecision(ctx, { itemId, ...agreed, reasons: 'From the form on version 2', expectedVersion: 2 }))).code).toBe(
      'conflict'
    )
    expect((await getMeeting(ctx, meetingId)).agenda[0]?.decision?.reasons).toBe(agreed.reasons)
    // A first decision undone: a form still showing it names who took it back.
    const second = itemAt((await getMeeting(ctx, meetingId)).agenda, 1).id
    await recordDecision(ctx, { itemId: second, ...agreed, expectedVersion: 0 })
    await undoLastSave(other, meetingId)
    const gone = await refusal(async () => await recordDecision(ctx, { itemId: second, ...agreed, reasons: 'Still on my screen', expectedVersion: 1 }))
    expect(gone.message).toMatch(/^bea_chair changed the decision for \S+ at \d\d\/\d\d\/\d{4} \d\d:\d\d after you opened it/)
    expect(gone.details).toMatchObject({ current: null })
    expect((await getMeeting(ctx, meetingId)).agenda[1]?.decision).toBeNull()
  })

  it('still saves without a version (the CLI), and moves the version on', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    await recordDecision(ctx, { itemId, ...agreed })
    const meeting = await recordDecision(ctx, { itemId, ...agreed, reasons: 'Changed from the CLI' })
    expect(meeting.agenda[0]?.decision).toMatchObject({ reasons: 'Changed from the CLI', version: 2 })
  })

  it('refuses an amendment when someone else amended the decision first', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const other = await secondDesk(ctx, 'bea_chair')
    for (const item of (await getMeeting(ctx, meetingId)).agenda) await recordDecision(ctx, { itemId: item.id, ...agreed })
    const signed = await signOffMeeting(ctx, meetingId)
    const decisionId = firstOf(signed.agenda).decision!.id
    await amendDecision(other, { decisionId, ...agreed, reasons: 'Typo corrected', amendmentReason: 'Typo' })
    const refused = await refusal(async () => await amendDecision(ctx, { decisionId, ...agreed, reasons: 'Mine', amendmentReason: 'Mine' }))
    expect(refused.code).toBe('conflict')
    const current = firstOf((await getMeeting(ctx, meetingId)).agenda)
    expect(current.decision).toMatchObject({ reasons: 'Typo corrected', recordedBy: 'bea_chair' })
    expect(current.superseded).toHaveLength(1)
  })

  it("refuses meeting details saved over someone else's, and saves with the current version", async () => {
    const { ctx, meetingId } = await meetingFixture()
    const other = await secondDesk(ctx, 'bea_chair')
    const opened = await getMeeting(ctx, meetingId)
    expect(opened.version).toBe(1)
    await updateMeeting(other, { meetingId, place: 'Room 7', notes: 'Bring the papers', expectedVersion: opened.version })
    const refused = await refusal(async () => await updateMeeting(ctx, { meetingId, place: 'Room 2', expectedVersion: opened.version }))
    const updated = await lastAudit(ctx, 'panel.meeting.update')
    expect(refused.code).toBe('conflict')
    expect(refused.message).toContain(`bea_chair changed the meeting of 15/04/2020 at ${ukDateTime(updated.at)} (place and notes)`)
    expect(refused.details).toMatchObject({ current: { place: 'Room 7', notes: 'Bring the papers', version: 2 } })
    expect(await getMeeting(ctx, meetingId)).toMatchObject({ place: 'Room 7', notes: 'Bring the papers', version: 2 })
    expect(await updateMeeting(ctx, { meetingId, place: 'Room 2', expectedVersion: 2 })).toMatchObject({
      place: 'Room 2',
      notes: 'Bring the papers',
      version: 3
    })
  })

  it("refuses an agenda item's details saved over someone else's", async () => {
    const { ctx, meetingId } = await meetingFixture()
    const other = await secondDesk(ctx, 'bea_chair')
    const item = itemAt((await getMeeting(ctx, meetingId)).agenda, 1)
    await updateAgendaItem(other, { itemId: item.id, socialWorker: 'Sam Social', expectedVersion: item.version })
    const refused = await refusal(async () => await updateAgendaItem(ctx, { itemId: item.id, socialWorker: 'Pat Other', expectedVersion: item.version }))
    expect(refused.code).toBe('conflict')
    expect(refused.message).toMatch(/^bea_chair changed .+'s agenda item at .+ \(presenting social worker\)/)
    expect((await getMeeting(ctx, meetingId)).agenda[1]).toMatchObject({ socialWorker: 'Sam Social', version: 2 })
    expect((await updateAgendaItem(ctx, { itemId: item.id, socialWorker: 'Pat Other', expectedVersion: 2 })).agenda[1]).toMatchObject({
      socialWorker: 'Pat Other',
      version: 3
    })
  })
})
