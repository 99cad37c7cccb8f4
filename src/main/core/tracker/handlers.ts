import type { HandlerMap } from '../handler'
import { getDriftThresholds, setDriftThresholds } from './drift'
import { exportTracker } from './export'
import { addOversightEntry } from './oversight'
import { trackerMatchingChildren, trackerPage, trackerSummary } from './page'
import { trackerCounts } from './queries'
import { childTimeline } from './timeline'
import { trackerTrend } from './trend'
import { trackerView } from './view'
import { deleteTrackerView, listTrackerViews, saveTrackerView } from './views'

export const trackerHandlers: HandlerMap<
  | 'trackerCounts'
  | 'trackerView'
  | 'trackerSummary'
  | 'trackerPage'
  | 'trackerTrend'
  | 'childTimeline'
  | 'addOversightEntry'
  | 'getDriftThresholds'
  | 'setDriftThresholds'
  | 'listTrackerViews'
  | 'saveTrackerView'
  | 'deleteTrackerView'
  | 'exportTracker'
  | 'trackerChildIds'
> = {
  trackerCounts: async (ctx, input) => await trackerCounts(ctx.db, input.asOf),
  trackerView: async (ctx, input) => await trackerView(ctx.db, input.asOf),
  trackerSummary: async (ctx, input) => await trackerSummary(ctx.db, input.asOf),
  trackerPage: async (ctx, input) => await trackerPage(ctx.db, input),
  trackerTrend: async (ctx, input) => await trackerTrend(ctx.db, input.from, input.to),
  childTimeline: async (ctx, input) => await childTimeline(ctx.db, input.childId, input.asOf),
  addOversightEntry: async (ctx, input) => await addOversightEntry(ctx.db, ctx.user, ctx.today(), input, ctx.clock),
  getDriftThresholds: async (ctx) => await getDriftThresholds(ctx.db),
  setDriftThresholds: async (ctx, input) => await setDriftThresholds(ctx.db, ctx.user, input),
  listTrackerViews: async (ctx) => await listTrackerViews(ctx.db),
  saveTrackerView: async (ctx, input) => await saveTrackerView(ctx.db, ctx.user, input.name, input.definition, ctx.clock),
  deleteTrackerView: async (ctx, input) => await deleteTrackerView(ctx.db, ctx.user, input.id),
  exportTracker: async (ctx, input) => {
    const file = await exportTracker(ctx, input.asOf, { filters: input.filters, search: input.search, sort: input.sort })
    return { fileName: file.fileName, base64: file.buffer.toString('base64'), rows: file.rows }
  },
  trackerChildIds: async (ctx, input) => await trackerMatchingChildren(ctx.db, input)
}
