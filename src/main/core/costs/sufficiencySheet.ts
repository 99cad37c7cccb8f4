import type ExcelJS from 'exceljs'
import type { SufficiencyReport } from '../../../shared/api'
import { ukDate } from '../../../shared/days'
import { noFigure, printSetup } from '../util/excel'

const percent = '0.0%'
/** A share's change in percentage points, as the screen shows it ('-2.1 pts'): as a percentage it read as a relative change. */
const points = '+0.0" pts";-0.0" pts";0.0" pts"'

/** The sufficiency and stability measures as a sheet: numbers only, the change a live formula. */
export function writeSufficiencySheet(wb: ExcelJS.Workbook, report: SufficiencyReport): void {
  const ws = wb.addWorksheet('Sufficiency', { pageSetup: printSetup() })
  ws.columns = [{ width: 52 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 22 }, { width: 14 }, { width: 12 }]
  ws.getCell('A1').value = `Sufficiency and stability on ${ukDate(report.asOf)} (flows over the 12 months from ${ukDate(report.yearFrom)}) — numbers only`
  ws.getCell('A1').font = { bold: true, size: 13 }
  ws.getRow(3).values = ['Measure', 'Value', 'A year earlier', 'Change', 'Statistical neighbours', 'England', 'Of children']
  ws.getRow(3).font = { bold: true }
  let row = 4
  for (const r of report.rows) {
    const format = r.unit === 'percent' ? percent : '0'
    ws.getCell(row, 1).value = r.label
    ws.getCell(row, 2).value = r.value ?? noFigure
    ws.getCell(row, 3).value = r.yearEarlier ?? noFigure
    const inPoints = r.unit === 'percent'
    ws.getCell(row, 4).value = {
      formula: `IF(COUNT(B${row}:C${row})=2,(B${row}-C${row})${inPoints ? '*100' : ''},"${noFigure}")`,
      result: r.change === null ? noFigure : inPoints ? r.change * 100 : r.change
    }
    if (r.comparators.statisticalNeighbours !== undefined) ws.getCell(row, 5).value = r.comparators.statisticalNeighbours
    if (r.comparators.england !== undefined) ws.getCell(row, 6).value = r.comparators.england
    for (let c = 2; c <= 6; c++) ws.getCell(row, c).numFmt = c === 4 && inPoints ? points : format
    // Beside the figures, where an n/a would otherwise sit on the left of its column.
    for (let c = 2; c <= 4; c++) ws.getCell(row, c).alignment = { horizontal: 'right' }
    if (r.of !== null) ws.getCell(row, 7).value = r.of
    row++
  }
  row += 1
  ws.getRow(row).values = ['Placement type (on the date)', 'In-house', 'External', 'Other', 'In-house share']
  ws.getRow(row).font = { bold: true }
  row++
  for (const t of report.byPlacementType) {
    ws.getRow(row).values = [t.type, t.inHouse, t.external, t.other]
    ws.getCell(row, 5).value = {
      formula: `IF(B${row}+C${row}>0,B${row}/(B${row}+C${row}),"${noFigure}")`,
      result: t.inHouse + t.external > 0 ? t.inHouse / (t.inHouse + t.external) : noFigure
    }
    ws.getCell(row, 5).numFmt = percent
    row++
  }
  row += 1
  for (const rule of report.rules) ws.getCell(row++, 1).value = rule
}
