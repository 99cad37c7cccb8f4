import { supportChecklistItems, supportChecklistLabels, type SupportChecklist } from '../../../shared/contract/carers'
import { outcomeLabels, type DecisionOutcome, type HistoryEntry } from '../../../shared/contract/panel'
import type { Context } from '../context'
import { agendaRow } from './meetings'

const actionLabels: Record<string, string> = {
  'panel.agenda.add': 'Added to the agenda',
  'panel.agenda.update': 'Agenda item changed',
  'panel.agenda.move': 'Moved on the agenda',
  'panel.paper.set': 'Papers changed',
  'panel.paper.attach': 'Paper attached',
  'panel.decision.record': 'Decision recorded',
  'panel.decision.update': 'Decision changed before sign-off',
  'panel.decision.amend': 'Signed decision amended',
  'panel.decision.undo': 'Last save undone',
  'panel.action.replace': 'Open actions replaced',
  'panel.action.undo': 'Actions put back as they were before the undone save',
  'panel.decision.carers': 'Carers and support changed',
  'panel.decision.carers.undo': 'Carers and support put back as they were before the undone save',
  'panel.meeting.sign': 'Minutes signed off',
  'panel.letter.export': 'Decision letter opened to print or save'
}

// Audit columns worth showing, with the words a chair uses for them.
const fields: Record<string, string> = {
  outcome: 'outcome',
  return_date: 'return / review date',
  reasons: 'reasons',
  conditions: 'conditions',
  support: 'support and training',
  dissent: 'dissent',
  quorate: 'quorate',
  amendment_reason: 'reason for amendment',
  slot_time: 'time',
  social_worker: 'presenting social worker',
  reason: 'reason on the agenda',
  position: 'position',
  papers: 'papers',
  status: 'minutes',
  carers: 'carers',
  checklist: 'support in place'
}

const show = (field: string, value: unknown): string | null => {
  if (value === null || value === undefined) return null
  if (field === 'outcome') return outcomeLabels[value as DecisionOutcome] ?? String(value)
  if (field === 'quorate') return value ? 'yes' : 'no'
  if (field === 'status') return value === 'signed' ? 'signed off' : 'draft'
  if (field === 'carers') return (value as { name: string }[]).map((c) => c.name).join(' and ') || 'none'
  if (field === 'checklist')
    return (
      supportChecklistItems
        .filter((k) => (value as SupportChecklist)[k])
        .map((k) => supportChecklistLabels[k])
        .join(', ') || 'none'
    )
  if (field === 'papers') {
    // Paper changes log the list; an agenda item's other changes log its row, where it is the column's JSON text.
    return ((typeof value === 'string' ? JSON.parse(value) : value) as { kind: string; received: boolean; file: { name: string } | null }[])
      .map((p) => `${p.kind}${p.received ? ' ✓' : ''}${p.file ? ` (${p.file.name})` : ''}`)
      .join('; ')
  }
  return String(value)
}

function changesOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null): HistoryEntry['changes'] {
  return Object.entries(fields)
    .filter(([f]) => (after && f in after) || (before && f in before))
    .map(([f, field]) => ({ field, before: show(f, before?.[f]), after: show(f, after?.[f]) }))
    .filter((c) => c.before !== c.after)
}

/** Who changed an agenda item and its decisions, when, and what each change was: read from the audit log. */
export async function itemHistory(ctx: Context, itemId: number): Promise<HistoryEntry[]> {
  const item = await agendaRow(ctx.db, itemId)
  const rows = (await ctx.db
    .prepare(
      `SELECT id, at, who, action, entity, entity_id, before, after FROM audit_log
       WHERE ((entity = 'agenda_item' AND entity_id = :item)
          OR (entity = 'decision' AND entity_id IN (SELECT CAST(id AS TEXT) FROM decision WHERE agenda_item_id = :itemId))
          OR (entity = 'panel_meeting' AND entity_id = :meeting AND action = 'panel.meeting.sign'))
         -- A save's own entry is the undo's working copy; the record and update entries beside it already show the change.
         AND action <> 'panel.decision.save'
       ORDER BY id`
    )
    .all({ item: String(itemId), itemId, meeting: String(item.meeting_id) })) as AuditRow[]
  const reused = await reusedDecisionIds(ctx, itemId)
  return rows
    .filter((r) => !(r.entity === 'decision' && r.id <= (reused.get(r.entity_id) ?? 0)))
    .map((r) => ({
      at: r.at,
      who: r.who,
      // Every action this history reads has words above; an unknown one still reads as a change, not a code.
      action: actionLabels[r.action] ?? 'Changed',
      changes: changesOf(r.before === null ? null : JSON.parse(r.before), r.after === null ? null : JSON.parse(r.after))
    }))
}

interface AuditRow {
  id: number
  at: string
  who: string
  action: string
  entity: string
  entity_id: string
  before: string | null
  after: string | null
}

/**
 * SQLite gives the next decision the id of a deleted one (no AUTOINCREMENT), so a first
 * decision undone on another item can leave entries under an id this item's decision now
 * has. Returns, per such id, the audit id of the undo that removed it: entries up to there
 * were about the other item. PostgreSQL never reuses an id, so there it finds none.
 */
async function reusedDecisionIds(ctx: Context, itemId: number): Promise<Map<string, number>> {
  const undone = (await ctx.db
    .prepare(
      `SELECT id, before FROM audit_log WHERE action = 'panel.decision.undo' AND entity = 'agenda_item' AND entity_id <> ? AND after IS NULL ORDER BY id`
    )
    .all(String(itemId))) as { id: number; before: string }[]
  return new Map(undone.map((u) => [String((JSON.parse(u.before) as { id: number }).id), u.id]))
}
