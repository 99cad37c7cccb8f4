import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli'
import { copyDemoSqlite } from '../helpers/templates'
import { recalculateWithLibreOffice } from '../helpers/libreoffice'
import { firstOf } from '../helpers/defined'

// One demo database for the file: made once, read by every test, removed at the end.
let db: string
let dir: string
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permanence-costs-cli-'))
  db = join(dir, 'demo.db')
  await copyDemoSqlite({ asOf: '2020-03-31' }, db)
}, 120_000)

const scenario = {
  name: '=HYPERLINK("http://example.invalid","Step down")',
  years: 4,
  weeksPerYear: 52,
  demandGrowth: 0.025,
  inflation: 0.031,
  baseline: { RESIDENTIAL_EXTERNAL: 36, IFA: 194, FOSTER_INHOUSE: 147, EXTERNAL_16PLUS: 28, STAYING_PUT: 18, KINSHIP: 153 },
  proposed: { RESIDENTIAL_EXTERNAL: 32, ART_HUB: 3, IFA: 176, FOSTER_INHOUSE: 165, EXTERNAL_16PLUS: 21, MFP: 6, STAYING_PUT: 25, KINSHIP: 153 },
  services: { ART_HUB: { beds: 3, fixedAnnual: 598_000 }, MFP: { units: 2, placesPerUnit: 3, fixedAnnualPerUnit: 156_000 } },
  unitCosts: { KINSHIP: 350.25 }
}

const writeScenario = (value: unknown, name = 'scenario.json'): string => {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(value))
  return path
}

interface Summary {
  years: { year: number; baseline: number; proposed: number; saving: number }[]
  total: { baseline: number; proposed: number; saving: number }
}

/** The Summary sheet's figures as the workbook holds them (cached results). */
async function readSummary(file: string): Promise<Summary & { name: unknown }> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.getWorksheet('Summary')!
  const num = (row: number, col: number): number => {
    const v = ws.getCell(row, col).value
    return typeof v === 'number' ? v : (v as { result: number }).result
  }
  const years: Summary['years'] = []
  let row = 5
  for (; ws.getCell(row, 1).value !== 'Total'; row++) years.push({ year: num(row, 1), baseline: num(row, 2), proposed: num(row, 3), saving: num(row, 4) })
  return { name: ws.getCell('B2').value, years, total: { baseline: num(row, 2), proposed: num(row, 3), saving: num(row, 4) } }
}

const toPenny = (s: Summary): Summary => ({
  years: s.years.map((y) => ({
    year: y.year,
    baseline: Math.round(y.baseline * 100),
    proposed: Math.round(y.proposed * 100),
    saving: Math.round(y.saving * 100)
  })),
  total: { baseline: Math.round(s.total.baseline * 100), proposed: Math.round(s.total.proposed * 100), saving: Math.round(s.total.saving * 100) }
})

describe('permanence costs (CLI)', () => {
  it('prints the unit-cost table with weekly and annual costs', async () => {
    const r = await runCli(['--db', db, 'costs', '--json'])
    expect(r.status).toBe(0)
    const rows = r.json() as { optionCode: string; weekly: number; annual: number; isAssumption: boolean }[]
    expect(rows).toHaveLength(14)
    expect(rows.find((x) => x.optionCode === 'FOSTER_1TO1')).toMatchObject({ weekly: 1075, annual: 55_900, isAssumption: false })
    expect(rows.filter((x) => x.isAssumption).map((x) => x.optionCode)).toEqual(['RESIDENTIAL_INHOUSE', 'ART_HUB', 'MFP'])
  })

  it("costs the README's ART hub as a flow of admissions, with its break-even", async () => {
    const art = {
      name: 'ART hub: assessment then the right placement',
      years: 5,
      demandGrowth: 0.02,
      inflation: 0.03,
      costsAsOf: '2020-03-31',
      baseline: { RESIDENTIAL_EXTERNAL: 36, IFA: 194 },
      proposed: { RESIDENTIAL_EXTERNAL: 36, IFA: 194 },
      services: {
        ART_HUB: {
          beds: 3,
          fixedAnnual: 598_000,
          occupancy: 0.85,
          lengthOfStayDays: 84,
          phasing: [0.5],
          setUpCost: 250_000,
          otherwise: { RESIDENTIAL_EXTERNAL: 0.6, IFA_HIGH: 0.4 },
          destinations: { FOSTER_INHOUSE: 0.4, IFA: 0.3, KINSHIP: 0.1, RESIDENTIAL_EXTERNAL: 0.2 }
        }
      }
    }
    const r = await runCli(['--db', db, 'costs', 'run', writeScenario(art, 'art.json'), '--json'])
    expect(r.status).toBe(0)
    const out = r.json() as {
      total: { saving: number }
      breakEven: Record<string, { occupancy: number; flow: { admissionsPerYear: number; avoidedPerAdmission: number; breakEvenAdmissions: number } }>
    }
    // (0.6 × 4100 + 0.4 × 1100) × 64 − 1314.05 × 52 = 117,269.40; 598,000 / that = 5.0994; 3 × 0.85 × 365 / 84 = 11.08
    expect(out.breakEven.ART_HUB?.flow.avoidedPerAdmission).toBe(117_269.4)
    expect(out.breakEven.ART_HUB?.flow.breakEvenAdmissions).toBeCloseTo(5.0994, 4)
    expect(out.breakEven.ART_HUB?.flow.admissionsPerYear).toBeCloseTo(11.0804, 4)
    expect(out.breakEven.ART_HUB?.occupancy).toBeCloseTo((5.0994 / 11.0804) * 0.85, 4)
    expect(out.total.saving).toBe(3_123_064.54)
  })

  it('prints sufficiency and stability measures as numbers only', async () => {
    const r = await runCli(['--db', db, 'costs', 'sufficiency', '--as-of', '2020-03-31', '--json'])
    expect(r.status).toBe(0)
    const report = r.json() as {
      asOf: string
      yearFrom: string
      rows: { measure: string; value: number; yearEarlier: number }[]
      byPlacementType: { inHouse: number; external: number; other: number }[]
    }
    expect(report).toMatchObject({ asOf: '2020-03-31', yearFrom: '2019-03-31' })
    const looked = report.rows.find((x) => x.measure === 'lookedAfter')!
    expect(looked.value).toBe(657)
    expect(report.byPlacementType.reduce((n, t) => n + t.inHouse + t.external + t.other, 0)).toBe(657)
    expect(report.rows.map((x) => x.measure)).toEqual([
      'lookedAfter',
      'inHouseShare',
      'familyBasedShare',
      'kinshipShare',
      'threePlusPlacements',
      'longTermStability',
      'admissions',
      'leavers',
      'adoptions',
      'sgos',
      'caos'
    ])
    const text = (await runCli(['--db', db, 'costs', 'sufficiency', '--as-of', '2020-03-31'])).stdout
    expect(text).toMatch(/^Sufficiency and stability on 31\/03\/2020/)
    const people = new Database(db, { readonly: true })
    const names = people.prepare('SELECT child_id, family_name FROM child LIMIT 200').raw().all().flat() as string[]
    people.close()
    expect(names.length).toBe(400)
    for (const name of names) expect(text + r.stdout).not.toContain(name)
  })

  it('forecasts demand as JSON: the month after --as-of first, near those looked after, with a back-test', async () => {
    const r = await runCli(['--db', db, 'forecast', '--as-of', '2020-03-31', '--years', '1', '--runs', '60', '--json'])
    expect(r.status).toBe(0)
    const f = r.json() as {
      asOf: string
      reference: { from: string; to: string }
      series: { month: string; total: { p10: number; p50: number; p90: number }; byCategory: Record<string, unknown> }[]
      backtest: { mape: number }
    }
    expect(f.asOf).toBe('2020-03-31')
    expect(f.reference).toEqual({ from: '2018-03-31', to: '2020-03-31' })
    expect(f.series.map((m) => m.month)).toEqual([
      '2020-04',
      '2020-05',
      '2020-06',
      '2020-07',
      '2020-08',
      '2020-09',
      '2020-10',
      '2020-11',
      '2020-12',
      '2021-01',
      '2021-02',
      '2021-03'
    ])
    expect(Math.abs(firstOf(f.series).total.p50 - 657) / 657).toBeLessThan(0.03)
    expect(Object.keys(firstOf(f.series).byCategory)).toContain('fostering')
    expect(f.backtest.mape).toBeGreaterThan(0)
    expect((await runCli(['--db', db, 'forecast', '--years', '11'])).status).toBe(2)
  })

  it('runs a scenario file to years, total and break-even', async () => {
    const r = await runCli([
      '--db',
      db,
      'costs',
      'run',
      writeScenario({ name: 'Hand check', years: 2, inflation: 0.1, baseline: { IFA: 2 }, proposed: { FOSTER_INHOUSE: 2 } }),
      '--json'
    ])
    expect(r.status).toBe(0)
    // 2 × 800 × 52 = 83,200 then × 1.1; 2 × 549 × 52 = 57,096 then × 1.1
    expect(r.json()).toEqual({
      years: [
        { year: 1, baseline: 83_200, proposed: 57_096, saving: 26_104 },
        { year: 2, baseline: 91_520, proposed: 62_805.6, saving: 28_714.4 }
      ],
      total: { baseline: 174_720, proposed: 119_901.6, saving: 54_818.4 },
      breakEven: {}
    })
  })

  it.each([
    [{ name: 'x', years: 0, baseline: {}, proposed: {} }, /years: Too small/],
    // Option codes come from the catalogue, so an unknown one is refused for having no cost, naming the field.
    [{ name: 'x', years: 1, baseline: { FOO: 1 }, proposed: {} }, /Baseline FOO: no weekly unit cost .*\(baseline\.FOO\)/],
    [
      { name: 'x', years: 1, baseline: {}, proposed: { ART_HUB: 4 }, services: { ART_HUB: { beds: 3, fixedAnnual: 1 } } },
      /Proposed ART hub: 4 places exceed the ART hub's capacity of 3\. \(proposed\.ART_HUB\)/
    ],
    [{ years: 1, baseline: {}, proposed: {} }, /name: /]
  ])('refuses an invalid scenario with exit 2, naming the field (%#)', async (value, message) => {
    const r = await runCli(['--db', db, 'costs', 'run', writeScenario(value, 'bad.json')])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(message)
  })

  it('refuses a file that is not JSON with exit 2', async () => {
    const path = join(dir, 'broken.json')
    writeFileSync(path, '{"name": ')
    const r = await runCli(['--db', db, 'costs', 'run', path])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/broken\.json is not valid JSON/)
  })

  it('prints n/a for a share of no children on an empty database, and null in JSON', async () => {
    const own = join(dir, 'empty-sufficiency.db')
    expect((await runCli(['--db', own, 'init'])).status).toBe(0)
    const json = (await runCli(['--db', own, 'costs', 'sufficiency', '--as-of', '2020-03-31', '--json'])).json() as {
      rows: { measure: string; value: number | null; change: number | null }[]
    }
    expect(json.rows.find((x) => x.measure === 'kinshipShare')).toMatchObject({ value: null, change: null })
    const text = (await runCli(['--db', own, 'costs', 'sufficiency', '--as-of', '2020-03-31'])).stdout
    expect(text).toMatch(/Kinship foster care +n\/a {2}a year earlier n\/a {2}\(England 11\.5%\)/)
    expect(text).not.toMatch(/0\.0%|NaN/)
  })

  it('says there is no forecast on an empty database, not a model "fitted" on nothing and its months of noughts', async () => {
    const own = join(dir, 'empty-forecast.db')
    expect((await runCli(['--db', own, 'init'])).status).toBe(0)
    const r = await runCli(['--db', own, 'forecast', '--as-of', '2020-03-31', '--years', '1', '--runs', '50'])
    expect(r.status).toBe(0)
    expect(r.stdout.trim().split('\n')).toEqual([
      'No forecast: no child is on record between 31/03/2018 and 31/03/2020.',
      'The forecast learns how children move, arrive and leave from the 903 history of those months, and there is none. Import an SSDA903 return (permanence import 903), or forecast from a date the history covers (--as-of, or --from and --to).'
    ])
    // JSON keeps the whole result, where observedChildMonths says the same.
    expect((await runCli(['--db', own, 'forecast', '--as-of', '2020-03-31', '--years', '1', '--runs', '50', '--json'])).json()).toMatchObject({
      observedChildMonths: 0
    })
  })

  it('imports unit costs from a finance workbook through a column mapping', async () => {
    const own = join(dir, 'import.db')
    expect((await runCli(['--db', own, 'init'])).status).toBe(0)
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Rates')
    ws.addRow(['Code', 'Per week'])
    ws.addRow(['IFA', 812.5])
    ws.addRow(['High-cost IFA', '£1,150.00'])
    const file = join(dir, 'rates.xlsx')
    await wb.xlsx.writeFile(file)
    const r = await runCli([
      '--db',
      own,
      'costs',
      'import',
      file,
      '--option-col',
      'Code',
      '--weekly-col',
      'B',
      '--effective-from',
      '2020-04-01',
      '--source',
      'Finance rates 2020-21',
      '--json'
    ])
    expect(r.status).toBe(0)
    expect(r.json()).toMatchObject({ fileName: 'rates.xlsx', inserted: 2, rejected: [] })
    const costs = (await runCli(['--db', own, 'costs', '--as-of', '2020-04-01', '--json'])).json() as { optionCode: string; weekly: number; source: string }[]
    expect(costs.find((c) => c.optionCode === 'IFA_HIGH')).toMatchObject({ weekly: 1150, source: 'Finance rates 2020-21' })

    ws.addRow(['Dragon care', 10])
    await wb.xlsx.writeFile(file)
    const bad = await runCli(['--db', own, 'costs', 'import', file, '--option-col', 'Code', '--weekly-col', 'Per week', '--effective-from', '2021-04-01'])
    expect(bad.status).toBe(2)
    expect(bad.stdout).toMatch(/row 4, Code "Dragon care": not an option code/)
  })

  it('shows the baseline from the data as numbers only', async () => {
    const r = await runCli(['--db', db, 'costs', 'baseline', '--date', '2020-03-31', '--json'])
    expect(r.status).toBe(0)
    expect(r.json()).toMatchObject({ date: '2020-03-31', lookedAfter: 657 })
    expect(r.stdout).not.toMatch(/given_name|fictional|DEMO0/)
  })

  it('exports a workbook whose live formulas, recalculated by LibreOffice, equal costs run to the penny', async () => {
    const file = writeScenario(scenario)
    const expected = (await runCli(['--db', db, 'costs', 'run', file, '--json'])).json() as Summary
    const out = join(dir, 'model.xlsx')
    const exported = await runCli(['--db', db, 'export', 'costs', '--scenario', file, '--out', out])
    expect(exported.status).toBe(0)

    const cached = await readSummary(out)
    expect(toPenny(cached)).toEqual(toPenny(expected))
    // The scenario name is text, not a formula that a spreadsheet would run.
    expect(cached.name).toBe(`'${scenario.name}`)

    const recalculated = await readSummary(recalculateWithLibreOffice(out, join(dir, 'lo1')))
    expect(toPenny(recalculated)).toEqual(toPenny(expected))
    expect(recalculated.name).toBe(`'${scenario.name}`)

    // Numbers, never names: no child ID or family name anywhere in the workbook, its sufficiency and forecast sheets included.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Assumptions', 'Baseline', 'Proposed', 'Summary', 'Sufficiency', 'Forecast'])
    const texts: string[] = []
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) =>
          texts.push(String(typeof cell.value === 'object' && cell.value !== null && 'result' in cell.value ? cell.value.result : cell.value))
        )
      )
    )
    const all = texts.join('\n')
    const people = new Database(db, { readonly: true })
    const names = people.prepare('SELECT child_id, family_name FROM child').raw().all().flat() as string[]
    people.close()
    expect(names.length).toBeGreaterThan(1000)
    for (const name of new Set(names)) expect(all).not.toContain(name)
  })

  it('really recalculates: a changed unit cost with no cached results moves the totals as costs run does', async () => {
    const file = writeScenario(scenario)
    const out = join(dir, 'model-for-edit.xlsx')
    expect((await runCli(['--db', db, 'export', 'costs', '--scenario', file, '--out', out])).status).toBe(0)
    const edited = join(dir, 'edited.xlsx')
    copyFileSync(out, edited)

    // A commissioner's edit: IFA becomes £900 a week. Every cached result is dropped.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(edited)
    const assumptions = wb.getWorksheet('Assumptions')!
    let ifaRow = 0
    assumptions.eachRow((row, n) => {
      if (row.getCell(1).value === 'IFA') ifaRow = n
    })
    expect(ifaRow).toBeGreaterThan(0)
    assumptions.getCell(ifaRow, 3).value = 900
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as { formula?: string } | null
          if (v && typeof v === 'object' && v.formula) cell.value = { formula: v.formula } as ExcelJS.CellFormulaValue
        })
      )
    }
    await wb.xlsx.writeFile(edited)

    const moved = (
      await runCli(['--db', db, 'costs', 'run', writeScenario({ ...scenario, unitCosts: { ...scenario.unitCosts, IFA: 900 } }, 'ifa900.json'), '--json'])
    ).json() as Summary
    const original = (await runCli(['--db', db, 'costs', 'run', file, '--json'])).json() as Summary
    expect(moved.total.baseline).toBeGreaterThan(original.total.baseline)

    const recalculated = await readSummary(recalculateWithLibreOffice(edited, join(dir, 'lo2')))
    expect(toPenny(recalculated)).toEqual(toPenny(moved))
  })
})
