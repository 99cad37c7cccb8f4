import { must } from '../../../shared/must'
import { forecastAgeBands, forecastCategories, type Band, type ForecastAgeBand, type ForecastCategory, type ForecastModel } from '../../../shared/api'

export type Outcome = ForecastCategory | 'left'

/** What one reference month shows: where children in each category and age band at its start were at its end, and who entered. */
export interface MonthObservation {
  moves: { from: ForecastCategory; fromBand: ForecastAgeBand; to: Outcome; toBand: ForecastAgeBand | null; children: number }[]
  entries: { ageBand: ForecastAgeBand; category: ForecastCategory; children: number }[]
}

/** A simulation state: a category and an age band. */
export const stateKey = (category: ForecastCategory, band: ForecastAgeBand): string => `${category}|${band}`
const states = forecastCategories.flatMap((c) => forecastAgeBands.map((b) => ({ key: stateKey(c, b), category: c, band: b })))

const outcomes: readonly Outcome[] = [...forecastCategories, 'left']

const left = states.length
const stateIndex = new Map(states.map((s, i) => [s.key, i]))
const categoryIndex = new Map(forecastCategories.map((c, i) => [c, i]))
const bands = forecastAgeBands.length

/** One or more reference months as numbers: children from each state to each state or out of care, and entries into each state. */
interface Tally {
  /** [from state × (states + 1)]: the last column is leaving care. */
  moves: Float64Array
  entries: Float64Array
}

const emptyTally = (): Tally => ({ moves: new Float64Array(states.length * (states.length + 1)), entries: new Float64Array(states.length) })
const at = (category: ForecastCategory, band: ForecastAgeBand): number => (categoryIndex.get(category) as number) * bands + forecastAgeBands.indexOf(band)

function tally(month: MonthObservation): Tally {
  const t = emptyTally()
  for (const m of month.moves) {
    const to = m.to === 'left' ? left : (stateIndex.get(stateKey(m.to, m.toBand ?? m.fromBand)) as number)
    t.moves[at(m.from, m.fromBand) * (states.length + 1) + to]! += m.children
  }
  for (const e of month.entries) t.entries[at(e.category, e.ageBand)]! += e.children
  return t
}

function add(into: Tally, t: Tally): void {
  for (let i = 0; i < t.moves.length; i++) into.moves[i]! += t.moves[i]!
  for (let i = 0; i < t.entries.length; i++) into.entries[i]! += t.entries[i]!
}

/**
 * The transition model: for each category, the share of the children in it at a month's
 * start who are in each category (or have left care) at its end, pooled over the
 * reference months; and the mean entries a month by age band and category. A category
 * nobody was in keeps its children (no evidence of movement).
 */
export function fitModel(months: readonly MonthObservation[]): ForecastModel {
  const total = emptyTally()
  for (const month of months) add(total, tally(month))
  return modelOf(total, months.length)
}

/** The model of `months` reference months tallied into `t`. */
function modelOf(t: Tally, months: number): ForecastModel {
  const width = states.length + 1
  const counts = forecastCategories.map(() => new Float64Array(forecastCategories.length + 1))
  const byAge: ForecastModel['byAge'] = {}
  states.forEach((from, f) => {
    const row = t.moves.subarray(f * width, f * width + width)
    const n = row.reduce((a, b) => a + b, 0)
    if (n === 0) return
    const shares: Record<string, number> = {}
    row.forEach((k, to) => {
      if (k === 0) return
      const toCategory = to === left ? forecastCategories.length : (categoryIndex.get((states[to] as (typeof states)[number]).category) as number)
      counts[categoryIndex.get(from.category) as number]![toCategory]! += k
      shares[to === left ? 'left' : (states[to] as (typeof states)[number]).key] = k / n
    })
    byAge[from.key] = shares
  })
  const entries: ForecastModel['entries'] = {}
  for (const band of forecastAgeBands)
    for (const category of forecastCategories) {
      const k = t.entries[at(category, band)] as number
      if (k > 0) (entries[band] ??= {})[category] = k / months
    }
  const exposure = Object.fromEntries(forecastCategories.map((c, i) => [c, (counts[i] as Float64Array).reduce((a, b) => a + b, 0)])) as Record<
    ForecastCategory,
    number
  >
  const transitions = Object.fromEntries(
    forecastCategories.map((c, i) => [
      c,
      Object.fromEntries(outcomes.map((o, j) => [o, exposure[c] > 0 ? (counts[i] as Float64Array)[j]! / exposure[c] : o === c ? 1 : 0]))
    ])
  ) as ForecastModel['transitions']
  return { transitions, entries, exposure, byAge }
}

/** A small, seeded PRNG (mulberry32), so the same inputs always give the same bands. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function poisson(lambda: number, next: () => number): number {
  if (lambda <= 0) return 0
  // Knuth's method: entries a month per category are small.
  const limit = Math.exp(-lambda)
  let k = 0
  let p = next()
  while (p > limit) {
    k++
    p *= next()
  }
  return k
}

/** ln k!: summed exactly below 256, Stirling's series above (its next term is below 1e-15 there). */
const exactLogFactorials = Array.from({ length: 256 }, (_, k) => k).reduce<number[]>(
  (acc, k) => [...acc, k === 0 ? 0 : (acc[k - 1] as number) + Math.log(k)],
  []
)
function logFactorial(k: number): number {
  const exact = exactLogFactorials[k]
  if (exact !== undefined) return exact
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k ** 3)
}

/**
 * An exact Binomial(n, p) draw by inversion: one uniform, taken away from the chances of
 * the outcomes in turn until it runs out. Moves and leaving are rare in a month, so from 0
 * that takes a few steps; where n·p is large (a cell of thousands at the 100k scale) the
 * outcomes are taken from the likeliest outward instead, about 1.6 standard deviations of
 * steps. (Any order of the outcomes gives an exact draw.)
 */
export function binomial(n: number, p: number, next: () => number): number {
  if (n <= 0 || p <= 0) return 0
  if (p >= 1) return n
  if (p > 0.5) return n - binomial(n, 1 - p, next)
  const q = 1 - p
  const ratio = p / q
  if (n * p > 30) return fromTheMode(n, p, ratio, next())
  let prob = q ** n
  let cumulative = prob
  const u = next()
  let k = 0
  while (u > cumulative && k < n) {
    prob *= (ratio * (n - k)) / (k + 1)
    k++
    cumulative += prob
  }
  return k
}

/** Inversion from the mode, taking outcomes above and below it in turn (q^n would underflow from 0; stepping by geometric gaps, as before, took n·p logarithms a draw: 1.7 s of a 100k forecast). */
function fromTheMode(n: number, p: number, ratio: number, uniform: number): number {
  const mode = Math.floor((n + 1) * p)
  const atMode = Math.exp(logFactorial(n) - logFactorial(mode) - logFactorial(n - mode) + mode * Math.log(p) + (n - mode) * Math.log1p(-p))
  let u = uniform - atMode
  let [up, down, upProb, downProb] = [mode, mode, atMode, atMode]
  while (u > 0 && (up < n || down > 0)) {
    if (up < n) {
      upProb *= (ratio * (n - up)) / (up + 1)
      up++
      u -= upProb
      if (u <= 0) return up
    }
    if (down > 0) {
      downProb *= down / ((n - down + 1) * ratio)
      down--
      u -= downProb
    }
  }
  // Rounding can leave a sliver of u once every outcome is taken: the mode stands for it.
  return u > 0 ? mode : down
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  const [low, high] = [sorted[lo], sorted[Math.ceil(at)]]
  // No values, no quantile: NaN, as arithmetic on the missing ones gives.
  if (low === undefined || high === undefined) return NaN
  return low + (high - low) * (at - lo)
}

const band = (values: number[]): Band => {
  values.sort((a, b) => a - b)
  return { p10: quantile(values, 0.1), p50: quantile(values, 0.5), p90: quantile(values, 0.9) }
}

export interface Projection {
  total: Band[]
  byCategory: Record<ForecastCategory, Band>[]
  byAgeBand: Record<ForecastAgeBand, Band>[]
}

/** A simulation state for one run: its children now and next month, the entries it gets a month, and where its children go. */
interface Cell {
  key: string
  category: ForecastCategory
  band: ForecastAgeBand
  count: number
  after: number
  entryRate: number
  /** The outcomes drawn for in turn, least likely first, each with its probability (leaving care has no `to`). */
  draws: { to: Cell | undefined; p: number }[]
  /** Where the children not drawn for go: the likeliest outcome's state (undefined when that is leaving care, or the state has no outcome). */
  rest: Cell | undefined
}

/** The state's outcome probabilities over the states, with leaving last. */
function stateRow(model: ForecastModel, s: Cell): number[] {
  const own = model.byAge[s.key]
  // No child was ever in this state: its category's moves, staying in the same band.
  if (!own) return [...states.map((t) => (t.band === s.band ? model.transitions[s.category][t.category] : 0)), model.transitions[s.category].left]
  return [...states.map((t) => own[t.key] ?? 0), own.left ?? 0]
}

function stateCells(model: ForecastModel, start: Readonly<Record<string, number>>): Cell[] {
  const cells: Cell[] = states.map((s) => ({
    key: s.key,
    category: s.category,
    band: s.band,
    count: start[s.key] ?? 0,
    after: 0,
    entryRate: model.entries[s.band]?.[s.category] ?? 0,
    draws: [],
    rest: undefined
  }))
  // The likeliest outcome (mostly staying put) takes whoever is left: each other draw then
  // costs about one step per child who moves, and staying costs none (at 100k children,
  // 200 runs of 36 months took 2.6 s with leaving last, 1.8 s so).
  for (const cell of cells) {
    const outcomes = stateRow(model, cell)
      .map((p, o) => ({ to: cells[o], p }))
      .filter((m) => m.p > 0)
      .sort((a, b) => a.p - b.p)
    cell.rest = outcomes.pop()?.to
    cell.draws = outcomes
  }
  return cells
}

function childrenIn(cells: readonly Cell[]): number {
  let n = 0
  for (const cell of cells) n += cell.count
  return n
}

/**
 * Monte Carlo projection over categories × age bands: each month the children in each
 * state move, age into the next band or leave by the model's probabilities (a chain of
 * binomial draws), and entries arrive as Poisson draws with its monthly means. Each run
 * may use its own model (`modelOf(run)`: a bootstrap refit, so the bands carry the
 * uncertainty of the rates as well as the chance in who moves). `runs` simulations give
 * p10 / p50 / p90 for every month. `start` counts children by state key.
 */
export function simulate(
  modelOf: (run: number) => ForecastModel,
  start: Readonly<Record<string, number>>,
  months: number,
  runs: number,
  seed: number
): Projection {
  const next = random(seed)
  const perMonth = Array.from({ length: months }, () => ({
    total: new Array<number>(runs),
    byCategory: Object.fromEntries(forecastCategories.map((c) => [c, new Array<number>(runs)])) as Record<ForecastCategory, number[]>,
    byAgeBand: Object.fromEntries(forecastAgeBands.map((b) => [b, new Array<number>(runs)])) as Record<ForecastAgeBand, number[]>
  }))
  for (let r = 0; r < runs; r++) {
    const cells = stateCells(modelOf(r), start)
    const byCategory = forecastCategories.map((category) => ({ category, group: cells.filter((cell) => cell.category === category) }))
    const byAgeBand = forecastAgeBands.map((band) => ({ band, group: cells.filter((cell) => cell.band === band) }))
    for (const month of perMonth) {
      for (const cell of cells) cell.after = 0
      for (const cell of cells) {
        // A multinomial draw as a chain of binomials: each outcome takes its share of those not yet placed.
        let remaining = cell.count
        let mass = 1
        for (const { to, p } of cell.draws) {
          if (remaining <= 0) break
          const k = mass <= p ? remaining : binomial(remaining, p / mass, next)
          if (to) to.after += k
          remaining -= k
          mass -= p
        }
        if (cell.rest) cell.rest.after += remaining
        cell.after += poisson(cell.entryRate, next)
      }
      for (const cell of cells) cell.count = cell.after
      month.total[r] = childrenIn(cells)
      for (const { category, group } of byCategory) month.byCategory[category][r] = childrenIn(group)
      for (const { band, group } of byAgeBand) month.byAgeBand[band][r] = childrenIn(group)
    }
  }
  return {
    total: perMonth.map((m) => band(m.total)),
    byCategory: perMonth.map((m) => Object.fromEntries(forecastCategories.map((c) => [c, band(m.byCategory[c])])) as Record<ForecastCategory, Band>),
    byAgeBand: perMonth.map((m) => Object.fromEntries(forecastAgeBands.map((b) => [b, band(m.byAgeBand[b])])) as Record<ForecastAgeBand, Band>)
  }
}

/** Models refitted on the reference months drawn with replacement, one per run (run 0 is the plain fit). Each month is tallied once: a refit adds up numbers. */
export function bootstrapModels(months: readonly MonthObservation[], runs: number, seed: number): ForecastModel[] {
  const next = random(seed ^ 0x5bd1e995)
  const tallies = months.map(tally)
  return Array.from({ length: runs }, (_, r) => {
    if (r === 0) return fitModel(months)
    const total = emptyTally()
    for (let i = 0; i < tallies.length; i++) add(total, must(tallies[Math.floor(next() * tallies.length)], 'a draw below 1 picks a month'))
    return modelOf(total, tallies.length)
  })
}
