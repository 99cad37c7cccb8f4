import type { ScenarioDefinition } from '../../../shared/api'
import type { Context } from '../context'
import { analyse } from './scenarios'
import { sufficiency } from './sufficiency'
import { unitCostsOn } from './unitCosts'
import { costWorkbook } from './workbook'

/** A file name made only of safe characters from the scenario name. */
export const workbookFileName = (name: string): string => `${name.replace(/[^A-Za-z0-9 _-]+/g, '').trim().replace(/\s+/g, '-') || 'scenario'}-cost-model.xlsx`

export async function buildWorkbook(ctx: Context, definition: ScenarioDefinition): Promise<Buffer> {
  const table = unitCostsOn(ctx.db, definition.costsAsOf ?? ctx.today())
  return costWorkbook(definition, analyse(ctx.db, definition, ctx.today()), table, { sufficiency: sufficiency(ctx.db, definition.costsAsOf ?? ctx.today()) })
}
