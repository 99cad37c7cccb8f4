import type { HandlerMap } from '../handler'
import { closeCycle, cycleItems, listCycles, openCycle } from './cycles'
import { reviewDashboard } from './dashboard'
import { childReviews, itemDetail } from './detail'
import { exportCycle } from './export'
import { recordOutcome } from './outcomes'

export const reviewHandlers: HandlerMap<
  'openReviewCycle' | 'closeReviewCycle' | 'listReviewCycles' | 'reviewCycle' | 'reviewItem' | 'recordReviewOutcome' | 'childReviews' | 'reviewDashboard' | 'exportReviewCycle'
> = {
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
