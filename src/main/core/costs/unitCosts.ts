import type { PlacementOption, UnitCostRow } from '../../../shared/api'
import { invalidInput } from '../errors'
import { audit } from '../store/audit'
import type { Db } from '../store/db'
import { systemClock, type Clock } from '../clock'
import type { WeeklyCosts } from './formula'

/** Annual figures use a 52-week year, as the 2019-20 table does. */
export const weeksInTableYear = 52

interface Row {
  id: number
  optionCode: PlacementOption
  label: string
  weekly: number
  effectiveFrom: string
  source: string
  isAssumption: number
  basis: UnitCostRow['basis']
  capacity: number | null
}

const columns = `id, option_code AS "optionCode", label, weekly, effective_from AS "effectiveFrom", source,
  is_assumption AS "isAssumption", basis, capacity`

const toUnitCost = (r: Row): UnitCostRow => ({ ...r, annual: r.weekly * weeksInTableYear, isAssumption: r.isAssumption === 1 })

/**
 * The cost in force on `asOf` for each option in the catalogue not retired by then: its
 * latest row effective on or before that date, under the catalogue's current label.
 */
export async function unitCostsOn(db: Db, asOf: string): Promise<UnitCostRow[]> {
  const rows = (await db
    .prepare(
      `SELECT u.id, u.option_code AS "optionCode", o.label, u.weekly, u.effective_from AS "effectiveFrom", u.source,
              u.is_assumption AS "isAssumption", u.basis, u.capacity
       FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY option_code ORDER BY effective_from DESC) AS rn FROM unit_cost WHERE effective_from <= :asOf) u
       JOIN cost_option o ON o.code = u.option_code
       WHERE u.rn = 1 AND (o.retired_from IS NULL OR o.retired_from > :asOf)
       ORDER BY o.position, o.code`
    )
    .all({ asOf })) as Row[]
  return rows.map(toUnitCost)
}

export async function unitCostHistory(db: Db, optionCode: PlacementOption): Promise<UnitCostRow[]> {
  return ((await db.prepare(`SELECT ${columns} FROM unit_cost WHERE option_code = ? ORDER BY effective_from DESC`).all(optionCode)) as Row[]).map(toUnitCost)
}

export const weeklyTable = (rows: readonly UnitCostRow[]): WeeklyCosts => Object.fromEntries(rows.map((r) => [r.optionCode, r.weekly]))

export interface UnitCostChange {
  optionCode: PlacementOption
  weekly: number
  effectiveFrom: string
  source: string
  label?: string
}

/**
 * Records a cost from a date: a new effective-dated row, or a correction of the row for
 * that exact date. Label, basis and capacity carry over from the option's latest row.
 * Call inside a transaction; returns whether a row was inserted, updated or left alone.
 */
type UnitCostOutcome = 'inserted' | 'updated' | 'unchanged'

/** What writing `change` would do: the row it replaces (if any), the label it keeps and the outcome. */
async function planUnitCost(
  db: Db,
  change: UnitCostChange
): Promise<{ existing: Row | undefined; template: Row | undefined; label: string; outcome: UnitCostOutcome }> {
  const existing = (await db
    .prepare(`SELECT ${columns} FROM unit_cost WHERE option_code = ? AND effective_from = ?`)
    .get(change.optionCode, change.effectiveFrom)) as Row | undefined
  const template =
    existing ??
    ((await db.prepare(`SELECT ${columns} FROM unit_cost WHERE option_code = ? ORDER BY effective_from DESC LIMIT 1`).get(change.optionCode)) as
      Row | undefined)
  if (!template && !change.label) throw invalidInput(`${change.optionCode} has no unit cost yet: give it a label`)
  const label = change.label ?? template!.label
  const unchanged = existing && existing.weekly === change.weekly && existing.source === change.source && existing.label === label
  return { existing, template, label, outcome: unchanged ? 'unchanged' : existing ? 'updated' : 'inserted' }
}

/** What writing `change` would do, without writing it (an import's dry run). */
export const unitCostOutcome = async (db: Db, change: UnitCostChange): Promise<UnitCostOutcome> => (await planUnitCost(db, change)).outcome

export async function writeUnitCost(
  db: Db,
  who: string,
  change: UnitCostChange,
  via: string,
  clock: Clock = systemClock
): Promise<{ row: UnitCostRow; outcome: UnitCostOutcome }> {
  const { existing, template, label, outcome } = await planUnitCost(db, change)
  if (outcome === 'unchanged') return { row: toUnitCost(existing!), outcome }
  let id: number
  if (existing) {
    await db.prepare('UPDATE unit_cost SET weekly = ?, source = ?, label = ? WHERE id = ?').run(change.weekly, change.source, label, existing.id)
    id = existing.id
  } else {
    const inserted = await db
      .prepare(
        'INSERT INTO unit_cost (option_code, label, weekly, effective_from, source, is_assumption, basis, capacity) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id'
      )
      .pluck()
      .get(
        change.optionCode,
        label,
        change.weekly,
        change.effectiveFrom,
        change.source,
        template?.isAssumption ?? 0,
        template?.basis ?? 'per_child',
        template?.capacity ?? null
      )
    id = Number(inserted)
  }
  const row = toUnitCost((await db.prepare(`SELECT ${columns} FROM unit_cost WHERE id = ?`).get(id)) as Row)
  await audit(db, {
    who,
    at: clock.timestamp(),
    action: `unit_cost.${existing ? 'update' : 'insert'}${via}`,
    entity: 'unit_cost',
    entityId: id,
    before: existing ? toUnitCost(existing) : null,
    after: row
  })
  return { row, outcome }
}

export async function setUnitCost(db: Db, who: string, change: UnitCostChange): Promise<UnitCostRow> {
  return await db.transaction(async () => {
    if (!(await db.prepare('SELECT 1 FROM cost_option WHERE code = ?').get(change.optionCode))) {
      throw invalidInput(`optionCode: ${change.optionCode} is not in the option catalogue; add the option first`)
    }
    const { row } = await writeUnitCost(db, who, change, '')
    // The catalogue holds the label every listing shows.
    if (change.label) await db.prepare('UPDATE cost_option SET label = ? WHERE code = ?').run(change.label, change.optionCode)
    return change.label ? { ...row, label: change.label } : row
  })()
}
