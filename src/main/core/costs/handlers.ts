import type { HandlerMap } from '../handler'
import { costBaseline } from './baseline'
import { importUnitCosts } from './importUnitCosts'
import { demandForecast } from '../forecast/forecast'
import { listOptions, saveOption } from './catalogue'
import { setSufficiencyComparator, sufficiency } from './sufficiency'
import { listPlacementMappings, previewMapping, setPlacementMapping } from './mapping'
import { analyse, compareScenarios, deleteScenario, draftScenario, duplicateScenario, listScenarios, saveScenario } from './scenarios'
import { setUnitCost, unitCostHistory, unitCostsOn } from './unitCosts'
import { buildWorkbook, workbookFileName } from './exportWorkbook'

type CostCalls =
  | 'listUnitCosts'
  | 'unitCostHistory'
  | 'setUnitCost'
  | 'importUnitCosts'
  | 'listPlacementMappings'
  | 'setPlacementMapping'
  | 'previewMapping'
  | 'listOptions'
  | 'saveOption'
  | 'sufficiency'
  | 'setSufficiencyComparator'
  | 'demandForecast'
  | 'costBaseline'
  | 'draftScenario'
  | 'runScenario'
  | 'listScenarios'
  | 'saveScenario'
  | 'duplicateScenario'
  | 'deleteScenario'
  | 'compareScenarios'
  | 'exportCostWorkbook'

export const costsHandlers: HandlerMap<CostCalls> = {
  listUnitCosts: (ctx, input) => unitCostsOn(ctx.db, input.asOf ?? ctx.today()),
  unitCostHistory: (ctx, input) => unitCostHistory(ctx.db, input.optionCode),
  setUnitCost: (ctx, input) => setUnitCost(ctx.db, ctx.user, input),
  importUnitCosts: (ctx, input) => importUnitCosts(ctx.db, ctx.user, { ...input, content: Buffer.from(input.contentBase64, 'base64') }),
  listPlacementMappings: (ctx) => listPlacementMappings(ctx.db),
  setPlacementMapping: (ctx, input) => setPlacementMapping(ctx.db, ctx.user, input, ctx.today()),
  previewMapping: (ctx, input) => previewMapping(ctx.db, input.date),
  listOptions: (ctx, input) => listOptions(ctx.db, input.includeRetired),
  saveOption: (ctx, input) => saveOption(ctx.db, ctx.user, input),
  sufficiency: (ctx, input) => sufficiency(ctx.db, input.asOf),
  setSufficiencyComparator: (ctx, input) => setSufficiencyComparator(ctx.db, ctx.user, input),
  demandForecast: (ctx, input) => demandForecast(ctx.db, input),
  costBaseline: (ctx, input) => costBaseline(ctx.db, input.date),
  draftScenario: (ctx, input) => draftScenario(ctx.db, input.date),
  runScenario: (ctx, input) => analyse(ctx.db, input.definition, ctx.today()),
  listScenarios: (ctx) => listScenarios(ctx.db),
  saveScenario: (ctx, input) => saveScenario(ctx.db, ctx.user, input),
  duplicateScenario: (ctx, input) => duplicateScenario(ctx.db, ctx.user, input.id, input.name),
  deleteScenario: (ctx, input) => deleteScenario(ctx.db, ctx.user, input.id),
  compareScenarios: (ctx, input) => compareScenarios(ctx.db, input.ids, ctx.today()),
  exportCostWorkbook: async (ctx, input) => ({ fileName: workbookFileName(input.definition.name), contentBase64: (await buildWorkbook(ctx, input.definition)).toString('base64') })
}
