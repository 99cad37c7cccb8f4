import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { scenarioDefinition } from '../../../src/shared/api'
import { analyseScenario } from '../../../src/main/core/costs/formula'
import { unitCostsOn, weeklyTable } from '../../../src/main/core/costs/unitCosts'
import { costWorkbook } from '../../../src/main/core/costs/workbook'
import { tempContext } from '../../helpers/tmp'

describe('cost workbook', () => {
  it('writes live formulas over the Assumptions sheet with cached results, and user text as inert text', async () => {
    const { db } = tempContext()
    const table = unitCostsOn(db, '2020-03-31').map((r) => (r.optionCode === 'IFA' ? { ...r, source: '=WEBSERVICE("http://x")' } : r))
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
    await wb.xlsx.load((await costWorkbook(def, analysis, table)) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Assumptions', 'Baseline', 'Proposed', 'Summary'])

    const assumptions = wb.getWorksheet('Assumptions')!
    expect(assumptions.getCell('B2').value).toBe("'+cmd|calc")
    const texts: string[] = []
    assumptions.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'string' && texts.push(cell.value)))
    expect(texts).toContain('\'=WEBSERVICE("http://x") (effective 2019-04-01)')

    const proposed = wb.getWorksheet('Proposed')!
    let ifaRow = 0
    let artRow = 0
    proposed.eachRow((row, n) => {
      if (row.getCell(1).value === 'IFA') ifaRow = n
      if (row.getCell(1).value === 'ART_HUB') artRow = n
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
