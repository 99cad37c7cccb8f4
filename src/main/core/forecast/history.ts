import { forecastAgeBands, forecastCategories, type ForecastAgeBand, type ForecastCategory } from '../../../shared/api'
import type { Db } from '../store/db'
import type { Engine } from '../store/engine/store'
import { spansOver } from '../costs/sources'
import { ensureCommissioningSpans } from '../costs/trackerReady'
import { stateKey, type MonthObservation, type Outcome } from './model'

const categorySql = `CASE
  WHEN s.place IN ('U4', 'U5', 'U6') THEN 'fostering'
  WHEN s.place IN ('U1', 'U2', 'U3') THEN 'kinship'
  WHEN s.place IN ('K1', 'K2', 'R1', 'S1') THEN 'residential'
  WHEN s.place IN ('H5', 'P2') THEN 'semiIndependent'
  WHEN s.place IN ('A3', 'A4', 'A5', 'A6') THEN 'adoption'
  WHEN s.place = 'P1' THEN 'withParents'
  ELSE 'other' END`

/*
 * The tracker's status spans covering any of :dates (its rule for who is looked after),
 * read once through the commissioning source, each with the child's age on the dates it
 * covers: every month end is then answered in memory. childKey follows one child across
 * the dates of this read and identifies no one outside it.
 */
const spansSql = (engine: Engine): string =>
  `SELECT s.child_key AS "childKey", s.span_start AS "spanStart", ${categorySql} AS category, s.ages FROM ${spansOver(engine)} s`

interface SpanRow {
  childKey: number
  spanStart: string
  category: ForecastCategory
  ages: string
}

interface State {
  category: ForecastCategory
  age: number | null
}

export const ageBand = (age: number | null): ForecastAgeBand => (age === null ? 'unknown' : age < 5 ? '0-4' : age < 11 ? '5-10' : age < 16 ? '11-15' : '16+')

const notLookedAfter = -1
const unknownAge = -32768

/** Who was looked after on one date: per child key, a category (an index into forecastCategories, or none) and an age. */
interface DateStates {
  category: Int8Array
  age: Int16Array
}

/**
 * Who was looked after on each month end between `from` and `to` (and on `to`), with
 * category and age: used only inside the model, never returned. Held as arrays indexed by
 * child key (keys run 1, 2, 3 … within one read), not as a map of objects per date: at
 * 100,000 children that was 2.6 million objects.
 */
export class History {
  /** Months already observed, by their two month ends: the forecast and its back-test share a year of them, and a kept history keeps them. */
  private readonly months = new Map<string, MonthObservation>()

  private constructor(
    private readonly states: Map<string, DateStates>,
    private readonly keys: number
  ) {}

  /** The month from `before` to `end` as observed before, or as `observe` finds it. */
  month(before: string, end: string, observe: () => MonthObservation): MonthObservation {
    const key = `${before}|${end}`
    let month = this.months.get(key)
    if (!month) this.months.set(key, (month = observe()))
    return month
  }

  static async load(db: Db, from: string, to: string): Promise<History> {
    await ensureCommissioningSpans(db)
    const dates = [...new Set([...monthEnds(from, to), to])].sort()
    const rows = (await db.prepare(spansSql(db.engine)).all({ dates: JSON.stringify(dates) })) as SpanRow[]
    const keys = rows.reduce((n, r) => Math.max(n, r.childKey), 0) + 1
    const states = new Map(dates.map((d): [string, DateStates] => [d, { category: new Int8Array(keys).fill(notLookedAfter), age: new Int16Array(keys) }]))
    const categoryCode = new Map(forecastCategories.map((c, i) => [c, i]))
    for (const row of rows) {
      // A span begun after `to` was not yet known on it (the month end of `to` can lie beyond it).
      if (row.spanStart > to) continue
      const category = categoryCode.get(row.category) as number
      for (const [date, age] of JSON.parse(row.ages) as [string, number | null][]) {
        const on = states.get(date)!
        on.category[row.childKey] = category
        on.age[row.childKey] = age ?? unknownAge
      }
    }
    return new History(states, keys)
  }

  private on(date: string): DateStates {
    const states = this.states.get(date)
    if (!states) throw new Error(`The forecast history was not read for ${date}`)
    return states
  }

  /** Each child looked after on `date`, in key order: its key, category and age. */
  *statesOn(date: string): Generator<[number, State]> {
    const at = this.stateOf(date)
    for (let key = 0; key < this.keys; key++) {
      const state = at(key)
      if (state) yield [key, state]
    }
  }

  /** Each child's state on `date` by key (undefined if not looked after): one date's arrays, looked up per child. */
  stateOf(date: string): (key: number) => State | undefined {
    const { category, age } = this.on(date)
    return (key) => {
      const c = category[key]
      if (c === notLookedAfter || c === undefined) return undefined
      const a = age[key] as number
      return { category: forecastCategories[c] as ForecastCategory, age: a === unknownAge ? null : a }
    }
  }

  /** Children looked after on `date` per category and age band (state keys of the model). */
  stateCountsOn(date: string): Record<string, number> {
    const counts: Record<string, number> = {}
    for (const [, s] of this.statesOn(date)) {
      const key = stateKey(s.category, ageBand(s.age))
      counts[key] = (counts[key] ?? 0) + 1
    }
    return counts
  }

  /** Children looked after on `date` per category. */
  countsOn(date: string): Record<ForecastCategory, number> {
    const counts = { fostering: 0, kinship: 0, residential: 0, semiIndependent: 0, adoption: 0, withParents: 0, other: 0 }
    const { category } = this.on(date)
    for (const c of category) if (c !== notLookedAfter) counts[forecastCategories[c] as ForecastCategory]++
    return counts
  }
}

/** The last day of the month `iso` falls in, `add` months on. */
export function monthEnd(iso: string, add = 0): string {
  const y = Number(iso.slice(0, 4))
  const m = Number(iso.slice(5, 7)) - 1 + add
  const d = new Date(Date.UTC(y, m + 1, 0))
  return d.toISOString().slice(0, 10)
}

/** Month ends from `from`'s month to `to`'s month, both included. */
export function monthEnds(from: string, to: string): string[] {
  const out: string[] = []
  for (let k = 0, e = monthEnd(from); e <= monthEnd(to); e = monthEnd(from, ++k)) out.push(e)
  return out
}

const outcomeCodes = new Map<Outcome, number>([...forecastCategories, 'left'].map((o, i) => [o as Outcome, i]))
const bandCodes = new Map<ForecastAgeBand | null, number>([...forecastAgeBands, null].map((b, i) => [b, i]))
const code = <K>(codes: Map<K, number>, k: K): number => codes.get(k) as number

/**
 * Each reference month from one month end to the next: where the children in care at
 * its start were at its end (a category, or out of care), and who came in by age band
 * and category. Re-entries count as entries. Tallies are keyed by small numbers, not
 * strings: at 100,000 children building a key per child per month took two seconds.
 */
export function observeMonths(history: History, from: string, to: string): MonthObservation[] {
  const [first, ...ends] = monthEnds(from, to)
  if (first === undefined) return []
  return ends.map((end, i) => {
    const before = ends[i - 1] ?? first
    return history.month(before, end, () => observeMonth(history, before, end))
  })
}

function observeMonth(history: History, before: string, end: string): MonthObservation {
  const outcomes = outcomeCodes.size
  const bands = bandCodes.size
  const onEnd = history.stateOf(end)
  const onBefore = history.stateOf(before)
  const moves = new Map<number, MonthObservation['moves'][number]>()
  for (const [id, s] of history.statesOn(before)) {
    const next = onEnd(id)
    const to: Outcome = next?.category ?? 'left'
    const fromBand = ageBand(s.age)
    const toBand = next ? ageBand(next.age) : null
    const key = ((code(outcomeCodes, s.category) * bands + code(bandCodes, fromBand)) * outcomes + code(outcomeCodes, to)) * bands + code(bandCodes, toBand)
    const m = moves.get(key)
    if (m) m.children++
    else moves.set(key, { from: s.category, fromBand, to, toBand, children: 1 })
  }
  const entries = new Map<number, MonthObservation['entries'][number]>()
  for (const [id, s] of history.statesOn(end)) {
    if (onBefore(id)) continue
    const band = ageBand(s.age)
    const key = code(bandCodes, band) * outcomes + code(outcomeCodes, s.category)
    const e = entries.get(key)
    if (e) e.children++
    else entries.set(key, { ageBand: band, category: s.category, children: 1 })
  }
  return { moves: [...moves.values()], entries: [...entries.values()] }
}
