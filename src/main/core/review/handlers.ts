import type { HandlerMap } from '../handler'
import { closeCycle, cycleItems, listCycles, openCycle } from './cycles'
import { reviewDashboard } from './dashboard'
import { childReviews, itemDetail } from './detail'
import { exportCycle } from './export'
import { getCohortDefinitions, setCohortDefinitions } from './definitions'
import { correctOutcome, recordOutcome, setLegalPermanenceSecure } from './outcomes'

export const reviewHandlers: HandlerMap<
  | 'openReviewCycle'
  | 'closeReviewCycle'
  | 'listReviewCycles'
  | 'reviewCycle'
  | 'reviewItem'
  | 'recordReviewOutcome'
  | 'correctReviewOutcome'
  | 'childReviews'
  | 'reviewDashboard'
  | 'exportReviewCycle'
  | 'getCohortDefinitions'
  | 'setCohortDefinitions'
  | 'setLegalPermanenceSecure'
> = {
  getCohortDefinitions: async (ctx) => await getCohortDefinitions(ctx.db),
  setCohortDefinitions: async (ctx, input) => await setCohortDefinitions(ctx.db, ctx.user, input.definitions),
  setLegalPermanenceSecure: async (ctx, input) => await setLegalPermanenceSecure(ctx, input.itemId, input.secure, input.expectedVersion),
  openReviewCycle: async (ctx, input) => await openCycle(ctx, input),
  closeReviewCycle: async (ctx, input) => await closeCycle(ctx, input.cycleId),
  listReviewCycles: async (ctx) => await listCycles(ctx),
  reviewCycle: async (ctx, input) => await cycleItems(ctx, input.cycleId),
  reviewItem: async (ctx, input) => await itemDetail(ctx, input.itemId),
  recordReviewOutcome: async (ctx, input) => await recordOutcome(ctx, input),
  correctReviewOutcome: async (ctx, input) => await correctOutcome(ctx, input),
  childReviews: async (ctx, input) => await childReviews(ctx.db, input.childId),
  reviewDashboard: async (ctx, input) => await reviewDashboard(ctx, input),
  exportReviewCycle: async (ctx, input) => await exportCycle(ctx, input.cycleId)
}
