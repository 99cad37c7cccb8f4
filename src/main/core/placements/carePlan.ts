/**
 * A child's care plan and, for children on care orders placed with parents, the
 * applications to discharge the order. Both are audited.
 */
import type { CarePlan, DischargeApplication, DischargeStatus } from '../../../shared/contract/carers'
import type { CarePlanKind } from '../../../shared/contract/tracker'
import { ukDate } from '../../../shared/days'
import type { Context } from '../context'
import { invalidInput, notFound } from '../errors'
import { auditChange } from '../store/audit'
import type { Db } from '../store/db'

const planColumns = `child_id AS "childId", plan, confirmed_date AS "confirmedDate", family_finding AS "familyFinding", note, updated_by AS "updatedBy", updated_at AS "updatedAt"`
const dischargeColumns = `id, child_id AS "childId", status, planned_date AS "plannedDate", applied_date AS "appliedDate", decided_date AS "decidedDate", note,
  recorded_by AS "recordedBy", recorded_at AS "recordedAt"`

const requireChild = async (db: Db, childId: string): Promise<void> => {
  if (!(await db.prepare('SELECT 1 FROM child WHERE child_id = ?').get(childId))) throw notFound(`No child with ID ${childId}`)
}

export const getCarePlan = async (db: Db, childId: string): Promise<CarePlan | null> =>
  ((await db.prepare(`SELECT ${planColumns} FROM care_plan WHERE child_id = ?`).get(childId)) as CarePlan | undefined) ?? null

export interface CarePlanInput {
  childId: string
  plan: CarePlanKind
  confirmedDate: string | null
  familyFinding: CarePlan['familyFinding']
  note?: string | null
}

export async function saveCarePlan(ctx: Context, input: CarePlanInput): Promise<CarePlan> {
  await requireChild(ctx.db, input.childId)
  if (input.confirmedDate !== null && input.confirmedDate > ctx.today())
    throw invalidInput(`The review date ${ukDate(input.confirmedDate)} is in the future (today is ${ukDate(ctx.today())}).`)
  return await ctx.db.transaction(async () => {
    const before = await getCarePlan(ctx.db, input.childId)
    await ctx.db
      .prepare(
        `INSERT INTO care_plan (child_id, plan, confirmed_date, family_finding, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (child_id) DO UPDATE SET plan = excluded.plan, confirmed_date = excluded.confirmed_date, family_finding = excluded.family_finding,
           note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`
      )
      .run(input.childId, input.plan, input.confirmedDate, input.familyFinding, input.note || null, ctx.user, ctx.clock.timestamp())
    const after = (await getCarePlan(ctx.db, input.childId))!
    await auditChange(ctx, { action: 'care_plan.save', entity: 'care_plan', entityId: input.childId, before, after })
    return after
  })()
}

export const listDischargeApplications = async (db: Db, childId: string): Promise<DischargeApplication[]> =>
  (await db
    .prepare(`SELECT ${dischargeColumns} FROM discharge_application WHERE child_id = ? ORDER BY planned_date DESC, id DESC`)
    .all(childId)) as DischargeApplication[]

export interface DischargeInput {
  id?: number
  childId: string
  status: DischargeStatus
  plannedDate: string
  appliedDate: string | null
  decidedDate: string | null
  note?: string | null
}

/** The dates an application's status needs, in order; nothing in the future. */
function checkDischarge(input: DischargeInput, today: string): void {
  const { status, plannedDate, appliedDate, decidedDate } = input
  if ((status === 'applied' || status === 'granted' || status === 'refused') && appliedDate === null)
    throw invalidInput(`An application that is ${status} needs the date it was made.`)
  if ((status === 'granted' || status === 'refused') && decidedDate === null)
    throw invalidInput(`An application that was ${status} needs the date of the court's decision.`)
  if (status === 'planned' && (appliedDate !== null || decidedDate !== null))
    throw invalidInput('A planned application has no application or decision date yet.')
  if (status === 'applied' && decidedDate !== null)
    throw invalidInput('An application still awaiting the court has no decision date; set it to granted or refused.')
  if (appliedDate !== null && appliedDate < plannedDate)
    throw invalidInput(`The application date ${ukDate(appliedDate)} is before it was planned (${ukDate(plannedDate)}).`)
  if (decidedDate !== null && appliedDate !== null && decidedDate < appliedDate)
    throw invalidInput(`The decision date ${ukDate(decidedDate)} is before the application (${ukDate(appliedDate)}).`)
  for (const d of [appliedDate, decidedDate])
    if (d !== null && d > today) throw invalidInput(`The date ${ukDate(d)} is in the future (today is ${ukDate(today)}).`)
}

export async function saveDischargeApplication(ctx: Context, input: DischargeInput): Promise<DischargeApplication> {
  await requireChild(ctx.db, input.childId)
  checkDischarge(input, ctx.today())
  return await ctx.db.transaction(async () => {
    const select = ctx.db.prepare(`SELECT ${dischargeColumns} FROM discharge_application WHERE id = ?`)
    const before = input.id === undefined ? undefined : ((await select.get(input.id)) as DischargeApplication | undefined)
    if (input.id !== undefined && (before === undefined || before.childId !== input.childId))
      throw notFound(`No discharge application ${input.id} for child ${input.childId}`)
    const now = ctx.clock.timestamp()
    const id =
      input.id === undefined
        ? Number(
            await ctx.db
              .prepare(
                'INSERT INTO discharge_application (child_id, status, planned_date, applied_date, decided_date, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id'
              )
              .pluck()
              .get(input.childId, input.status, input.plannedDate, input.appliedDate, input.decidedDate, input.note || null, ctx.user, now)
          )
        : (await ctx.db
            .prepare(
              'UPDATE discharge_application SET status = ?, planned_date = ?, applied_date = ?, decided_date = ?, note = ?, recorded_by = ?, recorded_at = ? WHERE id = ?'
            )
            .run(input.status, input.plannedDate, input.appliedDate, input.decidedDate, input.note || null, ctx.user, now, input.id),
          input.id)
    const after = (await select.get(id)) as DischargeApplication
    await auditChange(ctx, { action: 'discharge_application.save', entity: 'discharge_application', entityId: id, before, after })
    return after
  })()
}
