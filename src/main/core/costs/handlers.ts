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
  | 'previewUnitCosts'
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
  listUnitCosts: async (ctx, input) => await unitCostsOn(ctx.db, input.asOf ?? ctx.today()),
  unitCostHistory: async (ctx, input) => await unitCostHistory(ctx.db, input.optionCode),
  setUnitCost: async (ctx, input) => await setUnitCost(ctx.db, ctx.user, input),
  importUnitCosts: async (ctx, input) =>
    await importUnitCosts(ctx.db, ctx.user, { ...input, content: Buffer.from(input.contentBase64, 'base64') }, { clock: ctx.clock }),
  previewUnitCosts: async (ctx, input) =>
    await importUnitCosts(ctx.db, ctx.user, { ...input, content: Buffer.from(input.contentBase64, 'base64') }, { dryRun: true, clock: ctx.clock }),
  listPlacementMappings: async (ctx) => await listPlacementMappings(ctx.db),
  setPlacementMapping: async (ctx, input) => await setPlacementMapping(ctx.db, ctx.user, input, ctx.today()),
  previewMapping: async (ctx, input) => await previewMapping(ctx.db, input.date),
  listOptions: async (ctx, input) => await listOptions(ctx.db, input.includeRetired),
  saveOption: async (ctx, input) => await saveOption(ctx.db, ctx.user, input),
  sufficiency: async (ctx, input) => await sufficiency(ctx.db, input.asOf),
  setSufficiencyComparator: async (ctx, input) => await setSufficiencyComparator(ctx.db, ctx.user, input),
  demandForecast: async (ctx, input) => await demandForecast(ctx.db, input),
  costBaseline: async (ctx, input) => await costBaseline(ctx.db, input.date),
  draftScenario: async (ctx, input) => await draftScenario(ctx.db, input.date),
  runScenario: async (ctx, input) => await analyse(ctx.db, input.definition, ctx.today()),
  listScenarios: async (ctx) => await listScenarios(ctx.db),
  saveScenario: async (ctx, input) => await saveScenario(ctx.db, ctx.user, input, ctx.clock),
  duplicateScenario: async (ctx, input) => await duplicateScenario(ctx.db, ctx.user, input.id, input.name, ctx.clock),
  deleteScenario: async (ctx, input) => await deleteScenario(ctx.db, ctx.user, input.id, ctx.clock),
  compareScenarios: async (ctx, input) => await compareScenarios(ctx.db, input.ids, ctx.today()),
  exportCostWorkbook: async (ctx, input) => ({
    fileName: workbookFileName(input.definition.name),
    contentBase64: (await buildWorkbook(ctx, input.definition)).toString('base64')
  })
}
