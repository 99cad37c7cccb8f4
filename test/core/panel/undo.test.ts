import { mapSeries } from '../../../src/main/core/util/series'
import { describe, expect, it } from 'vitest'
import { addAction, setActionDone } from '../../../src/main/core/panel/actions'
import { recordDecision, signOffMeeting } from '../../../src/main/core/panel/decisions'
import { itemHistory } from '../../../src/main/core/panel/history'
import { getMeeting } from '../../../src/main/core/panel/meetings'
import { undoLastSave } from '../../../src/main/core/panel/undo'
import type { Db } from '../../../src/main/core/store/db'
import { meetingFixture } from './fixture'
import { defined, firstN, firstOf, itemAt } from '../../helpers/defined'

const dump = async (db: Db, tables: string[]): Promise<Record<string, unknown[]>> =>
  Object.fromEntries(await mapSeries(tables, async (t) => [t, await db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]))
const deferred = { outcome: 'deferred' as const, returnDate: '2020-06-10', reasons: 'Carer assessment not received.' }

describe('undo last save', () => {
  it('takes back a first decision: the child is undecided again and its actions go', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    const before = await dump(ctx.db, ['decision', 'action'])
    let meeting = await recordDecision(ctx, {
      itemId,
      outcome: 'not_agreed',
      reasons: 'Typed wrongly',
      actions: [{ description: 'Chase', owner: 'Sam Social' }]
    })
    expect(meeting.lastSave).toMatchObject({ itemId, outcome: 'not_agreed', created: true, savedBy: 'tester' })
    meeting = await undoLastSave(ctx, meetingId)
    expect(meeting.agenda[0]?.decision).toBeNull()
    expect(meeting.lastSave).toBeNull()
    expect(await dump(ctx.db, ['decision', 'action'])).toEqual(before)
    const history = await itemHistory(ctx, itemId)
    expect(history.at(-1)).toMatchObject({ who: 'tester', action: 'Last save undone' })
    expect(history.at(-1)!.changes).toContainEqual({ field: 'outcome', before: 'Not agreed', after: null })
    await expect(undoLastSave(ctx, meetingId)).rejects.toThrow(/no decision save to undo/)
  })

  it('takes back a change: the decision and the open actions it replaced come back as they were', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    await recordDecision(ctx, { itemId, ...deferred, actions: [{ description: 'Provide the carer assessment', owner: 'Sam Social', dueDate: '2020-05-01' }] })
    const saved = await dump(ctx.db, ['decision', 'action'])
    // The exact slip from the meeting: a deferral re-saved as "Not agreed".
    let meeting = await recordDecision(ctx, { itemId, outcome: 'not_agreed', reasons: 'x', actions: [] })
    expect(meeting.lastSave).toMatchObject({ outcome: 'not_agreed', created: false })
    meeting = await undoLastSave(ctx, meetingId)
    expect(meeting.agenda[0]?.decision).toMatchObject({ outcome: 'deferred', returnDate: '2020-06-10', reasons: deferred.reasons })
    expect(meeting.agenda[0]?.decision!.actions.map((a) => a.description)).toEqual(['Provide the carer assessment'])
    // As it was, but a new version: a form still open on the undone text can't save over it.
    const restored = await dump(ctx.db, ['decision', 'action'])
    const undone = firstOf(meeting.agenda).decision!.id
    expect(restored.decision).toEqual(
      defined(saved.decision, 'saved.decision').map((d) => ((d as { id: number }).id === undone ? { ...(d as object), version: 3 } : d))
    )
    expect(restored.action).toEqual(saved.action)
    const audit = (await ctx.db.prepare("SELECT who, before, after FROM audit_log WHERE action = 'panel.decision.undo'").get()) as {
      who: string
      before: string
      after: string
    }
    expect(audit.who).toBe('tester')
    expect(JSON.parse(audit.before).outcome).toBe('not_agreed')
    expect(JSON.parse(audit.after).outcome).toBe('deferred')
    expect((await itemHistory(ctx, itemId)).map((h) => h.action)).toEqual([
      'Added to the agenda',
      'Decision recorded',
      'Decision changed before sign-off',
      'Open actions replaced',
      'Actions put back as they were before the undone save',
      'Last save undone'
    ])
  })

  it('gives an action added after an undo a new id, past the ones the undo put back', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    const chases = [
      { description: 'Chase the assessment', owner: 'Sam Social' },
      { description: 'Book the medical', owner: 'Fay Foster' }
    ]
    await recordDecision(ctx, { itemId, ...deferred, actions: chases })
    await recordDecision(ctx, { itemId, outcome: 'not_agreed', reasons: 'x', actions: [{ description: 'Replacement', owner: 'Sam Social' }] })
    // The undo writes the replaced actions back under their own ids, not new ones.
    const decision = firstOf((await undoLastSave(ctx, meetingId)).agenda).decision!
    const putBack = decision.actions.map((a) => a.id)
    expect(decision.actions.map((a) => a.description)).toEqual(chases.map((c) => c.description))
    const added = await addAction(ctx, { decisionId: decision.id, description: 'Added after the undo', owner: 'Sam Social' })
    expect(added.id).toBeGreaterThan(Math.max(...putBack))
    expect((await getMeeting(ctx, meetingId)).agenda[0]?.decision!.actions.map((a) => a.description)).toEqual([
      ...chases.map((c) => c.description),
      'Added after the undo'
    ])
  })

  it("keeps an undone first decision out of the history of the next child's decision, even under the same id", async () => {
    const { ctx, meetingId } = await meetingFixture()
    const [a, b] = firstN(
      (await getMeeting(ctx, meetingId)).agenda.map((i) => i.id),
      2
    )
    await recordDecision(ctx, { itemId: a, outcome: 'not_agreed', reasons: 'Typed on the wrong child' })
    await undoLastSave(ctx, meetingId)
    // SQLite hands the deleted decision's id to this one; PostgreSQL moves on.
    await recordDecision(ctx, { itemId: b, outcome: 'agreed', reasons: 'Right carers' })
    const history = await itemHistory(ctx, b)
    expect(history.map((h) => h.action)).toEqual(['Added to the agenda', 'Decision recorded'])
    expect(history[1]?.changes).toContainEqual({ field: 'outcome', before: null, after: 'Agreed' })
    expect((await itemHistory(ctx, a)).map((h) => h.action)).toEqual(['Added to the agenda', 'Last save undone'])
  })

  it('undoes only the last save, never after sign-off, and not over a later change', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const [a, b, c] = firstN(
      (await getMeeting(ctx, meetingId)).agenda.map((i) => i.id),
      3
    )
    await recordDecision(ctx, { itemId: a, ...deferred })
    await recordDecision(ctx, { itemId: b, outcome: 'agreed', reasons: 'Right carers' })
    expect((await undoLastSave(ctx, meetingId)).agenda.map((i) => i.decision?.outcome ?? null)).toEqual(['deferred', null, null])

    const meeting = await recordDecision(ctx, { itemId: b, outcome: 'agreed', reasons: 'Right carers' })
    await addAction(ctx, { decisionId: itemAt(meeting.agenda, 1).decision!.id, description: 'Added later', owner: 'Sam Social' })
    const unchanged = await dump(ctx.db, ['decision', 'action'])
    await expect(undoLastSave(ctx, meetingId)).rejects.toThrow(/changed since that save/)
    expect(await dump(ctx.db, ['decision', 'action'])).toEqual(unchanged)

    // An action of the last save ticked done since: the undo would delete the record of work done.
    const withAction = await recordDecision(ctx, {
      itemId: c,
      outcome: 'agreed',
      reasons: 'Right carers',
      actions: [{ description: 'Send the letter', owner: 'Sam Social' }]
    })
    const action = defined(itemAt(withAction.agenda, 2).decision?.actions[0], 'the saved action')
    await setActionDone(ctx, action.id, true)
    const ticked = await dump(ctx.db, ['decision', 'action'])
    await expect(undoLastSave(ctx, meetingId)).rejects.toThrow(/action "Send the letter" has been marked done since, so the save was not undone/)
    expect(await dump(ctx.db, ['decision', 'action'])).toEqual(ticked)
    // Reopened, it is as the save left it: the undo goes ahead.
    await setActionDone(ctx, action.id, false)
    expect(itemAt((await undoLastSave(ctx, meetingId)).agenda, 2).decision).toBeNull()

    await recordDecision(ctx, { itemId: c, outcome: 'agreed', reasons: 'Right carers' })
    const signed = await signOffMeeting(ctx, meetingId)
    expect(signed.lastSave).toBeNull()
    await expect(undoLastSave(ctx, meetingId)).rejects.toThrow(/signed off .* undoing a save is no longer possible/)
  })
})
