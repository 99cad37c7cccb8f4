import { ukDate } from '../../../shared/days'
import type { ReviewItemRow } from '../../../shared/api'
import type { Context } from '../context'
import { AppError } from '../errors'
import { auditChange } from '../store/audit'
import { claimVersion, conflictError, lastChangeOf } from '../store/versioned'
import { itemById } from './cycles'
import { insertOversightEntry } from '../tracker/oversight'
import { validateOutcome, type OutcomeInput } from './rules'

/**
 * Records the Head of Service's outcome for one child, in one transaction with its
 * audit row. "Plan confirmed" also writes a management-oversight entry (source
 * 'review') so the tracker counts the child as under oversight from the review date;
 * "refer to panel" is read by the panel's agenda suggestions from review_item itself.
 * An outcome is final: a changed view is a new review in a later cycle.
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
        `An outcome (${item.outcome}) was already recorded for ${item.childId} in "${cycle.label}" on ${ukDate(item.reviewDate)} by ${item.reviewedBy}.`
      )
    }
    const valid = validateOutcome(input, cycle.startDate, ctx.today())
    const recordedAt = ctx.clock.timestamp()
    let oversightEntryId: number | null = null
    if (valid.outcome === 'plan_confirmed') {
      oversightEntryId = Number(
        await insertOversightEntry(db, {
          childId: item.childId,
          entryDate: valid.reviewDate,
          manager: ctx.user,
          note: valid.note,
          nextReviewDate: valid.nextReviewDate,
          source: 'review',
          recordedBy: ctx.user,
          recordedAt
        })
      )
      await auditChange(ctx, {
        action: 'oversight.add',
        entity: 'oversight_entry',
        entityId: oversightEntryId,
        after: {
          childId: item.childId,
          entryDate: valid.reviewDate,
          note: valid.note,
          nextReviewDate: valid.nextReviewDate,
          source: 'review',
          reviewItemId: item.id
        }
      })
    }
    await db
      .prepare(
        `UPDATE review_item SET outcome = ?, outcome_note = ?, review_date = ?, next_review_date = ?, reviewed_by = ?, recorded_at = ?, oversight_entry_id = ?
       WHERE id = ?`
      )
      .run(valid.outcome, valid.note, valid.reviewDate, valid.nextReviewDate, ctx.user, recordedAt, oversightEntryId, item.id)
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
    await lastChangeOf(ctx.db, 'review_item', itemId, ['review.outcome', 'review.legal_permanence_secure']),
    item
  )
}
