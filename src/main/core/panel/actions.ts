import type { ActionStatus, ActionSummary, PanelAction } from '../../../shared/contract/panel'
import type { Context } from '../context'
import { notFound } from '../errors'
import { auditChange } from '../store/audit'
import { addDays } from '../util/days'
import type { NewAction } from './decisions'
import { actionSelect, toAction, type ActionRow } from './rows'

/** Actions across all meetings; overdue means open and due before today. */
export async function listActions(ctx: Context, filter: { status?: ActionStatus | 'all'; owner?: string | null }): Promise<PanelAction[]> {
  const today = ctx.today()
  const where: string[] = []
  const params: Record<string, string> = { today }
  if (filter.status === 'done') where.push('a.done_at IS NOT NULL')
  if (filter.status === 'open') where.push('a.done_at IS NULL AND (a.due_date IS NULL OR a.due_date >= :today)')
  if (filter.status === 'overdue') where.push('a.done_at IS NULL AND a.due_date < :today')
  if (filter.owner) {
    where.push('a.owner = :owner')
    params.owner = filter.owner
  }
  const sql = `${actionSelect} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY a.done_at IS NOT NULL, a.due_date IS NULL, a.due_date, a.id`
  return ((await ctx.db.prepare(sql).all(params)) as ActionRow[]).map((r) => toAction(r, today))
}

/** What the home screen reminds people of: overdue actions, and those due within `soonDays`. */
export async function actionSummary(ctx: Context, soonDays = 14): Promise<ActionSummary> {
  const today = ctx.today()
  const totals = (await ctx.db
    .prepare(
      `SELECT COUNT(*) AS open, COALESCE(SUM(CASE WHEN due_date < :today THEN 1 ELSE 0 END), 0) AS overdue,
              COALESCE(SUM(CASE WHEN due_date >= :today AND due_date <= :soon THEN 1 ELSE 0 END), 0) AS "dueSoon"
       FROM action WHERE done_at IS NULL`
    )
    .get({ today, soon: addDays(today, soonDays) })) as { open: number; overdue: number; dueSoon: number }
  const byOwner = (await ctx.db
    .prepare(
      `SELECT owner, COUNT(*) AS open, COALESCE(SUM(CASE WHEN due_date < :today THEN 1 ELSE 0 END), 0) AS overdue
       FROM action WHERE done_at IS NULL GROUP BY owner ORDER BY overdue DESC, open DESC, owner`
    )
    .all({ today })) as { owner: string; open: number; overdue: number }[]
  return { ...totals, byOwner }
}

const actionById = async (ctx: Context, id: number): Promise<PanelAction> => {
  const row = (await ctx.db.prepare(`${actionSelect} WHERE a.id = ?`).get(id)) as ActionRow | undefined
  if (!row) throw notFound(`No action with ID ${id}`)
  return toAction(row, ctx.today())
}

/** Actions can be added after sign-off: they track follow-up work, not the decision itself. */
export async function addAction(ctx: Context, input: NewAction & { decisionId: number }): Promise<PanelAction> {
  const id = await ctx.db.transaction(async () => {
    const decision = (await ctx.db.prepare('SELECT child_id, meeting_id FROM decision WHERE id = ?').get(input.decisionId)) as
      { child_id: string; meeting_id: number | null } | undefined
    if (!decision) throw notFound(`No decision with ID ${input.decisionId}`)
    const inserted = await ctx.db
      .prepare(
        'INSERT INTO action (child_id, decision_id, meeting_id, description, owner, due_date, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id'
      )
      .pluck()
      .get(decision.child_id, input.decisionId, decision.meeting_id, input.description, input.owner, input.dueDate ?? null, ctx.user, ctx.clock.timestamp())
    const actionId = Number(inserted)
    await auditChange(ctx, { action: 'panel.action.add', entity: 'action', entityId: actionId, after: input })
    return actionId
  })()
  return await actionById(ctx, id)
}

export async function setActionDone(ctx: Context, actionId: number, done: boolean): Promise<PanelAction> {
  await ctx.db.transaction(async () => {
    const before = await actionById(ctx, actionId)
    const doneAt = done ? (before.doneAt ?? ctx.today()) : null
    await ctx.db.prepare('UPDATE action SET done_at = ? WHERE id = ?').run(doneAt, actionId)
    await auditChange(ctx, {
      action: done ? 'panel.action.done' : 'panel.action.reopen',
      entity: 'action',
      entityId: actionId,
      before: { doneAt: before.doneAt },
      after: { doneAt }
    })
  })()
  return await actionById(ctx, actionId)
}
