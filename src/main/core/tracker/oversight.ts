import { systemClock, type Clock } from '../clock'
import { ukDate } from '../../../shared/days'
import type { OversightEntry } from '../../../shared/contract/tracker'
import { invalidInput, notFound } from '../errors'
import { audit } from '../store/audit'
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
