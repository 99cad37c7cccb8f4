import type { HandlerMap } from '../handler'
import { getDriftThresholds, setDriftThresholds } from './drift'
import { exportTracker } from './export'
import { addOversightEntry } from './oversight'
import { trackerCounts } from './queries'
import { childTimeline } from './timeline'
import { trackerTrend } from './trend'
import { trackerView } from './view'
import { deleteTrackerView, listTrackerViews, saveTrackerView } from './views'

export const trackerHandlers: HandlerMap<
  | 'trackerCounts'
  | 'trackerView'
  | 'trackerTrend'
  | 'childTimeline'
  | 'addOversightEntry'
  | 'getDriftThresholds'
  | 'setDriftThresholds'
  | 'listTrackerViews'
  | 'saveTrackerView'
  | 'deleteTrackerView'
  | 'exportTracker'
> = {
  trackerCounts: (ctx, input) => trackerCounts(ctx.db, input.asOf),
  trackerView: (ctx, input) => trackerView(ctx.db, input.asOf),
  trackerTrend: (ctx, input) => trackerTrend(ctx.db, input.from, input.to),
  childTimeline: (ctx, input) => childTimeline(ctx.db, input.childId, input.asOf),
  addOversightEntry: (ctx, input) => addOversightEntry(ctx.db, ctx.user, ctx.today(), input),
  getDriftThresholds: (ctx) => getDriftThresholds(ctx.db),
  setDriftThresholds: (ctx, input) => setDriftThresholds(ctx.db, ctx.user, input),
  listTrackerViews: (ctx) => listTrackerViews(ctx.db),
  saveTrackerView: (ctx, input) => saveTrackerView(ctx.db, ctx.user, input.name, input.definition),
  deleteTrackerView: (ctx, input) => deleteTrackerView(ctx.db, ctx.user, input.id),
  exportTracker: async (ctx, input) => {
    const file = await exportTracker(ctx.db, ctx.user, input.asOf)
    return { fileName: file.fileName, base64: file.buffer.toString('base64'), rows: file.rows }
  }
}
