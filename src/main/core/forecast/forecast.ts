import type { ForecastResult } from '../../../shared/api'
import { must } from '../../../shared/must'
import { invalidInput } from '../errors'
import type { Db } from '../store/db'
import { KeptWhileUnchanged } from '../store/kept-while-unchanged'
import { ensureCommissioningSpans } from '../costs/trackerReady'
import { History, monthEnd, observeMonths } from './history'
import { bootstrapModels, simulate } from './model'

export interface ForecastInput {
  asOf: string
  years: number
  referenceFrom?: string
  referenceTo?: string
  runs: number
  seed: number
}

/*
 * Histories read, kept while nothing is written: a commissioner trying other years, or
 * exporting the workbook after looking, asks for the same months again, and at 100,000
 * children reading them takes seconds where the simulation takes one or two.
 */
const histories = new KeptWhileUnchanged<History>(2)

async function historyOf(db: Db, from: string, to: string): Promise<History> {
  // The spans are brought up to date first: that write would otherwise empty the store just filled.
  await ensureCommissioningSpans(db)
  return await (await histories.now(db)).getOr(`${from}|${to}`, () => History.load(db, from, to))
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((n, v) => n + v, 0)

/** Fits on [from, to] and projects `months` months from the counts on `start`. */
function project(history: History, from: string, to: string, start: string, months: number, runs: number, seed: number) {
  const observations = observeMonths(history, from, to)
  if (observations.length === 0) throw invalidInput(`reference: ${from} to ${to} holds no whole month; choose a longer period`)
  const models = bootstrapModels(observations, runs, seed)
  const model = must(models[0], 'run 0, the plain fit')
  const counts = history.countsOn(start)
  const observed = observations.reduce((n, o) => n + o.moves.reduce((m, x) => m + x.children, 0) + o.entries.reduce((m, x) => m + x.children, 0), 0)
  return {
    model,
    counts,
    observed,
    projection: simulate((r) => must(models[r], 'a bootstrap model for every run'), history.stateCountsOn(start), months, runs, seed)
  }
}

/**
 * The demand forecast: a transition model fitted on the reference period (default the
 * 24 months to asOf), projected month by month from the children looked after on asOf,
 * with p10 / p50 / p90 bands from simulation over bootstrap refits. The back-test fits the same length of
 * reference ending 12 months before asOf and compares its projection with the counts
 * that followed. Numbers only: no child is named in the result.
 */
export async function demandForecast(db: Db, input: ForecastInput): Promise<ForecastResult> {
  const to = input.referenceTo ?? input.asOf
  const from = input.referenceFrom ?? monthEnd(to, -24)
  if (from >= to) throw invalidInput(`referenceFrom: ${from} must be before referenceTo ${to}`)
  if (to > input.asOf) throw invalidInput(`referenceTo: ${to} is after asOf ${input.asOf}; the model can only learn from the past`)
  const months = input.years * 12
  const spanMonths = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / (30.44 * 86_400_000)))
  const origin = monthEnd(input.asOf, -12)
  const backFrom = monthEnd(origin, -spanMonths)
  const history = await historyOf(db, backFrom < from ? backFrom : from, input.asOf)
  const { model, counts, observed, projection } = project(history, from, to, input.asOf, months, input.runs, input.seed)
  const series = projection.total.map((total, m) => ({
    month: monthEnd(input.asOf, m + 1).slice(0, 7),
    total,
    byCategory: must(projection.byCategory[m], 'categories for every projected month'),
    byAgeBand: must(projection.byAgeBand[m], 'age bands for every projected month')
  }))

  let backtest: ForecastResult['backtest'] = null
  if (sum(history.countsOn(backFrom)) > 0 && sum(history.countsOn(origin)) > 0) {
    const back = project(history, backFrom, origin, origin, 12, input.runs, input.seed)
    const rows = back.projection.total.map((b, m) => {
      const month = monthEnd(origin, m + 1)
      return { month: month.slice(0, 7), actual: sum(history.countsOn(month)), p10: b.p10, p50: b.p50, p90: b.p90 }
    })
    const errors = rows.map((r) => (r.actual > 0 ? Math.abs(r.p50 - r.actual) / r.actual : 0))
    const last = must(rows.at(-1), 'the back-test projects 12 months')
    backtest = {
      reference: { from: backFrom, to: origin },
      months: rows,
      mape: errors.reduce((a, b) => a + b, 0) / errors.length,
      finalError: last.actual > 0 ? (last.p50 - last.actual) / last.actual : 0,
      coverage: rows.filter((r) => r.actual >= r.p10 && r.actual <= r.p90).length / rows.length
    }
  }
  const lookedAfter = sum(counts)
  const demandIndex = Array.from({ length: input.years }, (_, y) => {
    const year = series.slice(y * 12, y * 12 + 12)
    return lookedAfter > 0 ? year.reduce((n, m) => n + m.total.p50, 0) / year.length / lookedAfter : 1
  })
  return { asOf: input.asOf, reference: { from, to }, observedChildMonths: observed, lookedAfter, runs: input.runs, model, series, demandIndex, backtest }
}
