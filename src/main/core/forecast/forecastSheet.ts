import type ExcelJS from 'exceljs'
import { forecastAgeBands, forecastCategories, forecastCategoryLabels, type ForecastAgeBand, type ForecastResult } from '../../../shared/api'
import { ukDate, ukMonth } from '../../../shared/days'
import { forecastsNothing, noForecast, noForecastWhy } from '../../../shared/forecast-terms'
import { fitRowHeight, noFigure, printSetup } from '../util/excel'

/** An age band's heading, as the page writes it ("Aged 0-4"). */
const bandHeading = (band: ForecastAgeBand): string => (band === 'unknown' ? 'Age unknown' : `Aged ${band}`)

/**
 * The demand forecast as a sheet: monthly bands as values (they come from simulation),
 * and the yearly demand index and back-test errors as live formulas over them.
 */
export function writeForecastSheet(wb: ExcelJS.Workbook, f: ForecastResult): void {
  if (forecastsNothing(f)) return writeNoForecast(wb, f)
  // A band no simulation puts a child in, in any month (in practice 'unknown' age, where every
  // child has a date of birth), would be a column of noughts: it is left out, and the sheet says so.
  const empty = forecastAgeBands.filter((b) => f.series.every((m) => m.byAgeBand[b].p90 === 0))
  const bands = forecastAgeBands.filter((b) => !empty.includes(b))
  // The month and the header stay in view as the months scroll, and the header heads every printed page.
  const ws = wb.addWorksheet('Forecast', { views: [{ state: 'frozen', xSplit: 1, ySplit: 4 }], pageSetup: printSetup({ headerRows: '4:4' }) })
  // Column A is wide enough for 'Looked after on the date' above the months, which it had cut off.
  ws.columns = [{ width: 25 }, { width: 10 }, { width: 10 }, { width: 10 }, ...[...forecastCategories, ...bands].map(() => ({ width: 18 }))]
  ws.getCell('A1').value =
    `Demand forecast from ${ukDate(f.asOf)}: children looked after at each month end (model fitted on ${ukDate(f.reference.from)} – ${ukDate(f.reference.to)}, ${f.runs} simulations) — numbers only`
  ws.getCell('A1').font = { bold: true }
  ws.getCell('A2').value = 'Looked after on the date'
  ws.getCell('B2').value = f.lookedAfter
  if (empty.length > 0)
    ws.getCell('A3').value = `Left out, as no simulation has a child in them in any month: ${empty.map((b) => bandHeading(b).toLowerCase()).join(', ')}.`
  ws.getRow(4).values = [
    'Month',
    'p10',
    'p50',
    'p90',
    ...forecastCategories.map((c) => `${forecastCategoryLabels[c]} p50`),
    ...bands.map((b) => `${bandHeading(b)} p50`)
  ]
  ws.getRow(4).font = { bold: true }
  // 'Semi-independent living p50' and the like wrap within their column, as tall as the longest, rather than run under the next.
  ws.getRow(4).alignment = { vertical: 'top', wrapText: true }
  // Over the figures, the headings sit right as the figures do; 'Placed with parents' had run into 'Other p50'.
  ws.getRow(4).eachCell((cell, c) => c > 1 && (cell.alignment = { vertical: 'top', horizontal: 'right', wrapText: true }))
  fitRowHeight(ws.getRow(4))
  // Children are counted whole, as on screen: a band's edge between simulations (658.9) keeps its value but shows as 659.
  const children = '0'
  f.series.forEach((m, i) => {
    const values = [m.total.p10, m.total.p50, m.total.p90, ...forecastCategories.map((c) => m.byCategory[c].p50), ...bands.map((b) => m.byAgeBand[b].p50)]
    ws.getRow(5 + i).values = [ukMonth(m.month), ...values]
    values.forEach((_, c) => (ws.getCell(5 + i, c + 2).numFmt = children))
  })
  let row = 5 + f.series.length + 1
  ws.getRow(row).values = ['Year', 'Demand index (mean p50 ÷ looked after on the date)']
  ws.getRow(row).font = { bold: true }
  row++
  f.demandIndex.forEach((index, y) => {
    ws.getCell(row, 1).value = y + 1
    // No child looked after on the date: no index, where the bare division would be #DIV/0!.
    ws.getCell(row, 2).value = {
      formula: `IF($B$2>0,AVERAGE(C${5 + y * 12}:C${5 + y * 12 + 11})/$B$2,"${noFigure}")`,
      result: f.lookedAfter > 0 ? index : noFigure
    }
    ws.getCell(row, 2).alignment = { horizontal: 'right' }
    ws.getCell(row, 2).numFmt = '0.0000'
    row++
  })
  const back = f.backtest
  if (!back) return
  row++
  ws.getCell(row++, 1).value = `Back-test: fitted on ${ukDate(back.reference.from)} – ${ukDate(back.reference.to)}, projected 12 months, against what happened`
  ws.getRow(row).values = ['Month', 'Actual', 'p10', 'p50', 'p90', 'Error of p50']
  ws.getRow(row).font = { bold: true }
  const first = ++row
  for (const m of back.months) {
    ws.getRow(row).values = [ukMonth(m.month), m.actual, m.p10, m.p50, m.p90]
    for (let c = 2; c <= 5; c++) ws.getCell(row, c).numFmt = children
    ws.getCell(row, 6).value = { formula: `IF(B${row}>0,ABS(D${row}-B${row})/B${row},0)`, result: m.actual > 0 ? Math.abs(m.p50 - m.actual) / m.actual : 0 }
    ws.getCell(row, 6).numFmt = '0.0%'
    row++
  }
  ws.getCell(row, 5).value = 'Mean absolute error'
  ws.getCell(row, 6).value = { formula: `AVERAGE(F${first}:F${row - 1})`, result: back.mape }
  ws.getCell(row, 6).numFmt = '0.0%'
}

/**
 * The sheet of a forecast fitted on no history (an empty database): it says so, as the
 * screen does. It had read "model fitted on …, 200 simulations" over months of noughts.
 */
function writeNoForecast(wb: ExcelJS.Workbook, f: ForecastResult): void {
  const ws = wb.addWorksheet('Forecast', { pageSetup: printSetup() })
  ws.columns = [{ width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } }]
  ws.getCell('A1').value = noForecast(f)
  ws.getCell('A1').font = { bold: true }
  ws.getCell('A2').value = `${noForecastWhy} Import an SSDA903 return, then export the workbook again.`
  ws.eachRow((r) => fitRowHeight(r))
}
