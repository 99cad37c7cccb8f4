import type { DecisionAboutInput } from '../../../shared/contract/carers'
import type { LastSave } from '../../../shared/contract/panel'
import type { Context } from '../context'
import { auditChange } from '../store/audit'
import type { Db } from '../store/db'
import type { DecisionRow, MeetingRow } from './rows'

/** An `action` table row exactly as stored, so an undo can put it back as it was. */
export interface StoredAction {
  id: number
  child_id: string | null
  decision_id: number | null
  meeting_id: number | null
  description: string
  owner: string
  due_date: string | null
  done_at: string | null
  created_by: string
  created_at: string
}

/**
 * One decision save as the audit log holds it: the decision, its open actions and the
 * carers and support it was about before, and what the save left. The audit log is the
 * record an undo works from, so nothing can be undone that the log doesn't show, and the
 * undo is itself logged. `about` is absent from saves logged before it was recorded.
 */
export interface SaveEntry {
  auditId: number
  itemId: number
  who: string
  at: string
  before: { decision: DecisionRow | null; actions: StoredAction[] | null; about?: DecisionAboutInput | null }
  after: { decision: DecisionRow; actionIds: number[]; addedActionIds: number[]; about?: DecisionAboutInput }
}

export const saveAction = 'panel.decision.save'
export const undoAction = 'panel.decision.undo'

export const actionIdsOf = async (db: Db, decisionId: number): Promise<number[]> =>
  (await db.prepare('SELECT id FROM action WHERE decision_id = ? ORDER BY id').pluck().all(decisionId)) as number[]

/** Call inside the save's transaction, after the decision and its actions are written. */
export async function auditSave(ctx: Context, itemId: number, before: SaveEntry['before'], after: SaveEntry['after']): Promise<void> {
  await auditChange(ctx, { action: saveAction, entity: 'agenda_item', entityId: itemId, before, after })
}

/** The meeting's most recent save, unless it has been undone since. */
export async function lastSaveEntry(db: Db, meetingId: number): Promise<SaveEntry | null> {
  const row = (await db
    .prepare(
      `SELECT id, at, who, action, entity_id, before, after FROM audit_log
       WHERE entity = 'agenda_item' AND entity_id IN (SELECT CAST(id AS TEXT) FROM agenda_item WHERE meeting_id = ?)
         AND action IN (?, ?)
       ORDER BY id DESC LIMIT 1`
    )
    .get(meetingId, saveAction, undoAction)) as
    { id: number; at: string; who: string; action: string; entity_id: string; before: string; after: string } | undefined
  if (!row || row.action !== saveAction) return null
  return { auditId: row.id, itemId: Number(row.entity_id), who: row.who, at: row.at, before: JSON.parse(row.before), after: JSON.parse(row.after) }
}

/** What "Undo last save" would take back; none once the minutes are signed. */
export async function lastSaveOf(db: Db, meeting: MeetingRow, childNameOf: (itemId: number) => string | undefined): Promise<LastSave | null> {
  if (meeting.status === 'signed') return null
  const entry = await lastSaveEntry(db, meeting.id)
  const childName = entry ? childNameOf(entry.itemId) : undefined
  if (!entry || childName === undefined) return null
  return {
    itemId: entry.itemId,
    childName,
    outcome: entry.after.decision.outcome,
    created: entry.before.decision === null,
    savedBy: entry.who,
    savedAt: entry.at
  }
}
