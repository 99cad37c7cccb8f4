import { describe, expect, it, vi } from 'vitest'
import { forecastCategories, type ForecastCategory, type ForecastModel } from '../../../src/shared/api'
import { demandForecast } from '../../../src/main/core/forecast/forecast'
import { History, monthEnds, observeMonths } from '../../../src/main/core/forecast/history'
import { binomial, bootstrapModels, fitModel, quantile, random, simulate } from '../../../src/main/core/forecast/model'
import type { Db } from '../../../src/main/core/store/db'
import { child } from '../../helpers/history'
import { demoContext, tempContext } from '../../helpers/tmp'
import { firstOf } from '../../helpers/defined'

async function tinyHistory(db: Db): Promise<void> {
  await child(db, 'A', '2010-01-01', [['2018-01-01', 'S', 'C2', 'U4', 'PR1', null, null]])
  await child(db, 'B', '2010-01-01', [['2018-01-01', 'S', 'C2', 'U4', 'PR1', '2019-02-15', 'E4A']])
  await child(db, 'C', '2008-01-01', [
    ['2018-01-01', 'S', 'C2', 'U4', 'PR1', '2019-03-10', 'X1'],
    ['2019-03-10', 'P', 'C2', 'K2', 'PR4', null, null]
  ])
  await child(db, 'D', '2012-01-01', [['2018-06-01', 'S', 'C2', 'U1', 'PR1', null, null]])
  await child(db, 'E', '2015-01-01', [['2019-02-10', 'S', 'C2', 'U4', 'PR1', null, null]])
  await child(db, 'F', '2002-06-01', [['2019-03-05', 'S', 'V2', 'H5', 'PR4', null, null]])
}

const still = (): ForecastModel['transitions'] =>
  Object.fromEntries(
    forecastCategories.map((c) => [c, { ...Object.fromEntries([...forecastCategories, 'left'].map((o) => [o, 0])), [c]: 1 }])
  ) as ForecastModel['transitions']
/** Start counts by category, all in one age band. */
const start = (counts: Partial<Record<ForecastCategory, number>>, band = '5-10'): Record<string, number> =>
  Object.fromEntries(forecastCategories.map((c) => [`${c}|${band}`, counts[c] ?? 0]))
const noExposure = Object.fromEntries(forecastCategories.map((c) => [c, 0])) as Record<ForecastCategory, number>

describe('demand forecast: the transition model', () => {
  it('fits monthly transition and entry rates that match those worked by hand on a tiny history', async () => {
    const { db } = await tempContext()
    await tinyHistory(db)
    expect(monthEnds('2019-01-31', '2019-03-31')).toEqual(['2019-01-31', '2019-02-28', '2019-03-31'])
    const model = fitModel(observeMonths(await History.load(db, '2019-01-31', '2019-03-31'), '2019-01-31', '2019-03-31'))
    // Fostering: A, B, C at the start of February, A, C, E at the start of March = 6 child-months.
    // A stays twice, C once, E once (4); B leaves (1); C moves to a children's home (1).
    expect(model.exposure.fostering).toBe(6)
    expect(model.transitions.fostering.fostering).toBeCloseTo(4 / 6, 12)
    expect(model.transitions.fostering.left).toBeCloseTo(1 / 6, 12)
    expect(model.transitions.fostering.residential).toBeCloseTo(1 / 6, 12)
    // Kinship: D stays both months. Nobody was in residential at a month's start: it keeps its children.
    expect(model.transitions.kinship).toMatchObject({ kinship: 1, left: 0 })
    expect(model.exposure.residential).toBe(0)
    expect(model.transitions.residential.residential).toBe(1)
    // Entries: E (aged 4) into fostering in February, F (16) into semi-independent living in March: 0.5 a month each.
    expect(model.entries).toEqual({ '0-4': { fostering: 0.5 }, '16+': { semiIndependent: 0.5 } })
    // By age band: A and B (9) fostered in February, A alone in March: A stays twice, B leaves once.
    // C (11) stays in February and moves to a children's home in March; E (4) stays in March; D (7) stays twice.
    expect(model.byAge).toEqual({
      'fostering|5-10': { 'fostering|5-10': 2 / 3, left: 1 / 3 },
      'fostering|11-15': { 'fostering|11-15': 0.5, 'residential|11-15': 0.5 },
      'fostering|0-4': { 'fostering|0-4': 1 },
      'kinship|5-10': { 'kinship|5-10': 1 }
    })
  })

  it('counts the child-months it learnt from: none on an empty database, where there is no forecast to show', async () => {
    const input = { asOf: '2019-03-31', years: 1, referenceFrom: '2019-01-31', referenceTo: '2019-03-31', runs: 50, seed: 1 }
    expect((await demandForecast((await tempContext()).db, input)).observedChildMonths).toBe(0)
    const { db } = await tempContext()
    await tinyHistory(db)
    // February: A, B, C, D in care at its start and E coming in; March: A, C, D, E and F coming in.
    expect((await demandForecast(db, input)).observedChildMonths).toBe(10)
  })

  it('refits each bootstrap run as a plain fit of the months it drew', async () => {
    const { db } = await demoContext({ asOf: '2020-03-31' })
    const months = observeMonths(await History.load(db, '2018-03-31', '2020-03-31'), '2018-03-31', '2020-03-31')
    const models = bootstrapModels(months, 4, 9)
    expect(models[0]).toEqual(fitModel(months))
    // The same draws of months, with replacement, as the refits make.
    const next = random(9 ^ 0x5bd1e995)
    for (const model of models.slice(1)) {
      const drawn = months.map(() => months[Math.floor(next() * months.length)]!)
      const plain = fitModel(drawn)
      expect(model.exposure).toEqual(plain.exposure)
      expect(model.byAge).toEqual(plain.byAge)
      expect(Object.keys(model.entries).sort()).toEqual(Object.keys(plain.entries).sort())
      for (const [band, rates] of Object.entries(plain.entries))
        for (const [category, rate] of Object.entries(rates)) expect(model.entries[band]?.[category as ForecastCategory]).toBeCloseTo(rate, 12)
      expect(model).not.toEqual(models[0])
    }
  })

  it('ages children into the next band when the history shows them doing so', async () => {
    const { db } = await tempContext()
    await child(db, 'G', '2014-02-15', [['2018-01-01', 'S', 'C2', 'U4', 'PR1', null, null]])
    const model = fitModel(observeMonths(await History.load(db, '2019-01-31', '2019-02-28'), '2019-01-31', '2019-02-28'))
    expect(model.byAge).toEqual({ 'fostering|0-4': { 'fostering|5-10': 1 } })
    const p = simulate(() => model, { 'fostering|0-4': 3 }, 2, 20, 1)
    expect(p.byAgeBand[0]?.['0-4'].p50).toBe(0)
    expect(p.byAgeBand[0]?.['5-10'].p50).toBe(3)
    // Nobody was seen at 5-10, so that state takes fostering's own row (stay) and keeps its band.
    expect(p.byAgeBand[1]?.['5-10'].p50).toBe(3)
    expect(p.byCategory[1]?.fostering.p50).toBe(3)
  })

  it('projects exactly when nothing is random, and applies leaving rates', () => {
    const frozen: ForecastModel = { transitions: still(), entries: {}, exposure: noExposure, byAge: {} }
    const p = simulate(() => frozen, start({ fostering: 10, kinship: 4 }), 3, 50, 1)
    expect(p.total.map((b) => [b.p10, b.p50, b.p90])).toEqual([
      [14, 14, 14],
      [14, 14, 14],
      [14, 14, 14]
    ])
    expect(p.byCategory[2]?.kinship.p50).toBe(4)
    const leaving: ForecastModel = { ...frozen, transitions: { ...still(), fostering: { ...still().fostering, fostering: 0, left: 1 } } }
    expect(simulate(() => leaving, start({ fostering: 10, kinship: 4 }), 1, 20, 1).total[0]?.p50).toBe(4)
    // Half leave each month: after one month the median of Binomial(1000, 0.5) stays close to 500.
    const half: ForecastModel = { ...frozen, transitions: { ...still(), fostering: { ...still().fostering, fostering: 0.5, left: 0.5 } } }
    const b = firstOf(simulate(() => half, start({ fostering: 1000 }), 1, 400, 7).total)
    expect(b.p50).toBeGreaterThan(480)
    expect(b.p50).toBeLessThan(520)
    expect(b.p10).toBeLessThan(b.p50)
    expect(b.p90).toBeGreaterThan(b.p50)
    expect(quantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12)
  })

  it('splits a state among all its outcomes by their shares, whichever takes the remainder', () => {
    // 10,000 in fostering: 70% stay, 20% move to residential, 10% leave (each draw's spread is ±0.5%).
    const frozen: ForecastModel = { transitions: still(), entries: {}, exposure: noExposure, byAge: {} }
    const split: ForecastModel = { ...frozen, transitions: { ...still(), fostering: { ...still().fostering, fostering: 0.7, residential: 0.2, left: 0.1 } } }
    const p = simulate(() => split, start({ fostering: 10_000 }), 1, 200, 3)
    const shares = (b: { p50: number }): number => b.p50 / 10_000
    expect(shares(firstOf(p.byCategory).fostering)).toBeCloseTo(0.7, 1)
    expect(shares(firstOf(p.byCategory).residential)).toBeCloseTo(0.2, 1)
    expect(shares(firstOf(p.total))).toBeCloseTo(0.9, 1)
    expect(Math.abs(firstOf(p.byCategory).fostering.p50 - 7000)).toBeLessThan(100)
    expect(Math.abs(firstOf(p.byCategory).residential.p50 - 2000)).toBeLessThan(100)
    expect(Math.abs(firstOf(p.total).p50 - 9000)).toBeLessThan(100)
  })
})

describe('binomial draws', () => {
  it.each([
    [12, 0.03],
    [300, 0.02],
    [300, 0.9],
    [80, 0.5],
    // Cells of thousands (the 100k scale): successes found by geometric gaps.
    [5000, 0.05],
    [3000, 0.4]
  ])('Binomial(%i, %f) has the right mean and variance', (n, p) => {
    const next = random(11)
    const draws = Array.from({ length: 20_000 }, () => binomial(n, p, next))
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length
    expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / draws.length))
    expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.95)
    expect(variance / (n * p * (1 - p))).toBeLessThan(1.05)
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...draws)).toBeLessThanOrEqual(n)
  })

  it.each([
    [400, 0.2],
    [1000, 0.45],
    [20_000, 0.01]
  ])('Binomial(%i, %f) draws each outcome as often as its chance says (the large cells, drawn from the mode out)', (n, p) => {
    // The exact chances, from 0 by the ratio of neighbours (q^n is still a double for these).
    const chances = [(1 - p) ** n]
    for (let k = 0; k < n; k++) chances.push(((chances[k] as number) * (p / (1 - p)) * (n - k)) / (k + 1))
    const draws = 60_000
    const seen = new Map<number, number>()
    const next = random(5)
    for (let i = 0; i < draws; i++) {
      const k = binomial(n, p, next)
      seen.set(k, (seen.get(k) ?? 0) + 1)
    }
    // Pearson's chi-square over the outcomes expected at least 20 times, the rest pooled.
    let chiSquare = 0
    let bins = 0
    let [restExpected, restSeen] = [0, 0]
    chances.forEach((chance, k) => {
      const expected = chance * draws
      if (expected < 20) {
        restExpected += expected
        restSeen += seen.get(k) ?? 0
        return
      }
      chiSquare += ((seen.get(k) ?? 0) - expected) ** 2 / expected
      bins++
    })
    chiSquare += (restSeen - restExpected) ** 2 / restExpected
    const freedom = bins
    // Far in the tail for a right draw (about the 99.99th percentile), where a shifted or too narrow one lands.
    expect(chiSquare).toBeLessThan(freedom + 6 * Math.sqrt(2 * freedom))
  })

  it('is certain at the ends', () => {
    const next = random(1)
    expect([binomial(5, 0, next), binomial(5, 1, next), binomial(0, 0.3, next)]).toEqual([0, 5, 0])
  })
})

describe('demand forecast: the history it reads', () => {
  it('reads the history once while nothing is written, and again after a write, seeing it', async () => {
    const { db } = await tempContext()
    await tinyHistory(db)
    const load = vi.spyOn(History, 'load')
    try {
      const input = { asOf: '2019-03-31', referenceFrom: '2019-01-31', referenceTo: '2019-03-31', runs: 20, seed: 1 }
      const first = await demandForecast(db, { ...input, years: 1 })
      // Other years, or the workbook's forecast after the screen's: the same months, read once.
      expect((await demandForecast(db, { ...input, years: 2 })).lookedAfter).toBe(first.lookedAfter)
      expect(load).toHaveBeenCalledTimes(1)
      await child(db, 'H', '2011-05-01', [['2019-03-20', 'S', 'C2', 'U4', 'PR1', null, null]])
      expect((await demandForecast(db, { ...input, years: 1 })).lookedAfter).toBe(first.lookedAfter + 1)
      expect(load).toHaveBeenCalledTimes(2)
    } finally {
      load.mockRestore()
    }
  })
})

describe('demand forecast on the demo data', () => {
  it('starts the month after asOf near those looked after, with bands and a back-test, numbers only', async () => {
    const { db } = await demoContext({ asOf: '2020-03-31' })
    const r = await demandForecast(db, { asOf: '2020-03-31', years: 2, runs: 100, seed: 1 })
    expect(r.reference).toEqual({ from: '2018-03-31', to: '2020-03-31' })
    expect(r.lookedAfter).toBe(657)
    expect(r.series).toHaveLength(24)
    expect(r.series[0]?.month).toBe('2020-04')
    expect(r.series[23]?.month).toBe('2022-03')
    expect(Math.abs(firstOf(r.series).total.p50 - 657) / 657).toBeLessThan(0.03)
    for (const m of r.series) {
      expect(m.total.p10).toBeLessThanOrEqual(m.total.p50)
      expect(m.total.p50).toBeLessThanOrEqual(m.total.p90)
      expect(Object.keys(m.byCategory)).toEqual([...forecastCategories])
      expect(Object.keys(m.byAgeBand)).toEqual(['0-4', '5-10', '11-15', '16+', 'unknown'])
    }
    // Totals add up across bands in the median run only approximately; in the first month they are near the total.
    const first = firstOf(r.series)
    const bandSum = Object.values(first.byAgeBand).reduce((n, b) => n + b.p50, 0)
    expect(Math.abs(bandSum - first.total.p50) / first.total.p50).toBeLessThan(0.03)
    expect(r.backtest!.reference).toEqual({ from: '2017-03-31', to: '2019-03-31' })
    expect(r.backtest!.months).toHaveLength(12)
    expect(r.backtest!.mape).toBeLessThan(0.15)
    expect(JSON.stringify(r)).not.toMatch(/DEMO\d|Secret/)
    await expect(
      demandForecast(db, { asOf: '2020-03-31', years: 1, referenceFrom: '2020-03-01', referenceTo: '2020-04-30', runs: 50, seed: 1 })
    ).rejects.toThrow(/referenceTo: 2020-04-30 is after asOf/)
  })
})
