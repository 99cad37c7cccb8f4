import { notCosted, type CostOption } from '../../../shared/api'
import { AppError, invalidInput } from '../errors'
import { audit } from '../store/audit'
import type { Db } from '../store/db'
import { writeUnitCost } from './unitCosts'

interface Row {
  code: string
  label: string
  kind: CostOption['kind']
  retiredFrom: string | null
}

const select = 'SELECT code, label, kind, retired_from AS "retiredFrom" FROM cost_option'

export async function listOptions(db: Db, includeRetired = false): Promise<CostOption[]> {
  return (await db.prepare(`${select} ${includeRetired ? '' : 'WHERE retired_from IS NULL'} ORDER BY position, code`).all()) as Row[]
}

/** Every option's catalogue label by code, retired ones too: how messages name an option a commissioner added. */
export async function optionLabels(db: Db): Promise<Partial<Record<string, string>>> {
  return Object.fromEntries((await listOptions(db, true)).map((o) => [o.code, o.label]))
}

export async function getOption(db: Db, code: string): Promise<CostOption | null> {
  return ((await db.prepare(`${select} WHERE code = ?`).get(code)) as Row | undefined) ?? null
}

/** Whether `code` may be a mapping target on `date`: NOT_COSTED, or a placement option not retired by then. */
export async function isLiveTarget(db: Db, code: string, date: string): Promise<boolean> {
  if (code === notCosted) return true
  const option = await getOption(db, code)
  return option !== null && option.kind === 'placement' && (option.retiredFrom === null || option.retiredFrom > date)
}

export interface OptionChange {
  code: string
  label: string
  kind: CostOption['kind']
  retiredFrom: string | null
  firstCost?: { weekly: number; effectiveFrom: string; source: string; isAssumption: boolean }
}

/**
 * Adds an option with its first effective-dated unit cost, or renames / retires /
 * restores an existing one. A new option needs a cost and its source, so nothing in the
 * catalogue is ever costed from nowhere; services are added through the scenario's
 * services, so only placement options are added here.
 */
export async function saveOption(db: Db, who: string, change: OptionChange): Promise<CostOption> {
  return await db.transaction(async () => {
    const before = await getOption(db, change.code)
    if (!before) {
      if (change.code === notCosted) throw invalidInput(`code: ${notCosted} is reserved for placements that carry no cost`)
      if (change.kind !== 'placement') throw invalidInput('kind: only placement options can be added; define services in a scenario')
      if (!change.firstCost) throw invalidInput(`firstCost: a new option needs its first weekly cost, effective date and source`)
      const position = ((await db.prepare('SELECT COALESCE(MAX(position), 0) + 10 AS p FROM cost_option').get()) as { p: number }).p
      await db
        .prepare('INSERT INTO cost_option (code, label, kind, position, retired_from) VALUES (?, ?, ?, ?, ?)')
        .run(change.code, change.label, change.kind, position, change.retiredFrom)
      await writeUnitCost(
        db,
        who,
        {
          optionCode: change.code,
          weekly: change.firstCost.weekly,
          effectiveFrom: change.firstCost.effectiveFrom,
          source: change.firstCost.source,
          label: change.label
        },
        '.new_option'
      )
      if (change.firstCost.isAssumption) await db.prepare('UPDATE unit_cost SET is_assumption = 1 WHERE option_code = ?').run(change.code)
    } else {
      if (change.kind !== before.kind) throw new AppError('conflict', `kind: ${change.code} is a ${before.kind} option; its kind cannot change`)
      if (change.firstCost) throw invalidInput(`firstCost: ${change.code} already exists; add a unit cost from a date instead`)
      await db.prepare('UPDATE cost_option SET label = ?, retired_from = ? WHERE code = ?').run(change.label, change.retiredFrom, change.code)
    }
    const after = (await getOption(db, change.code))!
    await audit(db, {
      who,
      action: before
        ? before.retiredFrom !== after.retiredFrom
          ? after.retiredFrom
            ? 'cost_option.retire'
            : 'cost_option.restore'
          : 'cost_option.rename'
        : 'cost_option.add',
      entity: 'cost_option',
      entityId: change.code,
      before,
      after
    })
    return after
  })()
}
