import { mapSeries } from '../util/series'
import {
  reviewCohorts,
  reviewOutcomes,
  type CohortDefinition,
  type ReviewCohort,
  type ReviewCycleSummary,
  type ReviewItemRow,
  type ReviewOutcome,
  type ReviewSnapshot
} from '../../../shared/api'
import type { Context } from '../context'
import { AppError, invalidInput, notFound } from '../errors'
import { auditChange } from '../store/audit'
import type { Db } from '../store/db'
import { daysBetween } from '../util/days'
import { cohortOn, currentStates } from './cohort'
import { getCohortDefinitions, legacyCohortDefinitions } from './definitions'
import { changesSince, cycleOpeningChecks, quarterLabel, type CurrentState } from './rules'
import { childNameSql } from '../children/name-sql'
import { must } from '../../../shared/must'

type CycleRow = Omit<ReviewCycleSummary, 'progress' | 'byCohort' | 'byOutcome' | 'changed' | 'cohortDefinitions'> & { definitions: string | null }

interface ItemRow {
  id: number
  cycleId: number
  childId: string
  name: string
  cohort: ReviewCohort
  snapshot: string
  outcome: ReviewOutcome | null
  outcomeNote: string | null
  reviewDate: string | null
  nextReviewDate: string | null
  reviewedBy: string | null
  legalPermanenceSecure: number | null
  version: number
}

const cycleSql =
  'SELECT id, label, start_date AS "startDate", status, opened_by AS "openedBy", opened_at AS "openedAt", cohort_definitions AS definitions FROM review_cycle'

const itemSql = `
  SELECT i.id, i.cycle_id AS "cycleId", i.child_id AS "childId",
         ${childNameSql('c')} AS name,
         i.cohort, i.snapshot, i.outcome, i.outcome_note AS "outcomeNote", i.review_date AS "reviewDate",
         i.next_review_date AS "nextReviewDate", i.reviewed_by AS "reviewedBy", i.legal_permanence_secure AS "legalPermanenceSecure", i.version
  FROM review_item i JOIN child c ON c.child_id = i.child_id`

/** The state the changes are measured against: today, or the start date for a cycle opened ahead. */
const compareDate = (ctx: Context, cycle: CycleRow): string => (ctx.today() > cycle.startDate ? ctx.today() : cycle.startDate)

async function getCycleRow(db: Db, cycleId: number): Promise<CycleRow> {
  const row = (await db.prepare(`${cycleSql} WHERE id = ?`).get(cycleId)) as CycleRow | undefined
  if (!row) throw notFound(`No review cycle with ID ${cycleId}`)
  return row
}

/** Current states by date, looked up once per request however many cycles it shows. */
type StateLookup = (date: string, childIds: readonly string[]) => Promise<Map<string, CurrentState>>

const lookupOnce = (db: Db): StateLookup => {
  const byDate = new Map<string, Map<string, CurrentState>>()
  return async (date, childIds) => {
    if (childIds.length === 1) return await currentStates(db, date, childIds)
    if (!byDate.has(date)) byDate.set(date, await currentStates(db, date, null))
    return byDate.get(date)!
  }
}

async function toItems(ctx: Context, cycle: CycleRow, rows: ItemRow[], states: StateLookup = lookupOnce(ctx.db)): Promise<ReviewItemRow[]> {
  const now = await states(
    compareDate(ctx, cycle),
    rows.map((r) => r.childId)
  )
  return rows.map((r) => {
    const snapshot = JSON.parse(r.snapshot) as ReviewSnapshot
    return {
      ...r,
      snapshot,
      legalPermanenceSecure: r.legalPermanenceSecure === null ? null : r.legalPermanenceSecure === 1,
      daysOnOrder: daysBetween(snapshot.legalStatusSince, cycle.startDate),
      changes: changesSince(snapshot, cycle.startDate, now.get(r.childId))
    }
  })
}

function summarise(cycle: CycleRow, items: readonly ReviewItemRow[]): ReviewCycleSummary {
  const byCohort = Object.fromEntries(reviewCohorts.map((c) => [c, { total: 0, reviewed: 0 }])) as ReviewCycleSummary['byCohort']
  const byOutcome = Object.fromEntries(reviewOutcomes.map((o) => [o, 0])) as ReviewCycleSummary['byOutcome']
  for (const item of items) {
    byCohort[item.cohort].total++
    if (item.outcome) {
      byCohort[item.cohort].reviewed++
      byOutcome[item.outcome]++
    }
  }
  const reviewed = items.filter((i) => i.outcome !== null).length
  const { definitions, ...row } = cycle
  // Cycles opened before the definitions were stored used the old FCO / s20 rule.
  const cohortDefinitions = definitions === null ? legacyCohortDefinitions : (JSON.parse(definitions) as CohortDefinition[])
  return {
    ...row,
    progress: { total: items.length, reviewed },
    byCohort,
    byOutcome,
    changed: items.filter((i) => i.changes.length > 0).length,
    cohortDefinitions
  }
}

export async function cycleItems(ctx: Context, cycleId: number, states?: StateLookup): Promise<{ cycle: ReviewCycleSummary; items: ReviewItemRow[] }> {
  const cycle = await getCycleRow(ctx.db, cycleId)
  // Imported children may have no name: NULLS FIRST is SQLite's default, and PostgreSQL's would be last.
  const rows = (await ctx.db
    .prepare(`${itemSql} WHERE i.cycle_id = ? ORDER BY i.cohort, c.family_name NULLS FIRST, c.given_name NULLS FIRST, i.child_id`)
    .all(cycleId)) as ItemRow[]
  // The order a Head of Service works through, as the list shows it: the longest on the
  // order first (then cohort and name), so "Next child to review" follows the list.
  const items = (await toItems(ctx, cycle, rows, states)).sort((a, b) => b.daysOnOrder - a.daysOnOrder)
  return { cycle: summarise(cycle, items), items }
}

export const cycleSummary = async (ctx: Context, cycleId: number): Promise<ReviewCycleSummary> => (await cycleItems(ctx, cycleId)).cycle

export async function listCycles(ctx: Context): Promise<ReviewCycleSummary[]> {
  const ids = (await ctx.db.prepare('SELECT id FROM review_cycle ORDER BY start_date DESC, id DESC').pluck().all()) as number[]
  const states = lookupOnce(ctx.db)
  return await mapSeries(ids, async (id) => (await cycleItems(ctx, id, states)).cycle)
}

/** The cycle the Head of Service is working on: the latest open one, else the latest. */
export async function currentCycleId(db: Db): Promise<number | null> {
  const id = (await db.prepare("SELECT id FROM review_cycle ORDER BY status = 'open' DESC, start_date DESC, id DESC LIMIT 1").pluck().get()) as
    number | undefined
  return id ?? null
}

export async function itemById(ctx: Context, itemId: number): Promise<{ cycle: CycleRow; item: ReviewItemRow }> {
  const row = (await ctx.db.prepare(`${itemSql} WHERE i.id = ?`).get(itemId)) as ItemRow | undefined
  if (!row) throw notFound(`No review item with ID ${itemId}`)
  const cycle = await getCycleRow(ctx.db, row.cycleId)
  const [item] = await toItems(ctx, cycle, [row])
  return { cycle, item: must(item, 'toItems gives an item for each row') }
}

/**
 * Opens a cycle and snapshots its cohort as the tracker sees it on `startDate`, so
 * later imports and decisions do not move the list (they flag items instead). A date
 * far ahead, or another cycle still open, is refused with the reasons in
 * `details.confirm` unless `confirm` is set.
 */
export async function openCycle(ctx: Context, input: { startDate: string; label?: string; confirm?: boolean }): Promise<ReviewCycleSummary> {
  const label = input.label ?? quarterLabel(input.startDate)
  const { db } = ctx
  const id = await db.transaction(async () => {
    if (await db.prepare('SELECT 1 FROM review_cycle WHERE label = ?').get(label)) {
      throw new AppError('conflict', `A review cycle labelled "${label}" already exists; give this one another label.`)
    }
    const open = (await db.prepare(`SELECT label, start_date AS "startDate" FROM review_cycle WHERE status = 'open' ORDER BY start_date, id`).all()) as {
      label: string
      startDate: string
    }[]
    const checks = cycleOpeningChecks(input.startDate, ctx.today(), open)
    if (checks.refuse) throw invalidInput(checks.refuse)
    if (checks.confirm.length && !input.confirm) {
      throw new AppError('conflict', `The review cycle was not opened. ${checks.confirm.join(' ')} Confirm to open it anyway.`, { confirm: checks.confirm })
    }
    const definitions = await getCohortDefinitions(db)
    const cohort = await cohortOn(db, input.startDate, definitions)
    const cycleId = Number(
      await db
        .prepare("INSERT INTO review_cycle (label, start_date, status, opened_by, opened_at, cohort_definitions) VALUES (?, ?, 'open', ?, ?, ?) RETURNING id")
        .pluck()
        .get(label, input.startDate, ctx.user, ctx.clock.timestamp(), JSON.stringify(definitions))
    )
    const insert = db.prepare('INSERT INTO review_item (cycle_id, child_id, cohort, snapshot) VALUES (?, ?, ?, ?)')
    for (const member of cohort) await insert.run(cycleId, member.childId, member.cohort, JSON.stringify(member.snapshot))
    const sizes = Object.fromEntries(reviewCohorts.map((c) => [c, cohort.filter((m) => m.cohort === c).length]))
    await auditChange(ctx, { action: 'review.open', entity: 'review_cycle', entityId: cycleId, after: { label, startDate: input.startDate, cohort: sizes } })
    return cycleId
  })()
  return await cycleSummary(ctx, id)
}

export async function closeCycle(ctx: Context, cycleId: number): Promise<ReviewCycleSummary> {
  const { db } = ctx
  await db.transaction(async () => {
    const cycle = await getCycleRow(db, cycleId)
    if (cycle.status === 'closed') throw new AppError('conflict', `Review cycle "${cycle.label}" is already closed.`)
    await db.prepare("UPDATE review_cycle SET status = 'closed' WHERE id = ?").run(cycleId)
    await auditChange(ctx, { action: 'review.close', entity: 'review_cycle', entityId: cycleId, before: { status: 'open' }, after: { status: 'closed' } })
  })()
  return await cycleSummary(ctx, cycleId)
}
