import type {
  ChildReviewEntry,
  LegalStatusSpell,
  PendingAgendaEntry,
  ReviewItemDetail,
  ReviewOutcome,
  ReviewOutcomeCorrection,
  WithdrawnReferral
} from '../../../shared/api'
import type { Context } from '../context'
import type { Db } from '../store/db'
import { cycleSummary, itemById } from './cycles'

/**
 * Legal status over the child's episodes, oldest first, one spell per unbroken run of
 * the same status (a placement move does not start a new spell; a gap in care does).
 */
export function legalStatusSpells(episodes: readonly { decom: string; dec: string | null; ls: string | null }[]): LegalStatusSpell[] {
  const spells: LegalStatusSpell[] = []
  for (const e of episodes) {
    const last = spells.at(-1)
    if (last && last.ls === e.ls && last.to === e.decom) last.to = e.dec
    else spells.push({ ls: e.ls, from: e.decom, to: e.dec })
  }
  return spells
}

export async function itemDetail(ctx: Context, itemId: number): Promise<ReviewItemDetail> {
  const { cycle, item } = await itemById(ctx, itemId)
  const { db } = ctx
  const episodes = (await db
    .prepare("SELECT decom, dec, ls FROM episode WHERE child_id = ? AND (ls IS NULL OR ls NOT IN ('V3', 'V4')) ORDER BY decom, seq")
    .all(item.childId)) as { decom: string; dec: string | null; ls: string | null }[]
  const panelHistory = (await db
    .prepare('SELECT decision_date AS date, outcome, reasons FROM decision WHERE child_id = ? AND superseded = 0 ORDER BY decision_date DESC, id DESC')
    .all(item.childId)) as ReviewItemDetail['panelHistory']
  // Oversight wherever recorded: a manager's entry, the review, or the panel.
  const oversightNotes = (await db
    .prepare(
      `SELECT date, manager, note, "nextReviewDate", source FROM (
         SELECT entry_date AS date, manager, note, next_review_date AS "nextReviewDate", source, recorded_at AS at, id FROM oversight_entry WHERE child_id = :c
         UNION ALL
         SELECT d.decision_date, 'Permanence Panel' || COALESCE(' (chair ' || m.chair || ')', ''), d.reasons, d.return_date, 'panel', d.recorded_at, d.id
         FROM decision d LEFT JOIN panel_meeting m ON m.id = d.meeting_id WHERE d.child_id = :c AND d.outcome = 'oversight' AND d.superseded = 0) o
       ORDER BY date DESC, at DESC, id DESC, source`
    )
    .all({ c: item.childId })) as ReviewItemDetail['oversightNotes']
  const dob = (await db.prepare('SELECT dob FROM child WHERE child_id = ?').pluck().get(item.childId)) as string | null
  return {
    ...item,
    cycle: await cycleSummary(ctx, cycle.id),
    corrections: await outcomeCorrections(db, item.id),
    onAgenda: await pendingAgendaEntries(db, item.childId),
    dob,
    legalStatusHistory: legalStatusSpells(episodes),
    panelHistory,
    oversightNotes
  }
}

type CorrectionRow = { itemId: string; who: string; at: string; before: string; after: string }

const correctionOf = (r: CorrectionRow): ReviewOutcomeCorrection => ({
  by: r.who,
  at: r.at,
  reason: (JSON.parse(r.after) as { correctionReason: string }).correctionReason,
  was: (JSON.parse(r.before) as { outcome: ReviewOutcome }).outcome
})

/** An outcome correction's audit row: the log is where corrections and their reasons are kept. */
const isCorrection = (log: string): string => `${log}.entity = 'review_item' AND ${log}.action = 'review.outcome.correct'`

const correctionsSql = (items: string): string =>
  `SELECT entity_id AS "itemId", who, at, before, after FROM audit_log a
   WHERE ${isCorrection('a')} AND entity_id IN (${items}) ORDER BY id DESC`

/** The item's outcome corrections, newest first: the audit log holds each with its reason. */
async function outcomeCorrections(db: Db, itemId: number): Promise<ReviewOutcomeCorrection[]> {
  return ((await db.prepare(correctionsSql('?')).all(String(itemId))) as CorrectionRow[]).map(correctionOf)
}

/** Every item's outcome corrections in a cycle, newest first, by item id (one read, for the export). */
export async function cycleCorrections(db: Db, cycleId: number): Promise<Map<number, ReviewOutcomeCorrection[]>> {
  const rows = (await db.prepare(correctionsSql('SELECT CAST(id AS TEXT) FROM review_item WHERE cycle_id = ?')).all(cycleId)) as CorrectionRow[]
  const byItem = new Map<number, ReviewOutcomeCorrection[]>()
  for (const r of rows) byItem.set(Number(r.itemId), [...(byItem.get(Number(r.itemId)) ?? []), correctionOf(r)])
  return byItem
}

export async function childReviews(db: Db, childId: string): Promise<ChildReviewEntry[]> {
  return (await db
    .prepare(
      `SELECT i.id AS "itemId", i.cycle_id AS "cycleId", c.label AS "cycleLabel", i.cohort, i.outcome, i.outcome_note AS "outcomeNote",
              i.review_date AS "reviewDate", i.next_review_date AS "nextReviewDate", i.reviewed_by AS "reviewedBy"
       FROM review_item i JOIN review_cycle c ON c.id = i.cycle_id
       WHERE i.child_id = ? ORDER BY c.start_date DESC, c.id DESC`
    )
    .all(childId)) as ChildReviewEntry[]
}

/** Meetings not yet signed off with the child on their agenda and no decision for them yet, soonest first. */
async function pendingAgendaEntries(db: Db, childId: string): Promise<PendingAgendaEntry[]> {
  return (await db
    .prepare(
      `SELECT m.id AS "meetingId", m.meeting_date AS date, a.reason FROM agenda_item a JOIN panel_meeting m ON m.id = a.meeting_id
       WHERE a.child_id = ? AND m.status <> 'signed' AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.agenda_item_id = a.id)
       ORDER BY m.meeting_date, m.id`
    )
    .all(childId)) as PendingAgendaEntry[]
}

/**
 * For the children on a meeting's agenda: each one the Head of Service review referred to
 * panel and then corrected to another outcome, with no referral standing for them in
 * any cycle. The newest such correction per child, by child ID.
 */
export async function withdrawnReferrals(db: Db, meetingId: number): Promise<Map<string, WithdrawnReferral>> {
  const rows = (await db
    .prepare(
      `SELECT i.id AS "itemId", i.child_id AS "childId", i.outcome AS now, c.label AS "cycleLabel", a.who, a.at, a.before, a.after
       FROM review_item i JOIN review_cycle c ON c.id = i.cycle_id
       JOIN audit_log a ON ${isCorrection('a')} AND a.entity_id = CAST(i.id AS TEXT)
       WHERE i.child_id IN (SELECT child_id FROM agenda_item WHERE meeting_id = ?) AND i.outcome <> 'refer_panel'
         AND NOT EXISTS (SELECT 1 FROM review_item r WHERE r.child_id = i.child_id AND r.outcome = 'refer_panel')
       ORDER BY a.id DESC`
    )
    .all(meetingId)) as (CorrectionRow & { childId: string; now: ReviewOutcome; cycleLabel: string })[]
  const byChild = new Map<string, WithdrawnReferral>()
  for (const r of rows) {
    const correction = correctionOf(r)
    if (correction.was === 'refer_panel' && !byChild.has(r.childId)) {
      byChild.set(r.childId, { ...correction, itemId: Number(r.itemId), cycleLabel: r.cycleLabel, now: r.now })
    }
  }
  return byChild
}
