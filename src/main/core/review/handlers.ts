import type { HandlerMap } from '../handler'
import { closeCycle, cycleItems, listCycles, openCycle } from './cycles'
import { reviewDashboard } from './dashboard'
import { childReviews, itemDetail } from './detail'
import { exportCycle } from './export'
import { getCohortDefinitions, setCohortDefinitions } from './definitions'
import { recordOutcome, setLegalPermanenceSecure } from './outcomes'

export const reviewHandlers: HandlerMap<
  | 'openReviewCycle'
  | 'closeReviewCycle'
  | 'listReviewCycles'
  | 'reviewCycle'
  | 'reviewItem'
  | 'recordReviewOutcome'
  | 'childReviews'
  | 'reviewDashboard'
  | 'exportReviewCycle'
  | 'getCohortDefinitions'
  | 'setCohortDefinitions'
  | 'setLegalPermanenceSecure'
> = {
  getCohortDefinitions: (ctx) => getCohortDefinitions(ctx.db),
  setCohortDefinitions: (ctx, input) => setCohortDefinitions(ctx.db, ctx.user, input.definitions),
  setLegalPermanenceSecure: (ctx, input) => setLegalPermanenceSecure(ctx, input.itemId, input.secure),
  openReviewCycle: (ctx, input) => openCycle(ctx, input),
  closeReviewCycle: (ctx, input) => closeCycle(ctx, input.cycleId),
  listReviewCycles: (ctx) => listCycles(ctx),
  reviewCycle: (ctx, input) => cycleItems(ctx, input.cycleId),
  reviewItem: (ctx, input) => itemDetail(ctx, input.itemId),
  recordReviewOutcome: (ctx, input) => recordOutcome(ctx, input),
  childReviews: (ctx, input) => childReviews(ctx.db, input.childId),
  reviewDashboard: (ctx, input) => reviewDashboard(ctx, input),
  exportReviewCycle: (ctx, input) => exportCycle(ctx, input.cycleId)
}
