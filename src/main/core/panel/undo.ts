import { mapSeries } from '../util/series'
import type { MeetingDetail } from '../../../shared/contract/panel'
import { aboutInputOf, decisionAbout, removeDecisionAbout, writeDecisionAbout } from '../carers/decisionCarers'
import type { Context } from '../context'
import { AppError, invalidInput } from '../errors'
import { auditChange } from '../store/audit'
import { decisionRow } from './decisions'
import { assertNotSigned, getMeeting, meetingRow } from './meetings'
import { actionIdsOf, lastSaveEntry, undoAction, type StoredAction } from './saves'

const sameIds = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((id, i) => id === b[i])

/**
 * Takes back the meeting's last decision save, until sign-off: a first decision is removed
 * (the child is undecided again); a change is reverted to the decision, open actions and
 * carers and support it replaced. Refused when the decision, its actions or its carers
 * and support changed since that save, so an undo never discards work it didn't make.
 * Audited with the decision as it was and became.
 */
export async function undoLastSave(ctx: Context, meetingId: number): Promise<MeetingDetail> {
  await ctx.db.transaction(async () => {
    const meeting = await meetingRow(ctx.db, meetingId)
    assertNotSigned(meeting, 'undoing a save')
    const save = await lastSaveEntry(ctx.db, meetingId)
    if (!save) throw invalidInput('There is no decision save to undo at this meeting (the last one has already been undone).')
    const saved = save.after.decision
    const current = await ctx.db.prepare('SELECT * FROM decision WHERE id = ?').get(saved.id)
    const aboutChanged = save.after.about !== undefined && JSON.stringify(await aboutInputOf(ctx.db, saved.id)) !== JSON.stringify(save.after.about)
    if (JSON.stringify(current) !== JSON.stringify(saved) || !sameIds(await actionIdsOf(ctx.db, saved.id), save.after.actionIds) || aboutChanged) {
      throw new AppError('conflict', 'The decision has changed since that save, so it was not undone; change the decision directly instead.')
    }
    const previous = save.before.decision
    const removeActions = ctx.db.prepare('DELETE FROM action WHERE id = ?')
    const toRemove = previous === null ? save.after.actionIds : save.after.addedActionIds
    const removed = await mapSeries(toRemove, async (id) => (await ctx.db.prepare('SELECT * FROM action WHERE id = ?').get(id)) as StoredAction)
    // An action ticked done since is work done after the save: the undo would delete its record.
    const done = removed.filter((a) => a.done_at !== null)
    if (done.length) {
      const which = done.map((a) => `"${a.description}"`).join(', ')
      throw new AppError('conflict', `The save's action ${which} has been marked done since, so the save was not undone; change the decision directly instead.`)
    }
    for (const id of toRemove) await removeActions.run(id)
    const restored = previous === null ? [] : (save.before.actions ?? [])
    const insert = ctx.db.prepare(`INSERT INTO action (id, child_id, decision_id, meeting_id, description, owner, due_date, done_at, created_by, created_at)
                                   VALUES (@id, @child_id, @decision_id, @meeting_id, @description, @owner, @due_date, @done_at, @created_by, @created_at)`)
    for (const a of restored) await insert.run(a)
    if (removed.length || restored.length) {
      await auditChange(ctx, { action: 'panel.action.undo', entity: 'decision', entityId: saved.id, before: removed, after: restored })
    }
    if (previous === null) {
      await removeDecisionAbout(ctx.db, saved.id)
      await ctx.db.prepare('DELETE FROM decision WHERE id = ?').run(saved.id)
    } else {
      // A new version: a form still open on the undone text must not save over the restored one.
      await ctx.db
        .prepare(
          `UPDATE decision SET outcome = @outcome, return_date = @return_date, reasons = @reasons, conditions = @conditions, support = @support,
                  dissent = @dissent, quorate = @quorate, recorded_by = @recorded_by, recorded_at = @recorded_at, version = version + 1 WHERE id = @id`
        )
        .run(previous)
      const aboutBefore = save.before.about
      if (aboutBefore && JSON.stringify(aboutBefore) !== JSON.stringify(save.after.about)) {
        const undone = await decisionAbout(ctx.db, saved.id)
        await writeDecisionAbout(ctx.db, saved.id, aboutBefore)
        await auditChange(ctx, {
          action: 'panel.decision.carers.undo',
          entity: 'decision',
          entityId: saved.id,
          before: undone,
          after: await decisionAbout(ctx.db, saved.id)
        })
      }
    }
    await auditChange(ctx, {
      action: undoAction,
      entity: 'agenda_item',
      entityId: save.itemId,
      before: saved,
      after: previous === null ? null : await decisionRow(ctx.db, saved.id)
    })
  })()
  return await getMeeting(ctx, meetingId)
}
