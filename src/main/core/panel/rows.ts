import {
  standardPapers,
  type ActionStatus,
  type DecisionOutcome,
  type MeetingStatus,
  type PanelAction,
  type PanelDecision,
  type Paper
} from '../../../shared/contract/panel'
import { childNameSql } from '../children/name-sql'

/** Row shapes as SQLite returns them, and their conversion to the contract's types. */
export interface MeetingRow {
  id: number
  meeting_date: string
  start_time: string | null
  place: string | null
  online: number
  chair: string
  quorum_rule: string
  status: MeetingStatus
  signed_by: string | null
  signed_at: string | null
  notes: string | null
  version: number
}

export interface AgendaRow {
  id: number
  meeting_id: number
  child_id: string
  position: number
  slot_time: string | null
  social_worker: string | null
  reason: string | null
  papers: string
  version: number
}

export interface DecisionRow {
  id: number
  child_id: string
  meeting_id: number | null
  agenda_item_id: number | null
  decision_date: string
  outcome: DecisionOutcome
  return_date: string | null
  reasons: string | null
  conditions: string | null
  support: string | null
  dissent: string | null
  quorate: number | null
  locked: number
  superseded: number
  amends_id: number | null
  amendment_reason: string | null
  recorded_by: string
  recorded_at: string
  version: number
}

export interface ActionRow {
  id: number
  child_id: string | null
  child_name: string | null
  decision_id: number | null
  meeting_id: number | null
  meeting_date: string | null
  description: string
  owner: string
  due_date: string | null
  done_at: string | null
}

export const actionStatus = (row: Pick<ActionRow, 'done_at' | 'due_date'>, today: string): ActionStatus =>
  row.done_at ? 'done' : row.due_date !== null && row.due_date < today ? 'overdue' : 'open'

export const toAction = (row: ActionRow, today: string): PanelAction => ({
  id: row.id,
  childId: row.child_id,
  childName: row.child_name,
  decisionId: row.decision_id,
  meetingId: row.meeting_id,
  meetingDate: row.meeting_date,
  description: row.description,
  owner: row.owner,
  dueDate: row.due_date,
  doneAt: row.done_at,
  status: actionStatus(row, today)
})

export const toDecision = (row: DecisionRow, actions: PanelAction[]): PanelDecision => ({
  id: row.id,
  childId: row.child_id,
  meetingId: row.meeting_id,
  agendaItemId: row.agenda_item_id,
  decisionDate: row.decision_date,
  outcome: row.outcome,
  returnDate: row.return_date,
  reasons: row.reasons,
  conditions: row.conditions,
  support: row.support,
  dissent: row.dissent,
  quorate: row.quorate === null ? null : row.quorate === 1,
  locked: row.locked === 1,
  superseded: row.superseded === 1,
  amendsId: row.amends_id,
  amendmentReason: row.amendment_reason,
  recordedBy: row.recorded_by,
  recordedAt: row.recorded_at,
  actions,
  version: row.version
})

/** agenda_item.papers holds the item's paper list as JSON, written only by papers.ts. */
export const parsePapers = (json: string): Paper[] => JSON.parse(json) as Paper[]

export const actionSelect = `
  SELECT a.id, a.child_id, ${childNameSql('c')} AS child_name,
         a.decision_id, a.meeting_id, m.meeting_date, a.description, a.owner, a.due_date, a.done_at
  FROM action a LEFT JOIN child c ON c.child_id = a.child_id LEFT JOIN panel_meeting m ON m.id = a.meeting_id`

export const defaultPapers = (): Paper[] => standardPapers.map((kind) => ({ kind, received: false, file: null }))
