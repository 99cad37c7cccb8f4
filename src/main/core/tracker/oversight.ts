import { systemClock, type Clock } from '../clock'
import { ukDate } from '../../../shared/days'
import { followUpTooLate } from '../../../shared/follow-up'
import type { OversightEntry } from '../../../shared/contract/tracker'
import { invalidInput, notFound } from '../errors'
import type { Context } from '../context'
import { audit, auditChange } from '../store/audit'
import type { Db } from '../store/db'

/** A row of oversight_entry as every writer gives it. */
export interface OversightRow {
  childId: string
  entryDate: string
  manager: string
  note: string | null
  nextReviewDate?: string | null
  source: 'app' | 'review' | 'import' | 'demo'
  recordedBy: string
  recordedAt: string
  importBatchId?: number | null
}

/**
 * The one writer of oversight_entry: the tracker's own form, the review outcomes, the
 * tracker import and the demo all add entries through here. Returns the new id; the
 * caller audits it inside its own transaction.
 */
export async function insertOversightEntry(db: Db, row: OversightRow): Promise<number> {
  const id = await db
    .prepare(
      `INSERT INTO oversight_entry (child_id, entry_date, manager, note, next_review_date, source, recorded_by, recorded_at, import_batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
    )
    .pluck()
    .get(row.childId, row.entryDate, row.manager, row.note, row.nextReviewDate ?? null, row.source, row.recordedBy, row.recordedAt, row.importBatchId ?? null)
  return Number(id)
}

/** Why an entry is changed or withdrawn, kept with its audit row. */
export interface OversightCorrection {
  correctionReason: string
  /** The review item whose corrected outcome wrote the entry. */
  reviewItemId?: number
}

const storedRow = async (db: Db, id: number): Promise<Record<string, unknown>> => {
  const row = (await db.prepare('SELECT * FROM oversight_entry WHERE id = ?').get(id)) as Record<string, unknown> | undefined
  if (!row) throw notFound(`No oversight entry with ID ${id}`)
  return row
}

/**
 * Replaces what an entry says (its date, manager, note and next review) when what wrote
 * it is corrected; the tracker recomputes the child's spans (the update marks them). The
 * audit row holds the entry before and after, and why. Call inside the caller's transaction.
 */
export async function correctOversightEntry(
  ctx: Pick<Context, 'db' | 'user' | 'clock'>,
  id: number,
  row: Pick<OversightRow, 'entryDate' | 'manager' | 'note' | 'nextReviewDate'>,
  why: OversightCorrection
): Promise<void> {
  const before = await storedRow(ctx.db, id)
  await ctx.db
    .prepare('UPDATE oversight_entry SET entry_date = ?, manager = ?, note = ?, next_review_date = ?, recorded_by = ?, recorded_at = ? WHERE id = ?')
    .run(row.entryDate, row.manager, row.note, row.nextReviewDate ?? null, ctx.user, ctx.clock.timestamp(), id)
  await auditChange(ctx, { action: 'oversight.correct', entity: 'oversight_entry', entityId: id, before, after: { ...(await storedRow(ctx.db, id)), ...why } })
}

/**
 * Takes back an entry recorded in error (a review outcome corrected away from "plan
 * confirmed"): the row goes, so no screen or count shows oversight that was not given,
 * and the delete marks the child's tracker spans for recomputing. The audit row keeps
 * what the entry said, who withdrew it and why. Nothing may still refer to it; call
 * inside the caller's transaction.
 */
export async function withdrawOversightEntry(ctx: Pick<Context, 'db' | 'user' | 'clock'>, id: number, why: OversightCorrection): Promise<void> {
  const before = await storedRow(ctx.db, id)
  await ctx.db.prepare('DELETE FROM oversight_entry WHERE id = ?').run(id)
  await auditChange(ctx, { action: 'oversight.withdraw', entity: 'oversight_entry', entityId: id, before, after: { withdrawn: true, ...why } })
}

export interface NewOversightEntry {
  childId: string
  entryDate: string
  manager: string
  note?: string
  nextReviewDate?: string
}

const select = `SELECT id, child_id AS "childId", entry_date AS "entryDate", manager, note, next_review_date AS "nextReviewDate",
  recorded_by AS "recordedBy", recorded_at AS "recordedAt" FROM oversight_entry`

/** Records management oversight of a child's permanence plan (it moves them from 'none' to 'oversight'). */
export async function addOversightEntry(db: Db, who: string, today: string, entry: NewOversightEntry, clock: Clock = systemClock): Promise<OversightEntry> {
  if (!(await db.prepare('SELECT 1 FROM child WHERE child_id = ?').get(entry.childId))) throw notFound(`No child with ID ${entry.childId}`)
  if (entry.entryDate > today)
    throw invalidInput(
      `The oversight date ${ukDate(entry.entryDate)} is in the future: record oversight on or after the day it happened (today is ${ukDate(today)}).`
    )
  if (entry.nextReviewDate !== undefined && entry.nextReviewDate < entry.entryDate) {
    throw invalidInput(`The next review date ${ukDate(entry.nextReviewDate)} is before the oversight date ${ukDate(entry.entryDate)}.`)
  }
  const tooLate = entry.nextReviewDate === undefined ? null : followUpTooLate('next review date', entry.nextReviewDate, entry.entryDate, 'the oversight date')
  if (tooLate) throw invalidInput(tooLate)
  return await db.transaction(async () => {
    const id = await insertOversightEntry(db, {
      childId: entry.childId,
      entryDate: entry.entryDate,
      manager: entry.manager,
      note: entry.note || null,
      nextReviewDate: entry.nextReviewDate ?? null,
      source: 'app',
      recordedBy: who,
      recordedAt: clock.timestamp()
    })
    const saved = (await db.prepare(`${select} WHERE id = ?`).get(id)) as OversightEntry
    await audit(db, { who, at: clock.timestamp(), action: 'oversight.add', entity: 'oversight_entry', entityId: saved.id, after: saved })
    return saved
  })()
}
