import { scenarioDefinition } from '../../src/shared/api'
import { costBaseline } from '../../src/main/core/costs/baseline'
import { sufficiency } from '../../src/main/core/costs/sufficiency'
import { demandForecast } from '../../src/main/core/forecast/forecast'
import { analyseScenario } from '../../src/main/core/costs/formula'
import { unitCostsOn, weeklyTable } from '../../src/main/core/costs/unitCosts'
import { trackerCounts } from '../../src/main/core/tracker/queries'
import { timeMedian, timeOnce } from '../measure'
import { benchAsOf, type BuiltScale } from '../scale'
import type { CaseResult } from '../report'

/**
 * The cost model: the baseline from the data (held to the tracker's looked-after count,
 * timed against the tracker's own count query), and one full scenario analysis (ten
 * years, every option, break-even and the ±20% sensitivity), which the Costs page runs
 * on every edit and must finish well inside a 16 ms frame.
 */
export async function costsCases(built: BuiltScale, runs: number): Promise<CaseResult[]> {
  const base = { scale: built.scale.name, children: built.children, episodes: built.episodes }
  const baseline = await timeMedian(async () => await costBaseline(built.db, benchAsOf), runs)
  const tracker = await timeMedian(async () => await trackerCounts(built.db, benchAsOf), runs)
  const table = await unitCostsOn(built.db, benchAsOf)
  const counts = { ...baseline.result.counts }
  const definition = scenarioDefinition.parse({
    name: 'bench',
    years: 10,
    demandGrowth: 0.02,
    inflation: 0.03,
    baseline: counts,
    proposed: { ...counts, ART_HUB: 3, MFP: 6, RESIDENTIAL_EXTERNAL: Math.max(0, (counts.RESIDENTIAL_EXTERNAL ?? 0) - 3) },
    services: { ART_HUB: { beds: 3, fixedAnnual: 598_000 }, MFP: { units: 2, placesPerUnit: 3, fixedAnnualPerUnit: 156_000 } }
  })
  const weekly = weeklyTable(table)
  const analysis = await timeMedian(() => analyseScenario(definition, weekly), Math.max(runs, 200))
  // What the page does on an edit: one count changes, the whole analysis runs again.
  let ifa = counts.IFA ?? 0
  const rerun = await timeMedian(() => analyseScenario({ ...definition, proposed: { ...definition.proposed, IFA: ++ifa } }, weekly), Math.max(runs, 200))
  // The Costs page's two slow panels, asked as the page asks them. Long at 100k: fewer runs.
  const slowRuns = Math.min(runs, 2)
  const sufficient = await timeMedian(async () => await sufficiency(built.db, benchAsOf), slowRuns)
  // The first ask reads the history; the core keeps it while nothing is written, so the
  // page's next asks (other years, the workbook) only simulate: timed apart.
  const forecastAsked = async (years: number) => await demandForecast(built.db, { asOf: benchAsOf, years, runs: 200, seed: 20200331 })
  const forecast = await timeOnce(async () => await forecastAsked(3))
  let years = 3
  const forecastAgain = await timeMedian(async () => await forecastAsked((years = years === 2 ? 4 : 2)), slowRuns)
  const lookedAfterRow = sufficient.result.rows.find((r) => r.measure === 'lookedAfter')
  return [
    {
      ...base,
      case: 'sufficiency measures for one date (and a year earlier)',
      ms: sufficient.ms,
      baselineMs: tracker.ms,
      baseline: 'tracker counts for the same date',
      limit: 'the tracker counts it builds on, for the same date',
      rows: tracker.result.lookedAfter,
      sameAnswer: lookedAfterRow?.value === tracker.result.lookedAfter,
      target: '< 1,000 ms at 100k (a panel on screen)',
      targetMs: 1000
    },
    {
      ...base,
      case: 'demand forecast (3 years, 200 runs, as the Costs page asks), first ask',
      ms: forecast.ms,
      limit: 'none: a simulation of the whole cohort month by month, reported',
      rows: forecast.result.lookedAfter,
      sameAnswer: forecast.result.lookedAfter === tracker.result.lookedAfter,
      target: '< 1,000 ms at 100k (a panel on screen)',
      targetMs: 1000
    },
    {
      ...base,
      case: 'demand forecast for other years, history kept (nothing written since)',
      ms: forecastAgain.ms,
      limit: 'none: the same simulation, without reading the history again, reported',
      rows: forecastAgain.result.lookedAfter,
      sameAnswer: forecastAgain.result.lookedAfter === forecast.result.lookedAfter,
      target: '< 1,000 ms at 100k (a panel on screen)',
      targetMs: 1000
    },
    {
      ...base,
      case: 'cost baseline for one date',
      ms: baseline.ms,
      baselineMs: tracker.ms,
      baseline: 'tracker counts for the same date',
      limit: 'the tracker counts it builds on, for the same date',
      rows: baseline.result.lookedAfter,
      sameAnswer: baseline.result.lookedAfter === tracker.result.lookedAfter,
      target: '< 100 ms at 100k (tracker counts shown for reference: the baseline also counts Staying Put and SGO from ended episodes)',
      targetMs: 100
    },
    {
      ...base,
      case: 'scenario analysis (10 years, sensitivity)',
      ms: analysis.ms,
      limit: 'arithmetic in memory: a quarter of a 60 Hz frame',
      sameAnswer: Math.abs(analysis.result.total.saving - analysis.result.years.reduce((s, y) => s + y.saving, 0)) < 1e-6,
      target: '< 4 ms (a quarter of a frame)',
      targetMs: 4
    },
    {
      ...base,
      case: 'scenario re-run after one change',
      ms: rerun.ms,
      limit: 'arithmetic in memory: one 60 Hz frame',
      sameAnswer: rerun.result.total.proposed > analysis.result.total.proposed,
      target: '< 16 ms (one frame)',
      targetMs: 16
    }
  ]
}
