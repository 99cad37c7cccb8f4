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
  getCarePlan: (ctx, input) => getCarePlan(ctx.db, input.childId),
  saveCarePlan: (ctx, input) => saveCarePlan(ctx, input),
  listDischargeApplications: (ctx, input) => listDischargeApplications(ctx.db, input.childId),
  saveDischargeApplication: (ctx, input) => saveDischargeApplication(ctx, input),
  getDecisionCarers: (ctx, input) => decisionAbout(ctx.db, input.decisionId),
  setDecisionCarers: (ctx, { decisionId, ...about }) => setDecisionCarers(ctx, decisionId, about),
  listCarers: (ctx, input) => listCarers(ctx.db, input.search),
  addCarer: (ctx, input) => addCarer(ctx.db, ctx.user, input, ctx.today()),
  updateCarer: (ctx, { id, ...carer }) => updateCarer(ctx.db, ctx.user, id, carer, ctx.today()),
  childPlacements: (ctx, input) => childPlacements(ctx.db, input.childId),
  currentCarers: (ctx, input) => currentCarers(ctx.db, input.childId, input.date),
  linkPlacementCarer: (ctx, input) => linkPlacementCarer(ctx.db, ctx.user, input.childId, input.placementStart, input.carerId),
  unlinkPlacementCarer: (ctx, input) => unlinkPlacementCarer(ctx.db, ctx.user, input.childId, input.placementStart, input.carerId),
  previewCarersImport: (ctx, input) => importCarers(ctx, toSource(ctx, input.file), input.mapping, { dryRun: true, onProgress: trackJob(input.jobId) }),
  commitCarersImport: (ctx, input) => importCarers(ctx, toSource(ctx, input.file), input.mapping, { onProgress: trackJob(input.jobId) })
}
