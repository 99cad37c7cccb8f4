import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { scenarioDefinition } from '../../../src/shared/api'
import { analyseScenario } from '../../../src/main/core/costs/formula'
import { unitCostsOn, weeklyTable } from '../../../src/main/core/costs/unitCosts'
import { costWorkbook } from '../../../src/main/core/costs/workbook'
import { optionLabels, saveOption } from '../../../src/main/core/costs/catalogue'
import { buildWorkbook } from '../../../src/main/core/costs/exportWorkbook'
import { join } from 'node:path'
import { recalculateWithLibreOffice } from '../../helpers/libreoffice'
import { demandForecast } from '../../../src/main/core/forecast/forecast'
import { sufficiency } from '../../../src/main/core/costs/sufficiency'
import { demoContext, tempContext, tempDir } from '../../helpers/tmp'
import { child } from '../../helpers/history'
import { defined, firstOf } from '../../helpers/defined'

describe('cost workbook', () => {
  it('writes live formulas over the Assumptions sheet with cached results, and user text as inert text', async () => {
    const { db } = await tempContext()
    const table = (await unitCostsOn(db, '2020-03-31')).map((r) => (r.optionCode === 'IFA' ? { ...r, source: '=WEBSERVICE("http://x")' } : r))
    const def = scenarioDefinition.parse({
      name: '+cmd|calc',
      years: 2,
      inflation: 0.05,
      baseline: { IFA: 2, RESIDENTIAL_EXTERNAL: 1 },
      proposed: { IFA: 2, ART_HUB: 1 },
      services: { ART_HUB: { beds: 3, fixedAnnual: 100_000 } }
    })
    const analysis = analyseScenario(def, weeklyTable(table))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await costWorkbook(def, analysis, table, await optionLabels(db))) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Assumptions', 'Baseline', 'Proposed', 'Summary'])

    const assumptions = wb.getWorksheet('Assumptions')!
    expect(assumptions.getCell('B2').value).toBe("'+cmd|calc")
    const texts: string[] = []
    assumptions.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'string' && texts.push(cell.value)))
    // Dates as the UK writes them, as on the page: the source had read '(effective 2019-04-01)'.
    expect(texts).toContain('\'=WEBSERVICE("http://x") (effective 01/04/2019)')

    const proposed = wb.getWorksheet('Proposed')!
    let ifaRow = 0
    let artRow = 0
    proposed.eachRow((row, n) => {
      if (row.getCell(1).value === 'IFA') ifaRow = n
      // Options by the unit-cost table's name, a service by its own.
      if (String(row.getCell(1).value).startsWith('ART hub')) artRow = n
    })
    const year2 = proposed.getCell(ifaRow, 5).value as ExcelJS.CellFormulaValue
    expect(year2.formula).toBe(`B${ifaRow}*(1+Assumptions!$B$6)^1*C${ifaRow}*(1+Assumptions!$B$7)^1*Assumptions!$B$5`)
    expect(year2.result).toBeCloseTo(2 * 800 * 52 * 1.05, 6)
    const hub = proposed.getCell(artRow, 5).value as ExcelJS.CellFormulaValue
    expect(hub.formula).toMatch(/^Assumptions!\$B\$\d+\*\(1\+Assumptions!\$B\$7\)\^1$/)
    expect(hub.result).toBeCloseTo(105_000, 6)

    const summary = wb.getWorksheet('Summary')!
    expect(summary.getCell('B2').value).toBe("'+cmd|calc")
    expect((summary.getCell('D7').value as ExcelJS.CellFormulaValue).result).toBeCloseTo(analysis.total.saving, 6)
  })
})

describe('cost workbook: options a commissioner added to the catalogue', () => {
  it('names them by their catalogue label on every sheet, one with no unit cost on the date (costed by an override) too', async () => {
    const ctx = await tempContext()
    const { db } = ctx
    const firstCost = (effectiveFrom: string, weekly: number) => ({ weekly, effectiveFrom, source: 'Commissioner estimate', isAssumption: false })
    await saveOption(db, 'tester', {
      code: 'SOLO_HOME',
      label: "Solo children's home",
      kind: 'placement',
      retiredFrom: null,
      firstCost: firstCost('2019-04-01', 6200)
    })
    // Its first cost is from after the scenario's date: on that date only the scenario's own weekly cost prices it.
    await saveOption(db, 'tester', {
      code: 'SOLO_PLUS',
      label: 'Solo home with education',
      kind: 'placement',
      retiredFrom: null,
      firstCost: firstCost('2021-04-01', 7000)
    })
    const def = scenarioDefinition.parse({
      name: 'Solo homes',
      years: 1,
      costsAsOf: '2020-03-31',
      baseline: { IFA: 4, SOLO_HOME: 2, SOLO_PLUS: 1 },
      proposed: { IFA: 5, SOLO_HOME: 1, SOLO_PLUS: 1 },
      unitCosts: { SOLO_PLUS: 6900 },
      services: { ART_HUB: { beds: 3, fixedAnnual: 598_000, lengthOfStayDays: 84, otherwise: { SOLO_HOME: 0.5, SOLO_PLUS: 0.5 }, destinations: { IFA: 1 } } }
    })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await buildWorkbook(ctx, def)) as unknown as ArrayBuffer)
    const column = (sheet: string, c: number): string[] =>
      wb
        .getWorksheet(sheet)!
        .getColumn(c)
        .values.filter((v): v is string => typeof v === 'string')

    // The Assumptions sheet keeps each option's code beside its label; every name elsewhere is the label.
    expect(column('Assumptions', 2)).toEqual(expect.arrayContaining(["Solo children's home", 'Solo home with education']))
    expect(column('Assumptions', 1)).toEqual(
      expect.arrayContaining(["ART hub would otherwise use Solo children's home (share)", 'ART hub would otherwise use Solo home with education (share)'])
    )
    for (const side of ['Baseline', 'Proposed']) expect(column(side, 1)).toEqual(expect.arrayContaining(["Solo children's home", 'Solo home with education']))
    for (const sheet of ['Baseline', 'Proposed', 'Summary'])
      expect(
        column(sheet, 1).filter((v) => /SOLO_/.test(v)),
        sheet
      ).toEqual([])
    expect(column('Assumptions', 1).filter((v) => /SOLO_/.test(v) && !/^SOLO_(HOME|PLUS)$/.test(v))).toEqual([])
    expect(column('Assumptions', 2).filter((v) => /SOLO_/.test(v))).toEqual([])
  })
})

describe('cost workbook recalculated by LibreOffice', () => {
  it("gives the app's own figures for services costed by admissions, with every cached result dropped", async () => {
    const { db } = await tempContext()
    const table = await unitCostsOn(db, '2020-03-31')
    const def = scenarioDefinition.parse({
      name: 'Assessment hub and MFP',
      years: 4,
      demandGrowth: 0.02,
      inflation: 0.03,
      baseline: { RESIDENTIAL_EXTERNAL: 36, IFA: 190 },
      proposed: { RESIDENTIAL_EXTERNAL: 36, IFA: 190 },
      services: {
        ART_HUB: {
          beds: 3,
          fixedAnnual: 598_000,
          occupancy: 0.85,
          lengthOfStayDays: 84,
          startYear: 1,
          phasing: [0.5, 0.8],
          setUpCost: 250_000,
          staffing: [{ role: 'Clinical psychologist', fte: 1.5, annualCostPerFte: 62_000 }],
          otherwise: { RESIDENTIAL_EXTERNAL: 0.6, IFA_HIGH: 0.4 },
          destinations: { FOSTER_INHOUSE: 0.5, IFA: 0.3, RESIDENTIAL_EXTERNAL: 0.2 }
        },
        MFP: {
          units: 3,
          placesPerUnit: 2,
          fixedAnnualPerUnit: 156_000,
          occupancy: 0.9,
          lengthOfStayDays: 270,
          startYear: 2,
          followOnWeeks: 26,
          parentAndChildPlaces: 2,
          parentAndChildOtherwise: 'RESIDENTIAL_EXTERNAL',
          otherwise: { EXTERNAL_16PLUS: 1 },
          destinations: { SUPPORTED_LODGINGS: 0.7, STAYING_PUT: 0.3 }
        },
        other: {
          MISTLE: {
            label: 'MISTLE therapeutic service',
            places: 12,
            fixedAnnual: 240_000,
            occupancy: 0.75,
            lengthOfStayDays: 180,
            otherwise: { IFA: 1 },
            destinations: { FOSTER_INHOUSE: 1 },
            followOnWeeks: 26
          }
        }
      }
    })
    const analysis = analyseScenario(def, weeklyTable(table))
    const dir = tempDir()
    const file = join(dir, 'services.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await costWorkbook(def, analysis, table, await optionLabels(db))) as unknown as ArrayBuffer)
    // Drop every cached result so only LibreOffice's own recalculation can fill them in.
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as { formula?: string } | null
          if (v && typeof v === 'object' && 'formula' in v) cell.value = { formula: v.formula! } as ExcelJS.CellFormulaValue
        })
      )
    await wb.xlsx.writeFile(file)
    const recalculated = new ExcelJS.Workbook()
    await recalculated.xlsx.readFile(recalculateWithLibreOffice(file, dir))
    const summary = recalculated.getWorksheet('Summary')!
    const num = (r: number, c: number): number => {
      const v = summary.getCell(r, c).value
      return typeof v === 'number' ? v : (v as { result: number }).result
    }
    analysis.years.forEach((y, i) => {
      expect(num(5 + i, 2)).toBeCloseTo(y.baseline, 2)
      expect(num(5 + i, 3)).toBeCloseTo(y.proposed, 2)
    })
    expect(num(5 + def.years, 4)).toBeCloseTo(analysis.total.saving, 2)
    let row = 5 + def.years + 3
    // Named as the commissioner reads them: a service by its name, what it replaces by the unit-cost table's label.
    const labelOf = (code: string): string => table.find((r) => r.optionCode === code)?.label ?? code
    for (const [key, name] of [
      ['ART_HUB', 'ART hub'],
      ['MFP', 'MFP'],
      ['MISTLE', def.services.other!.MISTLE!.label]
    ] as const) {
      expect(summary.getCell(row, 1).value).toBe(name)
      expect(summary.getCell(row, 3).value).toBe(labelOf(analysis.breakEven[key]!.replaces))
      expect(num(row, 2)).toBeCloseTo(analysis.breakEven[key]!.fixedAnnual, 2)
      expect(num(row, 4)).toBeCloseTo(analysis.breakEven[key]!.replacedAnnualPerChild, 2)
      expect(num(row, 5)).toBeCloseTo(analysis.breakEven[key]!.children!, 6)
      expect(num(row, 7)).toBeCloseTo(analysis.breakEven[key]!.occupancy!, 6)
      expect(num(row, 8)).toBeCloseTo(analysis.breakEven[key]!.flow!.avoidedPerAdmission, 2)
      expect(num(row, 9)).toBeCloseTo(analysis.breakEven[key]!.flow!.breakEvenAdmissions!, 6)
      row++
    }
  }, 120_000)
})

describe('cost workbook on a database with no children yet', () => {
  it('writes n/a for a share of no children, never 0% or #DIV/0!, after recalculation', async () => {
    const { db } = await tempContext()
    const table = await unitCostsOn(db, '2020-03-31')
    const def = scenarioDefinition.parse({ name: 'Empty', years: 1, inflation: 0, baseline: {}, proposed: {} })
    const report = await sufficiency(db, '2020-03-31')
    const forecast = await demandForecast(db, { asOf: '2020-03-31', years: 2, runs: 20, seed: 3 })
    const built = new ExcelJS.Workbook()
    await built.xlsx.load(
      (await costWorkbook(def, analyseScenario(def, weeklyTable(table)), table, await optionLabels(db), {
        sufficiency: report,
        forecast
      })) as unknown as ArrayBuffer
    )
    const dir = tempDir()
    const file = join(dir, 'empty.xlsx')
    // The figures must come from the formulas, not from the results cached beside them.
    for (const name of ['Sufficiency', 'Forecast'])
      built.getWorksheet(name)!.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value
          if (v !== null && typeof v === 'object' && 'formula' in v) cell.value = { formula: v.formula } as ExcelJS.CellFormulaValue
        })
      )
    await built.xlsx.writeFile(file)
    const out = new ExcelJS.Workbook()
    await out.xlsx.readFile(recalculateWithLibreOffice(file, dir))
    const shown = (ws: ExcelJS.Worksheet, r: number, c: number): unknown => {
      const v = ws.getCell(r, c).value
      return v !== null && typeof v === 'object' && 'formula' in v ? v.result : v
    }
    const suff = out.getWorksheet('Sufficiency')!
    report.rows.forEach((r, i) => {
      expect(suff.getCell(4 + i, 1).value).toBe(r.label)
      // exceljs reads a recalculated <v>0</v> as no result at all, so a count's change of 0 is undefined.
      expect([2, 3, 4].map((c) => shown(suff, 4 + i, c))).toEqual(r.unit === 'percent' ? ['n/a', 'n/a', 'n/a'] : [0, 0, undefined])
    })
  }, 120_000)

  it('says on its Forecast sheet that there is nothing to forecast, as the screen does, not what a model fitted on nothing projects', async () => {
    const ctx = await tempContext()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await buildWorkbook(ctx, scenarioDefinition.parse({ name: 'Empty', years: 3, baseline: {}, proposed: {} }))) as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet('Forecast')!
    const texts: string[] = []
    sheet.eachRow((row) => row.eachCell((cell) => void texts.push(String(cell.value))))
    expect(texts).toEqual([
      'No forecast: no child is on record between 31/03/2018 and 31/03/2020.',
      'The forecast learns how children move, arrive and leave from the 903 history of those months, and there is none. Import an SSDA903 return, then export the workbook again.'
    ])
  })

  it('writes n/a for a demand index over none looked after on the date, never #DIV/0!, after recalculation', async () => {
    const { db } = await tempContext()
    // A history to learn from, but the one child in it left care before the forecast's date.
    await child(db, 'A', '2010-01-01', [['2018-01-01', 'S', 'C2', 'U4', 'PR1', '2019-06-30', 'E4A']])
    const forecast = await demandForecast(db, { asOf: '2020-03-31', years: 2, runs: 20, seed: 3 })
    expect([forecast.observedChildMonths > 0, forecast.lookedAfter]).toEqual([true, 0])
    const table = await unitCostsOn(db, '2020-03-31')
    const def = scenarioDefinition.parse({ name: 'Empty', years: 1, inflation: 0, baseline: {}, proposed: {} })
    const built = new ExcelJS.Workbook()
    await built.xlsx.load(
      (await costWorkbook(def, analyseScenario(def, weeklyTable(table)), table, await optionLabels(db), { forecast })) as unknown as ArrayBuffer
    )
    // The index must come from its formula, not from the result cached beside it.
    built.getWorksheet('Forecast')!.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value
        if (v !== null && typeof v === 'object' && 'formula' in v) cell.value = { formula: v.formula } as ExcelJS.CellFormulaValue
      })
    )
    const dir = tempDir()
    const file = join(dir, 'none-looked-after.xlsx')
    await built.xlsx.writeFile(file)
    const out = new ExcelJS.Workbook()
    await out.xlsx.readFile(recalculateWithLibreOffice(file, dir))
    const sheet = out.getWorksheet('Forecast')!
    const shown = (r: number, c: number): unknown => {
      const v = sheet.getCell(r, c).value
      return v !== null && typeof v === 'object' && 'formula' in v ? v.result : v
    }
    const indexRow = 5 + forecast.series.length + 2
    expect(sheet.getCell(indexRow - 1, 2).value).toBe('Demand index (mean p50 ÷ looked after on the date)')
    expect([0, 1].map((y) => shown(indexRow + y, 2))).toEqual(['n/a', 'n/a'])
  }, 120_000)
})

describe('cost workbook with the demand forecast', () => {
  it("recalculates through the forecast's demand index and back-test, and the sufficiency changes, to the app's own figures", async () => {
    const { db } = await demoContext({ asOf: '2020-03-31', lookedAfter: 150 })
    const forecast = await demandForecast(db, { asOf: '2020-03-31', years: 3, runs: 80, seed: 3 })
    const table = await unitCostsOn(db, '2020-03-31')
    const def = scenarioDefinition.parse({
      name: 'Forecast demand',
      years: 3,
      inflation: 0.03,
      demandIndex: forecast.demandIndex,
      demandSource: 'Forecast from 31/03/2020',
      baseline: { IFA: 40, RESIDENTIAL_EXTERNAL: 9 },
      proposed: { IFA: 36, FOSTER_INHOUSE: 4, RESIDENTIAL_EXTERNAL: 9 }
    })
    const analysis = analyseScenario(def, weeklyTable(table))
    const dir = tempDir()
    const file = join(dir, 'forecast.xlsx')
    const wb = new ExcelJS.Workbook()
    const report = await sufficiency(db, '2020-03-31')
    await wb.xlsx.load((await costWorkbook(def, analysis, table, await optionLabels(db), { forecast, sufficiency: report })) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Assumptions', 'Baseline', 'Proposed', 'Summary', 'Sufficiency', 'Forecast'])
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as { formula?: string } | null
          if (v && typeof v === 'object' && 'formula' in v) cell.value = { formula: v.formula! } as ExcelJS.CellFormulaValue
        })
      )
    await wb.xlsx.writeFile(file)
    const out = new ExcelJS.Workbook()
    await out.xlsx.readFile(recalculateWithLibreOffice(file, dir))
    const value = (ws: ExcelJS.Worksheet, r: number, c: number): number => {
      const v = ws.getCell(r, c).value
      return typeof v === 'number' ? v : (v as { result: number }).result
    }
    const summary = out.getWorksheet('Summary')!
    analysis.years.forEach((y, i) => {
      expect(value(summary, 5 + i, 2)).toBeCloseTo(y.baseline, 2)
      expect(value(summary, 5 + i, 3)).toBeCloseTo(y.proposed, 2)
    })
    const sheet = out.getWorksheet('Forecast')!
    const indexRow = 5 + forecast.series.length + 2
    forecast.demandIndex.forEach((x, y) => expect(value(sheet, indexRow + y, 2)).toBeCloseTo(x, 10))
    let mapeRow = 0
    sheet.eachRow((row, n) => {
      if (row.getCell(5).value === 'Mean absolute error') mapeRow = n
    })
    expect(value(sheet, mapeRow, 6)).toBeCloseTo(forecast.backtest!.mape, 10)
    // Months as the UK writes them, as on the page.
    expect(sheet.getCell(5, 1).value).toBe(`${firstOf(forecast.series).month.slice(5)}/${firstOf(forecast.series).month.slice(0, 4)}`)
    expect(sheet.getCell(mapeRow - 1, 1).value).toBe('03/2020')

    // Sufficiency: each change on a year earlier, and each placement type's in-house share.
    const suff = out.getWorksheet('Sufficiency')!
    report.rows.forEach((r, i) => {
      expect(suff.getCell(4 + i, 1).value).toBe(r.label)
      // A share's change in percentage points, as on the screen ('-2.1 pts'); it had read '-2.1%', as if a relative change.
      const change = defined(r.change ?? undefined, `the change in ${r.measure}`)
      expect(value(suff, 4 + i, 4)).toBeCloseTo(r.unit === 'percent' ? change * 100 : change, 8)
      expect(suff.getCell(4 + i, 4).numFmt).toBe(r.unit === 'percent' ? '+0.0" pts";-0.0" pts";0.0" pts"' : '0')
    })
    const typesFrom = 4 + report.rows.length + 2
    report.byPlacementType.forEach((t, i) => {
      expect(suff.getCell(typesFrom + i, 1).value).toBe(t.type)
      const share = suff.getCell(typesFrom + i, 5).value as { result: number | string }
      expect(share).toHaveProperty('formula')
      // exceljs reads a recalculated <v>0</v> as no result at all.
      if (t.inHouse + t.external > 0) expect(share.result ?? 0).toBeCloseTo(t.inHouse / (t.inHouse + t.external), 10)
      else expect(share.result).toBe('n/a')
    })
  }, 120_000)
})

describe('cost workbook: the Forecast sheet and the dates on the Assumptions sheet', () => {
  it("fits its headings in their columns, names the age bands as the page does, leaves out a band nobody is in, and states the unit costs' date", async () => {
    const { db } = await demoContext({ asOf: '2020-03-31', lookedAfter: 150 })
    const forecast = await demandForecast(db, { asOf: '2020-03-31', years: 1, runs: 20, seed: 3 })
    const table = await unitCostsOn(db, '2020-03-31')
    const def = scenarioDefinition.parse({
      name: 'Dates',
      years: 1,
      costsAsOf: '2020-03-31',
      baseline: { IFA: 4 },
      proposed: { IFA: 3 },
      services: { ART_HUB: { beds: 3, fixedAnnual: 100_000, lengthOfStayDays: 84, otherwise: { RESIDENTIAL_EXTERNAL: 1 } } }
    })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(
      (await costWorkbook(def, analyseScenario(def, weeklyTable(table)), table, await optionLabels(db), { forecast })) as unknown as ArrayBuffer
    )

    const assumptions = wb.getWorksheet('Assumptions')!
    expect([assumptions.getCell('A3').value, assumptions.getCell('B3').value]).toEqual(['Unit costs in force on', '31/03/2020'])
    // A service's rows name it and its options as the other sheets do, wrapped in their column, not by their keys.
    const labels = assumptions.getColumn(1).values.filter((v): v is string => typeof v === 'string')
    expect(labels).toContain('ART hub would otherwise use Residential – external (share)')
    expect(labels.filter((l) => l.startsWith('ART_HUB'))).toEqual([])

    const sheet = wb.getWorksheet('Forecast')!
    // The demo gives every child a date of birth: no simulation has a child of unknown age.
    expect(forecast.series.every((m) => m.byAgeBand.unknown.p90 === 0)).toBe(true)
    const headings = (sheet.getRow(4).values as unknown[]).slice(1) as string[]
    expect(headings).toContain('Semi-independent living p50')
    expect(headings.filter((h) => /^Age/.test(h))).toEqual(['Aged 0-4 p50', 'Aged 5-10 p50', 'Aged 11-15 p50', 'Aged 16+ p50'])
    expect(sheet.getCell('A3').value).toBe('Left out, as no simulation has a child in them in any month: age unknown.')
    const width = (c: number): number => sheet.getColumn(c).width ?? 10
    expect(width(1)).toBeGreaterThanOrEqual('Looked after on the date'.length + 1)
    // Every heading wraps at its spaces within its column, on as many lines as the row is tall.
    headings.forEach((h, i) => {
      expect(Math.max(...h.split(' ').map((w) => w.length))).toBeLessThan(width(i + 1))
      expect(sheet.getRow(4).height ?? 15).toBeGreaterThanOrEqual(15 * Math.ceil((h.length * 1.1) / (width(i + 1) - 1)))
    })
  })
})
