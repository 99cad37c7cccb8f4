import { mapSeries } from '../util/series'
import { ukDate } from '../../../shared/days'
import { followUpTooLate } from '../../../shared/follow-up'
import type { DecisionOutcome, MeetingDetail } from '../../../shared/contract/panel'
import { outcomeLabels } from '../../../shared/contract/panel'
import type { Context } from '../context'
import { AppError, invalidInput, notFound } from '../errors'
import { auditChange } from '../store/audit'
import type { Db } from '../store/db'
import { claimVersion, conflictError, lastChangeOf } from '../store/versioned'
import { agendaRow, assertNotSigned, getMeeting, isUpcoming, meetingRow, quorumOf } from './meetings'
import { actionSelect, toAction, toDecision, type ActionRow, type AgendaRow, type DecisionRow, type MeetingRow } from './rows'
import { actionIdsOf, auditSave, type StoredAction } from './saves'
import type { DecisionAboutInput } from '../../../shared/contract/carers'
import { aboutInputOf, currentAbout, decisionAbout, writeDecisionAbout } from '../carers/decisionCarers'

export interface DecisionFields {
  outcome: DecisionOutcome
  returnDate?: string | null
  reasons: string
  conditions?: string | null
  support?: string | null
  dissent?: string | null
  carers?: DecisionAboutInput
}

export interface NewAction {
  description: string
  owner: string
  dueDate?: string | null
}

/**
 * Deferred decisions need the date the child comes back; oversight needs the date of
 * the management review. Both must fall after the meeting, and within a year of it. Other outcomes carry none.
 */
export function checkReturnDate(outcome: DecisionOutcome, returnDate: string | null | undefined, meetingDate: string): string | null {
  const needs = outcome === 'deferred' ? 'a return date' : outcome === 'oversight' ? 'a review date' : null
  if (needs === null) {
    if (returnDate) throw invalidInput(`An "${outcomeLabels[outcome]}" decision has no return or review date; clear it.`)
    return null
  }
  if (!returnDate) throw invalidInput(`A "${outcomeLabels[outcome]}" decision needs ${needs}.`)
  if (returnDate <= meetingDate) throw invalidInput(`The ${needs.slice(2)} (${ukDate(returnDate)}) must be after the meeting (${ukDate(meetingDate)}).`)
  const tooLate = followUpTooLate(needs.slice(2), returnDate, meetingDate, 'the meeting')
  if (tooLate) throw invalidInput(tooLate)
  return returnDate
}

const blank = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null)

async function insertActions(
  ctx: Context,
  decision: { id: number; child_id: string; meeting_id: number | null },
  actions: readonly NewAction[]
): Promise<number[]> {
  const insert = ctx.db
    .prepare(
      'INSERT INTO action (child_id, decision_id, meeting_id, description, owner, due_date, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id'
    )
    .pluck()
  return await mapSeries(actions, async (a) => {
    const id = Number(
      await insert.get(decision.child_id, decision.id, decision.meeting_id, a.description, a.owner, a.dueDate ?? null, ctx.user, ctx.clock.timestamp())
    )
    await auditChange(ctx, { action: 'panel.action.add', entity: 'action', entityId: id, after: { decisionId: decision.id, ...a } })
    return id
  })
}

export const decisionRow = async (db: Db, id: number): Promise<DecisionRow> => {
  const row = (await db.prepare('SELECT * FROM decision WHERE id = ?').get(id)) as DecisionRow | undefined
  if (!row) throw notFound(`No decision with ID ${id}`)
  return row
}

const lockedMessage = (meeting: MeetingRow): string =>
  `This decision was signed off with the minutes of ${ukDate(meeting.meeting_date)} and is locked. Record an amendment with a reason instead.`

const decisionEdits = ['panel.decision.record', 'panel.decision.update'] as const

/** Someone else recorded, changed or undid the item's decision after the user opened it. */
async function decisionConflict(ctx: Context, item: AgendaRow, current: DecisionRow | undefined): Promise<never> {
  const what = `the decision for ${item.child_id}`
  // No decision now: the one the user saw was undone (logged against the agenda item).
  if (!current) throw conflictError(what, await lastChangeOf(ctx.db, 'agenda_item', item.id, ['panel.decision.undo']), null)
  const actions = ((await ctx.db.prepare(`${actionSelect} WHERE a.decision_id = ? ORDER BY a.id`).all(current.id)) as ActionRow[]).map((a) =>
    toAction(a, ctx.today())
  )
  throw conflictError(what, await lastChangeOf(ctx.db, 'decision', current.id, decisionEdits), toDecision(current, actions))
}

/** A panel decides at its meeting: nothing is recorded or signed for a meeting that has not happened yet. */
function assertMeetingHeld(ctx: Context, meeting: MeetingRow, doing: string): void {
  if (isUpcoming(ctx, meeting)) {
    throw invalidInput(`The meeting is on ${ukDate(meeting.meeting_date)}, which has not come yet: ${doing} can be done from that day.`)
  }
}

/**
 * Records (or, before sign-off, corrects) the decision on an agenda item. Whether the
 * meeting is quorate is fixed on the decision when it is recorded. Given actions replace
 * the decision's actions that are not yet done. `expectedVersion` is the version of the
 * decision the user saw (0: none yet); a decision that moved on since is a conflict.
 */
export async function recordDecision(
  ctx: Context,
  input: DecisionFields & { itemId: number; actions?: NewAction[]; expectedVersion?: number }
): Promise<MeetingDetail> {
  const item = await agendaRow(ctx.db, input.itemId)
  await ctx.db.transaction(async () => {
    // Two desks saving the first decision for one child at once: the second waits here, then sees the first's row.
    if (ctx.db.engine === 'postgres') await ctx.db.prepare('SELECT id FROM agenda_item WHERE id = ? FOR UPDATE').get(item.id)
    const meeting = await meetingRow(ctx.db, item.meeting_id)
    const current = (await ctx.db.prepare('SELECT * FROM decision WHERE agenda_item_id = ? AND superseded = 0 ORDER BY id DESC LIMIT 1').get(item.id)) as
      DecisionRow | undefined
    if (current?.locked || meeting.status === 'signed') throw new AppError('locked', lockedMessage(meeting))
    assertMeetingHeld(ctx, meeting, 'recording its decisions')
    if (input.expectedVersion !== undefined) {
      const stale = current ? !(await claimVersion(ctx.db, 'decision', current.id, input.expectedVersion)) : input.expectedVersion !== 0
      if (stale) await decisionConflict(ctx, item, current)
    } else if (current) {
      await claimVersion(ctx.db, 'decision', current.id, undefined)
    }
    const aboutBefore = current ? await aboutInputOf(ctx.db, current.id) : null
    const fields = {
      outcome: input.outcome,
      return_date: checkReturnDate(input.outcome, input.returnDate, meeting.meeting_date),
      reasons: input.reasons.trim(),
      conditions: blank(input.conditions),
      support: blank(input.support),
      dissent: blank(input.dissent),
      quorate: (await quorumOf(ctx.db, meeting)).quorate ? 1 : 0,
      recorded_by: ctx.user,
      recorded_at: ctx.clock.timestamp()
    }
    let decisionId: number
    if (current) {
      await ctx.db
        .prepare(
          `UPDATE decision SET outcome = @outcome, return_date = @return_date, reasons = @reasons, conditions = @conditions, support = @support,
                  dissent = @dissent, quorate = @quorate, recorded_by = @recorded_by, recorded_at = @recorded_at WHERE id = @id`
        )
        .run({ ...fields, id: current.id })
      decisionId = current.id
      await auditChange(ctx, {
        action: 'panel.decision.update',
        entity: 'decision',
        entityId: current.id,
        before: current,
        after: await decisionRow(ctx.db, current.id)
      })
    } else {
      const info = await ctx.db
        .prepare(
          `INSERT INTO decision (child_id, meeting_id, agenda_item_id, decision_date, outcome, return_date, reasons, conditions, support, dissent,
                  quorate, source, recorded_by, recorded_at)
                  VALUES (@child_id, @meeting_id, @agenda_item_id, @decision_date, @outcome, @return_date, @reasons, @conditions, @support, @dissent,
                  @quorate, 'app', @recorded_by, @recorded_at) RETURNING id`
        )
        .pluck()
        .get({ ...fields, child_id: item.child_id, meeting_id: meeting.id, agenda_item_id: item.id, decision_date: meeting.meeting_date })
      decisionId = Number(info)
      await auditChange(ctx, { action: 'panel.decision.record', entity: 'decision', entityId: decisionId, after: await decisionRow(ctx.db, decisionId) })
    }
    // A new decision is about the current carers unless told otherwise; a correction keeps its own.
    if (input.carers !== undefined || !current)
      await writeDecisionAbout(ctx.db, decisionId, input.carers ?? (await currentAbout(ctx.db, item.child_id, meeting.meeting_date)))
    let dropped: StoredAction[] | null = null
    let added: number[] = []
    if (input.actions) {
      dropped = (await ctx.db.prepare('SELECT * FROM action WHERE decision_id = ? AND done_at IS NULL ORDER BY id').all(decisionId)) as StoredAction[]
      await ctx.db.prepare('DELETE FROM action WHERE decision_id = ? AND done_at IS NULL').run(decisionId)
      if (dropped.length) await auditChange(ctx, { action: 'panel.action.replace', entity: 'decision', entityId: decisionId, before: dropped })
      added = await insertActions(ctx, { id: decisionId, child_id: item.child_id, meeting_id: meeting.id }, input.actions)
    }
    await auditSave(
      ctx,
      item.id,
      { decision: current ?? null, actions: dropped, about: aboutBefore },
      {
        decision: await decisionRow(ctx.db, decisionId),
        actionIds: await actionIdsOf(ctx.db, decisionId),
        addedActionIds: added,
        about: await aboutInputOf(ctx.db, decisionId)
      }
    )
    if (meeting.status === 'planned') await ctx.db.prepare("UPDATE panel_meeting SET status = 'held' WHERE id = ?").run(meeting.id)
  })()
  return await getMeeting(ctx, item.meeting_id)
}

/** The chair signs the minutes: every item must have a decision, and all of them lock. */
export async function signOffMeeting(ctx: Context, meetingId: number): Promise<MeetingDetail> {
  await ctx.db.transaction(async () => {
    const meeting = await meetingRow(ctx.db, meetingId)
    assertNotSigned(meeting, 'signing it again')
    assertMeetingHeld(ctx, meeting, 'signing off its minutes')
    const undecided = (await ctx.db
      .prepare(
        `SELECT a.child_id FROM agenda_item a WHERE a.meeting_id = ?
                AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.agenda_item_id = a.id AND d.superseded = 0) ORDER BY a.position`
      )
      .pluck()
      .all(meetingId)) as string[]
    if ((await ctx.db.prepare('SELECT COUNT(*) FROM agenda_item WHERE meeting_id = ?').pluck().get(meetingId)) === 0) {
      throw invalidInput('The agenda is empty: there are no decisions to sign off.')
    }
    if (undecided.length) {
      throw invalidInput(`No decision is recorded yet for ${undecided.join(', ')}. Record one or take the item off the agenda before signing off.`)
    }
    const signedAt = ctx.clock.timestamp()
    await ctx.db.prepare('UPDATE decision SET locked = 1 WHERE meeting_id = ? AND locked = 0').run(meetingId)
    await ctx.db.prepare("UPDATE panel_meeting SET status = 'signed', signed_by = ?, signed_at = ? WHERE id = ?").run(ctx.user, signedAt, meetingId)
    await auditChange(ctx, {
      action: 'panel.meeting.sign',
      entity: 'panel_meeting',
      entityId: meetingId,
      before: { status: meeting.status },
      after: { status: 'signed', signedBy: ctx.user, signedAt }
    })
  })()
  return await getMeeting(ctx, meetingId)
}

/**
 * Corrects a signed decision: a new locked row that amends the original, which is kept
 * and marked superseded. The audit log holds both, with who, when and why.
 */
export async function amendDecision(ctx: Context, input: DecisionFields & { decisionId: number; amendmentReason: string }): Promise<MeetingDetail> {
  const original = await decisionRow(ctx.db, input.decisionId)
  const meetingId = original.meeting_id
  if (meetingId === null) throw invalidInput(`Decision ${original.id} was imported, not made at a meeting in this app; correct it at its source.`)
  await ctx.db.transaction(async () => {
    if (original.superseded) throw new AppError('conflict', `Decision ${original.id} has already been amended; amend the current version instead.`)
    if (!original.locked) throw invalidInput(`Decision ${original.id} is not signed off yet; change it directly instead of amending it.`)
    const info = await ctx.db
      .prepare(
        `INSERT INTO decision (child_id, meeting_id, agenda_item_id, decision_date, outcome, return_date, reasons, conditions, support, dissent,
                quorate, source, locked, amends_id, amendment_reason, recorded_by, recorded_at)
                VALUES (@child_id, @meeting_id, @agenda_item_id, @decision_date, @outcome, @return_date, @reasons, @conditions, @support, @dissent,
                @quorate, 'app', 0, @amends_id, @amendment_reason, @recorded_by, @recorded_at) RETURNING id`
      )
      .pluck()
      .get({
        child_id: original.child_id,
        meeting_id: original.meeting_id,
        agenda_item_id: original.agenda_item_id,
        decision_date: original.decision_date,
        outcome: input.outcome,
        return_date: checkReturnDate(input.outcome, input.returnDate, original.decision_date),
        reasons: input.reasons.trim(),
        conditions: blank(input.conditions),
        support: blank(input.support),
        dissent: blank(input.dissent),
        quorate: original.quorate,
        amends_id: original.id,
        amendment_reason: input.amendmentReason.trim(),
        recorded_by: ctx.user,
        recorded_at: ctx.clock.timestamp()
      })
    const amendedId = Number(info)
    const about = await decisionAbout(ctx.db, original.id)
    const carers = input.carers ?? { carerIds: about.carers.map((c) => c.id), placementStart: about.placementStart, checklist: about.checklist }
    // Locked only once what it is about is written with it (the lock triggers refuse later changes).
    await writeDecisionAbout(ctx.db, amendedId, carers)
    await ctx.db.prepare('UPDATE decision SET locked = 1 WHERE id = ?').run(amendedId)
    // Two desks amending at once: only the first marks the original superseded.
    if ((await ctx.db.prepare('UPDATE decision SET superseded = 1 WHERE id = ? AND superseded = 0').run(original.id)).changes === 0) {
      throw new AppError(
        'conflict',
        `Decision ${original.id} has just been amended by someone else; your amendment was not saved. Reload to see it, then amend the current version.`
      )
    }
    await auditChange(ctx, {
      action: 'panel.decision.amend',
      entity: 'decision',
      entityId: original.id,
      before: original,
      after: await decisionRow(ctx.db, amendedId)
    })
  })()
  return await getMeeting(ctx, meetingId)
}
