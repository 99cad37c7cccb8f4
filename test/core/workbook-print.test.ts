import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { scenarioDefinition } from '../../src/shared/api'
import { analyseScenario } from '../../src/main/core/costs/formula'
import { sufficiency } from '../../src/main/core/costs/sufficiency'
import { unitCostsOn, weeklyTable } from '../../src/main/core/costs/unitCosts'
import { costWorkbook } from '../../src/main/core/costs/workbook'
import { optionLabels } from '../../src/main/core/costs/catalogue'
import { demandForecast } from '../../src/main/core/forecast/forecast'
import { cycleItems, openCycle } from '../../src/main/core/review/cycles'
import { recordOutcome } from '../../src/main/core/review/outcomes'
import { firstOf } from '../helpers/defined'
import { exportCycle } from '../../src/main/core/review/export'
import { exportTracker } from '../../src/main/core/tracker/export'
import { demoContext } from '../helpers/tmp'

const asOf = '2020-03-31'

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(buffer as unknown as ArrayBuffer)
  return book
}

/** What a sheet's File → Print gives: A4, its orientation, its width in pages (0 pages down: as many as it takes), and the rows and columns printed on every page. */
const printed = (sheet: ExcelJS.Worksheet): Record<string, unknown> => {
  const { paperSize, orientation, fitToPage, fitToWidth, fitToHeight, printTitlesRow, printTitlesColumn } = sheet.pageSetup
  return { paperSize, orientation, fitToPage, fitToWidth, fitToHeight, printTitlesRow, printTitlesColumn }
}

const a4 = 9

describe('exported workbooks on paper', () => {
  it("print a list of children across the page with each child's ID and name and the headings on every page", async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 60 })
    const tracker = await readBack((await exportTracker(ctx, asOf)).buffer)
    const { id } = await openCycle(ctx, { startDate: asOf })
    const note = 'Carer wants to apply for an SGO; the assessment starts in January and the social worker will book the panel date once it is done.'
    await recordOutcome(ctx, { itemId: firstOf((await cycleItems(ctx, id)).items).id, outcome: 'refer_panel', note })
    const review = await readBack(Buffer.from((await exportCycle(ctx, id)).contentBase64, 'base64'))
    // The reviewer's note wraps in its column, its row tall enough for every line of it.
    const noted = review.getWorksheet('Children')!.getRow(2)
    expect(noted.getCell(15).value).toBe(note)
    expect(noted.getCell(15).alignment).toMatchObject({ wrapText: true })
    expect(noted.height).toBeGreaterThanOrEqual(45)

    for (const book of [tracker, review]) {
      const children = book.getWorksheet('Children')!
      expect(printed(children)).toEqual({
        paperSize: a4,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 3,
        fitToHeight: 0,
        printTitlesRow: '1:1',
        printTitlesColumn: 'A:B'
      })
      expect(children.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 })
      // Wrapped headings get the room for three lines: a row grows to its wrapped text only once edited.
      expect(children.getRow(1).alignment).toMatchObject({ wrapText: true })
      expect(children.getRow(1).height).toBeGreaterThanOrEqual(45)
      expect(printed(book.getWorksheet('Summary')!)).toMatchObject({ paperSize: a4, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 })
    }

    // The tracker's free text (carer, next action, drift, flags) wraps in its column, each row as tall as its longest text.
    const children = tracker.getWorksheet('Children')!
    const wrapped = ['Carer', 'Next action', 'Drift', 'Carers, plan, placed with parents, oversight'].map((h) =>
      (children.getRow(1).values as unknown[]).indexOf(h)
    )
    let tallRows = 0
    children.eachRow((row, n) => {
      if (n === 1) return
      const longest = Math.max(...wrapped.map((c) => String(row.getCell(c).value ?? '').length / (children.getColumn(c).width ?? 10)))
      for (const c of wrapped) if (row.getCell(c).value !== null) expect(row.getCell(c).alignment, `row ${n}`).toMatchObject({ wrapText: true })
      if (longest > 1.1) {
        tallRows++
        expect(row.height, `row ${n}`).toBeGreaterThanOrEqual(30)
      }
    })
    expect(tallRows).toBeGreaterThan(0)

    // The tracker's summary: every label, the time generated (dd/mm/yyyy hh:mm) and the no-decision heading fit their columns.
    const summary = tracker.getWorksheet('Summary')!
    const width = (column: number): number => summary.getColumn(column).width ?? 0
    let longestLabel = 0
    summary.eachRow((row) => {
      const label = row.getCell(1).value
      if (typeof label === 'string' && row.getCell(2).value !== null) longestLabel = Math.max(longestLabel, label.length)
    })
    expect(width(1)).toBeGreaterThanOrEqual(longestLabel)
    expect(width(2)).toBeGreaterThanOrEqual('01/12/2026 14:26'.length)
    expect(width(3)).toBeGreaterThanOrEqual('No panel decision and no oversight'.length)
  })

  it("print the commissioner's cost model one page wide, landscape, with the tables' headings repeated and frozen", async () => {
    const { db } = await demoContext({ asOf, lookedAfter: 80 })
    const table = await unitCostsOn(db, asOf)
    const def = scenarioDefinition.parse({
      name: 'On paper',
      years: 5,
      baseline: { IFA: 40, RESIDENTIAL_EXTERNAL: 9 },
      proposed: { IFA: 36, FOSTER_INHOUSE: 4, RESIDENTIAL_EXTERNAL: 6, ART_HUB: 3 },
      services: { ART_HUB: { beds: 3, fixedAnnual: 598000 } }
    })
    const forecast = await demandForecast(db, { asOf, years: 2, runs: 40, seed: 1 })
    const book = await readBack(
      await costWorkbook(def, analyseScenario(def, weeklyTable(table)), table, await optionLabels(db), { forecast, sufficiency: await sufficiency(db, asOf) })
    )

    for (const sheet of book.worksheets)
      expect(printed(sheet), sheet.name).toMatchObject({ paperSize: a4, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 })
    for (const [name, headings] of [
      ['Baseline', 3],
      ['Proposed', 3],
      ['Forecast', 4]
    ] as const) {
      const sheet = book.getWorksheet(name)!
      expect(sheet.pageSetup.printTitlesRow, name).toBe(`${headings}:${headings}`)
      expect(sheet.views[0], name).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: headings })
    }
    // The forecast's headings ('Semi-independent living p50') wrap in a column of their own, the age bands' too.
    const sheet = book.getWorksheet('Forecast')!
    const headings = (sheet.getRow(4).values as unknown[]).slice(1)
    expect(sheet.getRow(4).alignment).toMatchObject({ wrapText: true })
    headings.forEach((_, i) => expect(sheet.getColumn(i + 1).width, String(headings[i])).toBeGreaterThanOrEqual(10))
    // Children counted whole, as the screen rounds them: a band's edge between simulations (658.9) shows as 659.
    expect(sheet.getCell(5, 2).numFmt).toBe('0')
    expect(sheet.getCell(5, headings.length).numFmt).toBe('0')
    // The break-even headings ('Children to break even') wrap within their columns.
    const summary = book.getWorksheet('Summary')!
    let breakEven: ExcelJS.Row | undefined
    summary.eachRow((row) => {
      if (row.getCell(1).value === 'Break-even') breakEven = row
    })
    expect(breakEven?.alignment).toMatchObject({ wrapText: true })
    // The options by name, as on screen and in the Assumptions sheet, not by code (FOSTER_INHOUSE, RESIDENTIAL_EXTERNAL).
    for (const name of ['Baseline', 'Proposed']) {
      const options: string[] = []
      book.getWorksheet(name)!.eachRow((row, n) => {
        if (n > 3 && row.getCell(1).value !== 'Total') options.push(String(row.getCell(1).value))
      })
      expect(options, name).toContain('Mainstream foster care (in-house)')
      expect(
        options.filter((o) => o.includes('_')),
        name
      ).toEqual([])
    }
    // The sources wrap within their column rather than run on and shrink the whole sheet to fit them, each row tall enough for its source.
    const assumptions = book.getWorksheet('Assumptions')!
    expect(assumptions.getColumn(5).alignment).toMatchObject({ wrapText: true })
    assumptions.eachRow((row) => {
      const source = row.getCell(5).value
      if (typeof source === 'string' && source.length > 80) expect(row.height, source).toBeGreaterThanOrEqual(30)
    })
    // The Baseline's title runs on across the sheet, not wrapped in the options' column.
    expect(book.getWorksheet('Baseline')!.getCell('A1').alignment?.wrapText).toBeFalsy()
  })
})
