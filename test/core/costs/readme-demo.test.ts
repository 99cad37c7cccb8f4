import { mapSeries } from '../../../src/main/core/util/series'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { costBaseline } from '../../../src/main/core/costs/baseline'
import { sufficiency } from '../../../src/main/core/costs/sufficiency'
import { demandForecast } from '../../../src/main/core/forecast/forecast'
import { openContext } from '../../../src/main/core/session'
import type { Db } from '../../../src/main/core/store/db'
import { copyDemoSqlite } from '../../helpers/templates'
import { defined, firstOf } from '../../helpers/defined'

// The README quotes figures computed on the demo cohort; the demo is rebuilt by other
// work, so these checks say which sentence to correct when it moves them.
const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8').replace(/\s+/g, ' ')
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
/** Fails showing only the sentence the README should hold, not the whole README. */
const quoted = (sentence: string): void => expect(readme.includes(sentence) ? sentence : 'not in the README').toBe(sentence)

// One demo database for the file, read by every test.
let dir: string
let db: Db
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permanence-readme-'))
  await copyDemoSqlite({ asOf: '2020-03-31' }, join(dir, 'demo.db'))
  db = (await openContext(join(dir, 'demo.db'), 'cli', 'tester')).db
}, 60_000)
afterAll(async () => {
  await db.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Children looked after on 31/03/2020 (an episode other than a short-break series open on it) by a column. */
const openOn = async (column: 'ls' | 'place'): Promise<Record<string, number>> =>
  Object.fromEntries(
    (await db
      .prepare(
        `SELECT ${column}, COUNT(DISTINCT child_id) FROM episode WHERE decom <= '2020-03-31' AND (dec IS NULL OR dec > '2020-03-31') AND ls NOT IN ('V3', 'V4') GROUP BY ${column}`
      )
      .raw()
      .all()) as [string, number][]
  )

describe("the README's figures on the demo cohort at 31/03/2020", () => {
  it('sufficiency and stability', async () => {
    const report = await sufficiency(db, '2020-03-31')
    const rows = Object.fromEntries(report.rows.map((r) => [r.measure, r]))
    const row = (measure: string): { value: number; yearEarlier: number } => {
      const { value, yearEarlier } = defined(rows[measure], `the ${measure} row`)
      if (value === null || yearEarlier === null) throw new Error(`the ${measure} row has no figure on the demo cohort`)
      return { value, yearEarlier }
    }
    const inHouse = report.byPlacementType.reduce((n, t) => n + t.inHouse, 0)
    const external = report.byPlacementType.reduce((n, t) => n + t.external, 0)
    expect(inHouse / (inHouse + external)).toBeCloseTo(row('inHouseShare').value, 12)
    const sentence =
      `On the demo at 31/03/2020: ${row('lookedAfter').value} looked after (${row('lookedAfter').yearEarlier} a year earlier), ` +
      `in-house ${inHouse} and external ${external} (report 312 / 294), family-based ${pct(row('familyBasedShare').value)}, ` +
      `3+ placements ${pct(row('threePlusPlacements').value)} (report 8.7%), long-term stability ${pct(row('longTermStability').value)} (report 62%), ` +
      `kinship ${pct(row('kinshipShare').value)} (21%), ${row('admissions').value} admissions (245), ${row('leavers').value} leavers (170), ` +
      `${row('adoptions').value} adoptions (31), ${row('sgos').value} SGOs (17), ${row('caos').value} CAOs (19).`
    quoted(sentence)
  })

  it("the forecast's back-test and first month, as the CLI computes them by default", async () => {
    const f = await demandForecast(db, { asOf: '2020-03-31', years: 3, runs: 400, seed: 20200331 })
    const back = f.backtest!
    const last = back.months.at(-1)!
    const sign = back.finalError < 0 ? '−' : '+'
    quoted(
      `mean absolute error ${pct(back.mape)}, last month ${sign}${Math.abs(back.finalError * 100).toFixed(1)}% (p50 ${last.p50}, p90 ${last.p90} against ${last.actual} looked after), ` +
        `actual inside p10–p90 in ${Math.round(back.coverage * 12)} of 12 months`
    )
    const first = firstOf(f.series).total.p50
    quoted(
      `The first projected month's p50 is ${first}, ${pct(Math.abs(first - f.lookedAfter) / f.lookedAfter)} from the ${f.lookedAfter} looked after on the date.`
    )
    const yearEnds = await mapSeries(['2017-03-31', '2018-03-31', '2019-03-31'], async (d) =>
      defined(firstOf((await sufficiency(db, d)).rows).value ?? undefined, 'children looked after')
    )
    quoted(`(${yearEnds[2]} → ${f.lookedAfter}) than in the two years the model learnt from (${yearEnds.join(' → ')})`)
  })

  it('the mix against the report', async () => {
    const ls = await openOn('ls')
    const place = await openOn('place')
    const lookedAfter = Object.values(ls).reduce((n, v) => n + v, 0)
    expect(lookedAfter).toBe((await costBaseline(db, '2020-03-31')).lookedAfter)
    const sum = (codes: string[]): number => codes.reduce((n, c) => n + (place[c] ?? 0), 0)
    const pwpOnOrders = (await db
      .prepare("SELECT COUNT(*) FROM episode WHERE decom <= '2020-03-31' AND (dec IS NULL OR dec > '2020-03-31') AND place = 'P1' AND ls IN ('C1', 'C2')")
      .pluck()
      .get()) as number
    expect(pwpOnOrders).toBe(place.P1)
    const residential = sum(['K2', 'R1'])
    const foster = sum(['U1', 'U2', 'U3', 'U4', 'U5', 'U6'])
    const kinship = sum(['U1', 'U2', 'U3'])
    const ifa = (await costBaseline(db, '2020-03-31')).counts.IFA
    quoted(
      `On 31/03/2020 the demo has ${lookedAfter} looked after (report 657); FCO ${ls.C2} (373), ICO ${ls.C1} (91), s20 ${ls.V2} (144); ` +
        `placed with parents (P1) ${place.P1} (41), all on care orders; residential K2/R1 ${residential} (56; with residential schools S1, ` +
        `NHS R2 and family centres R3 as well, ${residential + sum(['S1', 'R2', 'R3'])}); foster care U1–U6 ${foster}, ${Math.round((foster / lookedAfter) * 100)}% (466, 71%), ` +
        `${ifa} of them with IFAs (188); kinship U1–U3 ${kinship}, ${pct(kinship / lookedAfter)} (21%).`
    )
    quoted(`the demo spreads residential care over K2/R1, S1, R2 and R3 (${residential + sum(['S1', 'R2', 'R3'])} in all)`)
  })
})
