import type { DriftCode, TrackerView } from '../../../shared/contract/tracker'
import type { Context } from '../context'
import type { HandlerMap } from '../handler'
import { driftFlags, emptyDriftCounts, getDriftThresholds, setDriftThresholds } from './drift'
import { addOversightEntry } from './oversight'
import { countRows, trackerCounts, trackerRows } from './queries'
import { childTimeline } from './timeline'
import { trackerTrend } from './trend'
import { deleteTrackerView, listTrackerViews, saveTrackerView } from './views'

function trackerView(ctx: Context, asOf: string): TrackerView {
  const thresholds = getDriftThresholds(ctx.db)
  const driftCounts = emptyDriftCounts()
  const rows = trackerRows(ctx.db, asOf).map((row) => {
    const drift: DriftCode[] = driftFlags(row, asOf, thresholds)
    for (const code of drift) driftCounts[code]++
    return { ...row, drift }
  })
  return { counts: countRows(asOf, rows), rows, thresholds, driftCounts }
}

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
> = {
  trackerCounts: (ctx, input) => trackerCounts(ctx.db, input.asOf),
  trackerView: (ctx, input) => trackerView(ctx, input.asOf),
  trackerTrend: (ctx, input) => trackerTrend(ctx.db, input.from, input.to),
  childTimeline: (ctx, input) => childTimeline(ctx.db, input.childId, input.asOf),
  addOversightEntry: (ctx, input) => addOversightEntry(ctx.db, ctx.user, ctx.today(), input),
  getDriftThresholds: (ctx) => getDriftThresholds(ctx.db),
  setDriftThresholds: (ctx, input) => setDriftThresholds(ctx.db, ctx.user, input),
  listTrackerViews: (ctx) => listTrackerViews(ctx.db),
  saveTrackerView: (ctx, input) => saveTrackerView(ctx.db, ctx.user, input.name, input.definition),
  deleteTrackerView: (ctx, input) => deleteTrackerView(ctx.db, ctx.user, input.id)
}
