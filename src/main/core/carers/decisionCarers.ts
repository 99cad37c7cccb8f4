/**
 * What a panel decision is about: the placement and the carers it names, and
 * the support and training in place. The tracker counts a decision naming carers only
 * while they are the child's carers. Locked with the decision (triggers in 010).
 */
import type { DecisionAbout, DecisionAboutInput, SupportChecklist } from '../../../shared/contract/carers'
import type { Context } from '../context'
import { AppError, invalidInput, notFound } from '../errors'
import { auditChange } from '../store/audit'
import type { Db } from '../store/db'
import { currentCarers } from '../placements/placements'
import { carerColumns } from './register'

const noSupport: SupportChecklist = { supportPlan: false, training: false, allowances: false, contact: false, delegatedAuthority: false }

export async function decisionAbout(db: Db, decisionId: number): Promise<DecisionAbout> {
  const decision = (await db.prepare('SELECT locked FROM decision WHERE id = ?').get(decisionId)) as { locked: number } | undefined
  if (decision === undefined) throw notFound(`No decision with ID ${decisionId}`)
  const carers = (await db
    .prepare(`SELECT ${carerColumns} FROM decision_carer n JOIN carer c ON c.id = n.carer_id WHERE n.decision_id = ? ORDER BY c.name, c.id`)
    .all(decisionId)) as DecisionAbout['carers']
  const support = (await db
    .prepare(
      `SELECT placement_start AS "placementStart", support_plan AS "supportPlan", training, allowances, contact, delegated_authority AS "delegatedAuthority"
              FROM decision_support WHERE decision_id = ?`
    )
    .get(decisionId)) as ({ placementStart: string | null } & Record<keyof SupportChecklist, number>) | undefined
  const checklist =
    support === undefined
      ? { ...noSupport }
      : (Object.fromEntries(Object.keys(noSupport).map((k) => [k, support[k as keyof SupportChecklist] === 1])) as SupportChecklist)
  return { decisionId, placementStart: support?.placementStart ?? null, carers, checklist, locked: decision.locked === 1 }
}

/** What a decision is about, in the form it is written (carers by id, ascending): equal forms mean the same. */
export async function aboutInputOf(db: Db, decisionId: number): Promise<DecisionAboutInput> {
  const { carers, placementStart, checklist } = await decisionAbout(db, decisionId)
  return { carerIds: carers.map((c) => c.id).sort((a, b) => a - b), placementStart, checklist }
}

/** The child's carers and placement on `date`, nothing ticked: a new decision's starting point. */
export async function currentAbout(db: Db, childId: string, date: string): Promise<DecisionAboutInput> {
  const placement = (await currentCarers(db, childId, date)).placement
  return { carerIds: placement?.carers.map((c) => c.id) ?? [], placementStart: placement?.start ?? null, checklist: { ...noSupport } }
}

/** Replaces what `decisionId` is about; call inside the caller's transaction. */
export async function writeDecisionAbout(db: Db, decisionId: number, about: DecisionAboutInput): Promise<void> {
  const known = db.prepare('SELECT 1 FROM carer WHERE id = ?').pluck()
  for (const id of about.carerIds) if ((await known.get(id)) === undefined) throw invalidInput(`No carer with id ${id} in the register`)
  await removeDecisionAbout(db, decisionId)
  const name = db.prepare('INSERT INTO decision_carer (decision_id, carer_id) VALUES (?, ?)')
  for (const id of new Set(about.carerIds)) await name.run(decisionId, id)
  const c = about.checklist
  await db
    .prepare(
      'INSERT INTO decision_support (decision_id, placement_start, support_plan, training, allowances, contact, delegated_authority) VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    .run(decisionId, about.placementStart, +c.supportPlan, +c.training, +c.allowances, +c.contact, +c.delegatedAuthority)
}

/** Forgets whom a decision was about, for a decision being taken back (undo of its first save). */
export async function removeDecisionAbout(db: Db, decisionId: number): Promise<void> {
  await db.prepare('DELETE FROM decision_carer WHERE decision_id = ?').run(decisionId)
  await db.prepare('DELETE FROM decision_support WHERE decision_id = ?').run(decisionId)
}

export async function setDecisionCarers(ctx: Context, decisionId: number, about: DecisionAboutInput): Promise<DecisionAbout> {
  return await ctx.db.transaction(async () => {
    const before = await decisionAbout(ctx.db, decisionId)
    if (before.locked) throw new AppError('locked', `Decision ${decisionId} is signed off and locked; record an amendment with a reason instead.`)
    await writeDecisionAbout(ctx.db, decisionId, about)
    const after = await decisionAbout(ctx.db, decisionId)
    await auditChange(ctx, { action: 'panel.decision.carers', entity: 'decision', entityId: decisionId, before, after })
    return after
  })()
}
