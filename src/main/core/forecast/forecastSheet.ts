import type ExcelJS from 'exceljs'
import { forecastAgeBands, forecastCategories, forecastCategoryLabels, type ForecastResult } from '../../../shared/api'
import { ukDate, ukMonth } from '../../../shared/days'
import { noFigure, printSetup } from '../util/excel'

/**
 * The demand forecast as a sheet: monthly bands as values (they come from simulation),
 * and the yearly demand index and back-test errors as live formulas over them.
 */
export function writeForecastSheet(wb: ExcelJS.Workbook, f: ForecastResult): void {
  // The month and the header stay in view as the months scroll, and the header heads every printed page.
  const ws = wb.addWorksheet('Forecast', { views: [{ state: 'frozen', xSplit: 1, ySplit: 4 }], pageSetup: printSetup({ headerRows: '4:4' }) })
  ws.columns = [{ width: 12 }, { width: 10 }, { width: 10 }, { width: 10 }, ...[...forecastCategories, ...forecastAgeBands].map(() => ({ width: 14 }))]
  ws.getCell('A1').value =
    `Demand forecast from ${ukDate(f.asOf)}: children looked after at each month end (model fitted on ${ukDate(f.reference.from)} – ${ukDate(f.reference.to)}, ${f.runs} simulations) — numbers only`
  ws.getCell('A1').font = { bold: true }
  ws.getCell('A2').value = 'Looked after on the date'
  ws.getCell('B2').value = f.lookedAfter
  ws.getRow(4).values = [
    'Month',
    'p10',
    'p50',
    'p90',
    ...forecastCategories.map((c) => `${forecastCategoryLabels[c]} p50`),
    ...forecastAgeBands.map((b) => `aged ${b} p50`)
  ]
  ws.getRow(4).font = { bold: true }
  // 'Semi-independent living p50' and the like wrap within their column rather than run under the next.
  ws.getRow(4).alignment = { vertical: 'top', wrapText: true }
  ws.getRow(4).height = 30
  // Children are counted whole, as on screen: a band's edge between simulations (658.9) keeps its value but shows as 659.
  const children = '0'
  f.series.forEach((m, i) => {
    const values = [
      m.total.p10,
      m.total.p50,
      m.total.p90,
      ...forecastCategories.map((c) => m.byCategory[c].p50),
      ...forecastAgeBands.map((b) => m.byAgeBand[b].p50)
    ]
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
