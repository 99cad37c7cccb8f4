import { ukDate } from '../../../shared/days'
import { missingCorrectionReason, type ReviewItemRow } from '../../../shared/api'
import type { Context } from '../context'
import { AppError, fieldRefusal, invalidInput } from '../errors'
import { auditChange } from '../store/audit'
import { claimVersion, conflictError, lastChangeOf } from '../store/versioned'
import { itemById } from './cycles'
import { correctOversightEntry, insertOversightEntry, withdrawOversightEntry } from '../tracker/oversight'
import { validateOutcome, type OutcomeInput, type ValidOutcome } from './rules'

/**
 * Records the Head of Service's outcome for one child, in one transaction with its
 * audit row. "Plan confirmed" also writes a management-oversight entry (source
 * 'review') so the tracker counts the child as under oversight from the review date;
 * "refer to panel" is read by the panel's agenda suggestions from review_item itself.
 * A slip is put right with correctOutcome while the cycle is open; a changed view later
 * is a new review in a later cycle.
 */
export async function recordOutcome(ctx: Context, input: OutcomeInput & { itemId: number; expectedVersion?: number }): Promise<ReviewItemRow> {
  const { db } = ctx
  await db.transaction(async () => {
    await claimReviewItem(ctx, input.itemId, input.expectedVersion)
    const { cycle, item } = await itemById(ctx, input.itemId)
    if (cycle.status !== 'open') throw new AppError('conflict', `Review cycle "${cycle.label}" is closed; outcomes can no longer be recorded in it.`)
    if (item.outcome !== null) {
      throw new AppError(
        'conflict',
        `An outcome (${item.outcome}) was already recorded for ${item.childId} in "${cycle.label}" on ${ukDate(item.reviewDate)} by ${item.reviewedBy}; correct it instead if it was a slip.`
      )
    }
    const valid = validateOutcome(input, cycle.startDate, ctx.today())
    const recordedAt = ctx.clock.timestamp()
    const oversightEntryId = valid.outcome === 'plan_confirmed' ? await addReviewOversight(ctx, item, valid, recordedAt) : null
    await writeOutcome(ctx, item.id, valid, recordedAt, oversightEntryId)
    await auditChange(ctx, {
      action: 'review.outcome',
      entity: 'review_item',
      entityId: item.id,
      before: { outcome: null },
      after: { childId: item.childId, cycleId: cycle.id, ...valid, oversightEntryId }
    })
  })()
  return (await itemById(ctx, input.itemId)).item
}

/** The item's outcome as recorded or corrected, by this desk's user, with the oversight entry it wrote (if any). */
async function writeOutcome(ctx: Context, itemId: number, valid: ValidOutcome, recordedAt: string, oversightEntryId: number | null): Promise<void> {
  await ctx.db
    .prepare(
      `UPDATE review_item SET outcome = ?, outcome_note = ?, review_date = ?, next_review_date = ?, reviewed_by = ?, recorded_at = ?, oversight_entry_id = ?
       WHERE id = ?`
    )
    .run(valid.outcome, valid.note, valid.reviewDate, valid.nextReviewDate, ctx.user, recordedAt, oversightEntryId, itemId)
}

/** The management-oversight entry a "plan confirmed" outcome writes, audited; returns its id. */
async function addReviewOversight(ctx: Context, item: ReviewItemRow, valid: ValidOutcome, recordedAt: string): Promise<number> {
  const id = await insertOversightEntry(ctx.db, {
    childId: item.childId,
    entryDate: valid.reviewDate,
    manager: ctx.user,
    note: valid.note,
    nextReviewDate: valid.nextReviewDate,
    source: 'review',
    recordedBy: ctx.user,
    recordedAt
  })
  await auditChange(ctx, {
    action: 'oversight.add',
    entity: 'oversight_entry',
    entityId: id,
    after: {
      childId: item.childId,
      entryDate: valid.reviewDate,
      note: valid.note,
      nextReviewDate: valid.nextReviewDate,
      source: 'review',
      reviewItemId: item.id
    }
  })
  return id
}

/**
 * Puts right an outcome recorded by mistake (the wrong choice, note or date) while its
 * cycle is open, as the panel amends a signed decision: the item takes the corrected
 * outcome, and the audit log keeps the outcome before and after, who corrected it and
 * why. The oversight entry follows the outcome: correcting away from "plan confirmed"
 * withdraws the entry it wrote, so the tracker stops counting the child as under
 * oversight; correcting to it writes one; "plan confirmed" again replaces what the entry says.
 */
export async function correctOutcome(
  ctx: Context,
  input: OutcomeInput & { itemId: number; correctionReason: string; expectedVersion?: number }
): Promise<ReviewItemRow> {
  const { db } = ctx
  const correctionReason = input.correctionReason.trim()
  if (!correctionReason) throw fieldRefusal('correctionReason', missingCorrectionReason)
  await db.transaction(async () => {
    await claimReviewItem(ctx, input.itemId, input.expectedVersion)
    const { cycle, item } = await itemById(ctx, input.itemId)
    if (cycle.status !== 'open') throw new AppError('conflict', `Review cycle "${cycle.label}" is closed; its outcomes can no longer be corrected.`)
    if (item.outcome === null) {
      throw new AppError(
        'conflict',
        `No outcome has been recorded for ${item.name || item.childId} in "${cycle.label}" yet: record one instead of correcting it.`
      )
    }
    const valid = validateOutcome(input, cycle.startDate, ctx.today())
    const was = { outcome: item.outcome, note: item.outcomeNote, reviewDate: item.reviewDate, nextReviewDate: item.nextReviewDate }
    if (
      JSON.stringify(was) === JSON.stringify({ outcome: valid.outcome, note: valid.note, reviewDate: valid.reviewDate, nextReviewDate: valid.nextReviewDate })
    ) {
      throw invalidInput('The correction changes nothing: change the outcome, its note or a date, or cancel.')
    }
    const previousEntryId = (await db.prepare('SELECT oversight_entry_id FROM review_item WHERE id = ?').pluck().get(item.id)) as number | null
    const why = { correctionReason, reviewItemId: item.id }
    const recordedAt = ctx.clock.timestamp()
    let oversightEntryId: number | null = null
    if (valid.outcome === 'plan_confirmed' && previousEntryId !== null) {
      await correctOversightEntry(
        ctx,
        previousEntryId,
        { entryDate: valid.reviewDate, manager: ctx.user, note: valid.note, nextReviewDate: valid.nextReviewDate },
        why
      )
      oversightEntryId = previousEntryId
    } else if (valid.outcome === 'plan_confirmed') oversightEntryId = await addReviewOversight(ctx, item, valid, recordedAt)
    await writeOutcome(ctx, item.id, valid, recordedAt, oversightEntryId)
    // Only once the item no longer refers to it.
    if (previousEntryId !== null && oversightEntryId === null) await withdrawOversightEntry(ctx, previousEntryId, why)
    await auditChange(ctx, {
      action: 'review.outcome.correct',
      entity: 'review_item',
      entityId: item.id,
      before: { ...was, reviewedBy: item.reviewedBy, oversightEntryId: previousEntryId },
      after: { childId: item.childId, cycleId: cycle.id, ...valid, reviewedBy: ctx.user, oversightEntryId, correctionReason }
    })
  })()
  return (await itemById(ctx, input.itemId)).item
}

/**
 * The section 20 audit's "legal permanence secure?" answer for an item, beside its
 * outcome; it can be changed while the cycle is open.
 */
export async function setLegalPermanenceSecure(ctx: Context, itemId: number, secure: boolean | null, expectedVersion?: number): Promise<ReviewItemRow> {
  await ctx.db.transaction(async () => {
    await claimReviewItem(ctx, itemId, expectedVersion)
    const { cycle, item } = await itemById(ctx, itemId)
    if (cycle.status !== 'open') throw new AppError('conflict', `Review cycle "${cycle.label}" is closed; answers can no longer be changed in it.`)
    if (item.cohort !== 'S20')
      throw new AppError('invalid_input', `"Legal permanence secure?" is asked in the section 20 audit; ${item.childId} is in the ${item.cohort} cohort.`)
    await ctx.db.prepare('UPDATE review_item SET legal_permanence_secure = ? WHERE id = ?').run(secure === null ? null : +secure, itemId)
    await auditChange(ctx, {
      action: 'review.legal_permanence_secure',
      entity: 'review_item',
      entityId: itemId,
      before: { secure: item.legalPermanenceSecure },
      after: { secure }
    })
  })()
  return (await itemById(ctx, itemId)).item
}

/** Refuses a change to a review item that someone else changed after the user opened it. */
async function claimReviewItem(ctx: Context, itemId: number, expectedVersion: number | undefined): Promise<void> {
  if (await claimVersion(ctx.db, 'review_item', itemId, expectedVersion)) return
  const { item } = await itemById(ctx, itemId)
  throw conflictError(
    `the review of ${item.name || item.childId}`,
    await lastChangeOf(ctx.db, 'review_item', itemId, ['review.outcome', 'review.outcome.correct', 'review.legal_permanence_secure']),
    item
  )
}
