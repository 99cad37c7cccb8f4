import type { HandlerMap } from '../handler'
import { toSource } from '../io/handlers'
import { importCarers } from '../io/carers/import'
import { trackJob } from '../io/progress'
import { childPlacements, currentCarers, linkPlacementCarer, unlinkPlacementCarer } from '../placements/placements'
import { getCarePlan, listDischargeApplications, saveCarePlan, saveDischargeApplication } from '../placements/carePlan'
import { decisionAbout, setDecisionCarers } from './decisionCarers'
import { addCarer, listCarers, updateCarer } from './register'

export const carersHandlers: HandlerMap<
  | 'listCarers'
  | 'addCarer'
  | 'updateCarer'
  | 'childPlacements'
  | 'currentCarers'
  | 'linkPlacementCarer'
  | 'unlinkPlacementCarer'
  | 'previewCarersImport'
  | 'commitCarersImport'
  | 'getDecisionCarers'
  | 'setDecisionCarers'
  | 'getCarePlan'
  | 'saveCarePlan'
  | 'listDischargeApplications'
  | 'saveDischargeApplication'
> = {
  getCarePlan: async (ctx, input) => await getCarePlan(ctx.db, input.childId),
  saveCarePlan: async (ctx, input) => await saveCarePlan(ctx, input),
  listDischargeApplications: async (ctx, input) => await listDischargeApplications(ctx.db, input.childId),
  saveDischargeApplication: async (ctx, input) => await saveDischargeApplication(ctx, input),
  getDecisionCarers: async (ctx, input) => await decisionAbout(ctx.db, input.decisionId),
  setDecisionCarers: async (ctx, { decisionId, ...about }) => await setDecisionCarers(ctx, decisionId, about),
  listCarers: async (ctx, input) => await listCarers(ctx.db, input.search),
  addCarer: async (ctx, input) => await addCarer(ctx.db, ctx.user, input, ctx.today()),
  updateCarer: async (ctx, { id, ...carer }) => await updateCarer(ctx.db, ctx.user, id, carer, ctx.today()),
  childPlacements: async (ctx, input) => await childPlacements(ctx.db, input.childId),
  currentCarers: async (ctx, input) => await currentCarers(ctx.db, input.childId, input.date),
  linkPlacementCarer: async (ctx, input) => await linkPlacementCarer(ctx.db, ctx.user, input.childId, input.placementStart, input.carerId, ctx.clock),
  unlinkPlacementCarer: async (ctx, input) => await unlinkPlacementCarer(ctx.db, ctx.user, input.childId, input.placementStart, input.carerId, ctx.clock),
  previewCarersImport: async (ctx, input) =>
    await importCarers(ctx, toSource(ctx, input.file), input.mapping, { dryRun: true, onProgress: trackJob(input.jobId) }),
  commitCarersImport: async (ctx, input) => await importCarers(ctx, toSource(ctx, input.file), input.mapping, { onProgress: trackJob(input.jobId) })
}
