import type { ScenarioDefinition } from '../../../shared/api'
import type { Context } from '../context'
import { demandForecast } from '../forecast/forecast'
import { optionLabels } from './catalogue'
import { analyse } from './scenarios'
import { sufficiency } from './sufficiency'
import { unitCostsOn } from './unitCosts'
import { costWorkbook } from './workbook'

/** A file name made only of safe characters from the scenario name. */
export const workbookFileName = (name: string): string =>
  `${
    name
      .replace(/[^A-Za-z0-9 _-]+/g, '')
      .trim()
      .replace(/\s+/g, '-') || 'scenario'
  }-cost-model.xlsx`

export async function buildWorkbook(ctx: Context, given: ScenarioDefinition): Promise<Buffer> {
  const asOf = given.costsAsOf ?? ctx.today()
  // The Assumptions sheet states the date the unit costs are in force on, today's where the scenario gives none.
  const definition = { ...given, costsAsOf: asOf }
  const table = await unitCostsOn(ctx.db, asOf)
  // Beside the cost model: the sufficiency measures and the demand forecast on the scenario's date.
  const forecast = await demandForecast(ctx.db, { asOf, years: Math.min(10, definition.years), runs: 200, seed: 20200331 })
  return costWorkbook(definition, await analyse(ctx.db, definition, ctx.today()), table, await optionLabels(ctx.db), {
    sufficiency: await sufficiency(ctx.db, asOf),
    forecast
  })
}
