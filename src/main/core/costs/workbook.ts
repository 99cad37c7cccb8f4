import type ExcelJS from 'exceljs'
import { fitRowHeight, loadExcelJS, noFigure, printSetup } from '../util/excel'
import {
  optionOrder,
  type PlacementOption,
  type ScenarioAnalysis,
  type ForecastResult,
  type ScenarioDefinition,
  type SufficiencyReport,
  type UnitCostRow
} from '../../../shared/api'
import { ukDate } from '../../../shared/days'
import { optionName } from '../../../shared/placement-options'
import { safeCell } from '../io/safe-cell'
import { writeForecastSheet } from '../forecast/forecastSheet'
import { writeSufficiencySheet } from './sufficiencySheet'
import type { OptionLabels } from './formula'
import { mixWeekly, openShare, perAdmission, serviceKeys, serviceTerms, throughput } from './services'

const pounds = '£#,##0.00'
const percent = '0.0%'

const columnLetter = (n: number): string => {
  let s = ''
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s
  return s
}

interface AssumptionCells {
  weeks: string
  growth: string
  inflation: string
  /** Row of each option's weekly cost on the Assumptions sheet. */
  optionRow: Partial<Record<PlacementOption, number>>
  /** What the sheets call an option or service: the catalogue's label, a service's own name. */
  labels: Partial<Record<string, string>>
  artBeds?: string
  artFixed?: string
  mfpUnits?: string
  mfpPlaces?: string
  mfpFixed?: string
  /** Cells of each service, counted by places or by admissions. */
  services: Record<string, ServiceCells>
  /** Demand index per year, when the scenario takes its demand from the forecast. */
  demandIndex?: string[]
}

interface ServiceCells {
  /** Running cost a year, staffing included. */
  running: string
  capacity: string
  /** Present for services costed by admissions. */
  flow?: {
    admissions: string
    perOtherwise: string
    perDestination: string
    setUp: string
    startYear: string
    los: string
    /** Open share of each scenario year. */
    open: string[]
  }
}

const abs = (sheet: string, cell: string): string => `${sheet}!$${cell.replace(/(\d+)$/, '$$$1')}`

function writeAssumptions(
  wb: ExcelJS.Workbook,
  def: ScenarioDefinition,
  analysis: ScenarioAnalysis,
  table: readonly UnitCostRow[],
  labels: OptionLabels
): AssumptionCells {
  const ws = wb.addWorksheet('Assumptions', { pageSetup: printSetup() })
  // A source wraps within its column: one running on past it would print the whole sheet at a fraction of its size.
  ws.columns = [{ width: 42 }, { width: 44 }, { width: 14 }, { width: 14 }, { width: 70, style: { alignment: { wrapText: true, vertical: 'top' } } }]
  ws.getCell('A1').value = 'Placement cost model — assumptions (change the blue cells; every total follows)'
  ws.getCell('A1').font = { bold: true, size: 13 }
  ws.getCell('A2').value = 'Scenario'
  ws.getCell('B2').value = safeCell(def.name)
  if (def.costsAsOf) {
    ws.getCell('A3').value = 'Unit costs in force on'
    ws.getCell('B3').value = ukDate(def.costsAsOf)
  }
  const input = (cell: string, value: number, format?: string): void => {
    const c = ws.getCell(cell)
    c.value = value
    c.font = { color: { argb: 'FF1F4E9E' }, bold: true }
    if (format) c.numFmt = format
  }
  ws.getCell('A4').value = 'Years modelled (fixed: one column per year)'
  ws.getCell('B4').value = def.years
  ws.getCell('A5').value = 'Weeks per year'
  input('B5', def.weeksPerYear)
  ws.getCell('A6').value = 'Demand growth a year'
  input('B6', def.demandGrowth, percent)
  ws.getCell('A7').value = 'Inflation a year'
  input('B7', def.inflation, percent)

  if (def.demandIndex) {
    ws.getCell('C6').value = safeCell(`not used: demand follows the index below${def.demandSource ? ` (${def.demandSource})` : ''}`)
  }
  ws.getRow(9).values = ['Option', 'Label', 'Weekly £', 'Annual £', 'Source']
  ws.getRow(9).font = { bold: true }
  const byCode = new Map(table.map((r) => [r.optionCode, r]))
  const cells: AssumptionCells = {
    weeks: abs('Assumptions', 'B5'),
    growth: abs('Assumptions', 'B6'),
    inflation: abs('Assumptions', 'B7'),
    optionRow: {},
    labels: { ...labels },
    services: {}
  }
  let row = 10
  for (const option of optionOrder(Object.keys(analysis.unitCosts))) {
    const weekly = analysis.unitCosts[option]
    if (option === 'ART_HUB' || option === 'MFP' || weekly === undefined) continue
    const tableRow = byCode.get(option)
    const overridden = def.unitCosts[option] !== undefined
    ws.getCell(`A${row}`).value = option
    ws.getCell(`B${row}`).value = safeCell(cells.labels[option] ?? option)
    input(`C${row}`, weekly, pounds)
    ws.getCell(`D${row}`).value = { formula: `C${row}*$B$5`, result: weekly * def.weeksPerYear }
    ws.getCell(`D${row}`).numFmt = pounds
    ws.getCell(`E${row}`).value = safeCell(
      overridden ? 'Scenario override of the unit-cost table' : `${tableRow?.source ?? ''} (effective ${tableRow ? ukDate(tableRow.effectiveFrom) : '?'})`
    )
    // Each cell at the top of its row, beside the first line of a source that wraps; a long label wraps too.
    for (const c of ['A', 'B', 'C', 'D']) ws.getCell(`${c}${row}`).alignment = { vertical: 'top', wrapText: c === 'B' }
    cells.optionRow[option] = row
    row++
  }

  row++
  const art = def.services.ART_HUB
  const mfp = def.services.MFP
  if (art || mfp) {
    ws.getCell(`A${row}`).value = 'New services — STATED ASSUMPTIONS, no published unit cost'
    ws.getCell(`A${row}`).font = { bold: true }
    row++
  }
  // A label wraps within its column, the row as tall as it: 'ART hub admissions a year when fully open …' ran under the value beside it.
  const label = (text: string): void => {
    ws.getCell(`A${row}`).value = safeCell(text)
    ws.getCell(`A${row}`).alignment = { wrapText: true, vertical: 'top' }
  }
  const service = (text: string, value: number, format?: string): string => {
    label(text)
    input(`B${row}`, value, format)
    ws.getCell(`B${row}`).alignment = { vertical: 'top' }
    return abs('Assumptions', `B${row++}`)
  }
  if (art) {
    cells.artBeds = service('ART hub assessment beds (capacity)', art.beds)
    cells.artFixed = service('ART hub fixed running cost a year £', art.fixedAnnual, pounds)
  }
  if (mfp) {
    cells.mfpUnits = service('MFP units', mfp.units)
    cells.mfpPlaces = service('MFP places per unit', mfp.placesPerUnit)
    cells.mfpFixed = service('MFP fixed running cost a year per unit £', mfp.fixedAnnualPerUnit, pounds)
  }
  if (def.demandIndex) {
    row++
    ws.getCell(`A${row++}`).value = 'Demand index: children in placements each year against year 1'
    cells.demandIndex = def.demandIndex.slice(0, def.years).map((index, y) => service(`Demand index year ${y + 1}`, index, '0.0000'))
  }
  const formula = (text: string, f: string, result: number, format?: string): string => {
    label(text)
    ws.getCell(`B${row}`).value = { formula: f, result }
    ws.getCell(`B${row}`).alignment = { vertical: 'top' }
    if (format) ws.getCell(`B${row}`).numFmt = format
    return abs('Assumptions', `B${row++}`)
  }
  const weeklyOf = (option: string): string => `Assumptions!$C$${cells.optionRow[option]}`
  for (const key of serviceKeys(def)) {
    const terms = serviceTerms(def, key)!
    cells.labels[key] = terms.label
    // Named as the Baseline and Proposed sheets name it, where these rows had its key (ART_HUB).
    const name = terms.label
    const flow = terms.flow
    if (key !== 'ART_HUB' && key !== 'MFP') {
      row++
      ws.getCell(`A${row++}`).value = safeCell(`${terms.label} (${key}) — STATED ASSUMPTIONS`)
    }
    const base =
      key === 'ART_HUB'
        ? cells.artFixed!
        : key === 'MFP'
          ? `${cells.mfpFixed}*${cells.mfpUnits}`
          : service(`${name} fixed running cost a year £`, def.services.other![key]!.fixedAnnual, pounds)
    const capacity =
      key === 'ART_HUB' ? cells.artBeds! : key === 'MFP' ? `${cells.mfpUnits}*${cells.mfpPlaces}` : service(`${name} places (capacity)`, terms.capacity)
    const staff = (flow?.staffing ?? []).map((line) => {
      const fte = service(`${name} staffing: ${line.role} — FTE`, line.fte)
      const cost = service(`${name} staffing: ${line.role} — £ a year per FTE`, line.annualCostPerFte, pounds)
      return `${fte}*${cost}`
    })
    const running = staff.length ? formula(`${name} running cost a year with staffing £`, [base, ...staff].join('+'), terms.fixedAnnual, pounds) : base
    const cellsOf: ServiceCells = { running, capacity }
    if (flow) {
      const each = perAdmission(terms, analysis.unitCosts)
      const occupancy = service(`${name} occupancy`, flow.occupancy ?? 1, percent)
      const los = service(`${name} average length of stay (days)`, flow.lengthOfStayDays)
      const follow = service(`${name} weeks after the stay compared`, flow.followOnWeeks ?? 52)
      const setUp = service(`${name} one-off set-up cost £ (opening year)`, flow.setUpCost ?? 0, pounds)
      const startYear = service(`${name} opening year`, flow.startYear ?? 1)
      const open = Array.from({ length: def.years }, (_, y) => service(`${name} share open in year ${y + 1}`, openShare(terms, y + 1), percent))
      const mix = (field: 'otherwise' | 'destinations', shares: Partial<Record<string, number>>): string => {
        const parts = Object.entries(shares).map(
          ([option, sh]) =>
            `${service(`${name} ${field === 'otherwise' ? 'would otherwise use' : 'goes on to'} ${cells.labels[option] ?? optionName(option)} (share)`, sh ?? 0, percent)}*${weeklyOf(option)}`
        )
        return formula(
          `${name} ${field === 'otherwise' ? 'otherwise' : 'destinations'} £ a week (mix)`,
          parts.length ? parts.join('+') : '0',
          mixWeekly(shares, analysis.unitCosts),
          pounds
        )
      }
      const otherwiseWeekly = mix('otherwise', flow.otherwise ?? { [terms.replaces]: 1 })
      const destWeekly = mix('destinations', flow.destinations ?? {})
      const pcPlaces = service(`${name} parent-and-child places`, flow.parentAndChildPlaces ?? 0)
      const pcWeekly = flow.parentAndChildOtherwise ? weeklyOf(flow.parentAndChildOtherwise) : otherwiseWeekly
      const pc = `IF(${capacity}>0,MIN(1,${pcPlaces}/(${capacity})),0)`
      cellsOf.flow = {
        admissions: formula(
          `${name} admissions a year when fully open (capacity × occupancy × 365 / stay)`,
          `(${capacity})*${occupancy}*365/${los}`,
          throughput(terms),
          '0.00'
        ),
        perOtherwise: formula(
          `${name} otherwise cost per admission £`,
          `((1-${pc})*${otherwiseWeekly}+${pc}*${pcWeekly})*(${los}/7+${follow})`,
          each.otherwise,
          pounds
        ),
        perDestination: formula(`${name} destination cost per admission £`, `${destWeekly}*${follow}`, each.destination, pounds),
        setUp,
        startYear,
        los,
        open
      }
    }
    cells.services[key] = cellsOf
  }
  // Each row as tall as its source, so a long one wraps within its column rather than over the next row.
  ws.eachRow((r) => fitRowHeight(r))
  return cells
}

/** Writes one side's sheet; returns the address pattern of its yearly totals. */
function writeSide(
  wb: ExcelJS.Workbook,
  side: 'baseline' | 'proposed',
  def: ScenarioDefinition,
  analysis: ScenarioAnalysis,
  a: AssumptionCells
): (year: number) => string {
  const sheetName = side === 'baseline' ? 'Baseline' : 'Proposed'
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }], pageSetup: printSetup({ headerRows: '3:3' }) })
  // The option by the unit-cost table's name ('In-house fostering', not FOSTER_INHOUSE), wrapped where it is long.
  ws.columns = [
    { width: 40, style: { alignment: { wrapText: true, vertical: 'top' } } },
    { width: 12 },
    { width: 14 },
    ...Array.from({ length: def.years }, () => ({ width: 16 }))
  ]
  ws.getCell('A1').value = `${sheetName}: children per option and cost per year (formulas use the Assumptions sheet)`
  ws.getCell('A1').font = { bold: true }
  // The title runs on across the sheet rather than wrapping in the options' column.
  ws.getCell('A1').alignment = { wrapText: false }
  const firstYearCol = 4
  ws.getRow(3).values = ['Option', 'Children', 'Weekly £', ...Array.from({ length: def.years }, (_, y) => `Year ${y + 1} £`)]
  ws.getRow(3).font = { bold: true }
  const counts = def[side]
  const costs = analysis.byOption[side]
  let row = 4
  const first = row
  for (const option of optionOrder([...Object.keys(a.optionRow), ...Object.keys(a.services)])) {
    const n = counts[option] ?? 0
    const svc = a.services[option]
    if (svc) {
      ws.getCell(`A${row}`).value = safeCell(a.labels[option] ?? option)
      ws.getCell(`B${row}`).value = svc.flow ? { formula: svc.flow.admissions, result: analysis.breakEven[option]?.flow?.admissionsPerYear ?? 0 } : n
      ws.getCell(`C${row}`).value = svc.flow ? (side === 'baseline' ? 'avoided placements' : 'running + after') : 'fixed cost'
      for (let y = 0; y < def.years; y++) {
        const cell = ws.getCell(row, firstYearCol + y)
        const inflate = `(1+${a.inflation})^${y}`
        let f: string
        if (svc.flow) {
          const admitted = `${svc.flow.admissions}*${svc.flow.open[y]}`
          f =
            side === 'baseline'
              ? `${admitted}*${svc.flow.perOtherwise}*${inflate}`
              : `(${svc.running}*${svc.flow.open[y]}+IF(${svc.flow.startYear}=${y + 1},${svc.flow.setUp},0)+${admitted}*${svc.flow.perDestination})*${inflate}`
        } else {
          // The proposed side pays a defined service's running cost whether or not it is filled (formula.ts).
          f = side === 'proposed' ? `${svc.running}*${inflate}` : `IF(B${row}>0,${svc.running}*${inflate},0)`
        }
        cell.value = { formula: f, result: costs[option]?.[y] ?? 0 }
        cell.numFmt = pounds
      }
    } else {
      const assumptionRow = a.optionRow[option]
      if (assumptionRow === undefined) continue
      ws.getCell(`A${row}`).value = safeCell(a.labels[option] ?? option)
      ws.getCell(`B${row}`).value = n
      ws.getCell(`C${row}`).value = { formula: `Assumptions!$C$${assumptionRow}`, result: analysis.unitCosts[option] }
      ws.getCell(`C${row}`).numFmt = pounds
      for (let y = 0; y < def.years; y++) {
        const cell = ws.getCell(row, firstYearCol + y)
        const demand = a.demandIndex ? a.demandIndex[y] : `(1+${a.growth})^${y}`
        cell.value = { formula: `B${row}*${demand}*C${row}*(1+${a.inflation})^${y}*${a.weeks}`, result: costs[option]?.[y] ?? 0 }
        cell.numFmt = pounds
      }
    }
    row++
  }
  const last = row - 1
  for (let r = first; r <= last; r++) {
    ws.getRow(r).alignment = { vertical: 'top', wrapText: true }
    fitRowHeight(ws.getRow(r))
  }
  ws.getCell(`A${row}`).value = 'Total'
  ws.getRow(row).font = { bold: true }
  for (const [y, year] of analysis.years.entries()) {
    const col = columnLetter(firstYearCol + y)
    const cell = ws.getCell(`${col}${row}`)
    cell.value = { formula: `SUM(${col}${first}:${col}${last})`, result: year[side] }
    cell.numFmt = pounds
  }
  const totalRow = row
  return (year) => `${sheetName}!$${columnLetter(firstYearCol + year - 1)}$${totalRow}`
}

function writeSummary(
  wb: ExcelJS.Workbook,
  def: ScenarioDefinition,
  analysis: ScenarioAnalysis,
  a: AssumptionCells,
  baseline: (y: number) => string,
  proposed: (y: number) => string
): void {
  const ws = wb.addWorksheet('Summary', { pageSetup: printSetup() })
  ws.columns = [{ width: 26 }, { width: 18 }, { width: 18 }, { width: 26 }, { width: 18 }, { width: 12 }, { width: 16 }, { width: 18 }, { width: 18 }]
  ws.getCell('A1').value = 'Placement cost model — summary'
  ws.getCell('A1').font = { bold: true, size: 13 }
  ws.getCell('A2').value = 'Scenario'
  ws.getCell('B2').value = safeCell(def.name)
  ws.getRow(4).values = ['Year', 'Baseline £', 'Proposed £', 'Saving £']
  ws.getRow(4).font = { bold: true }
  let row = 5
  const money = (cell: string, formula: string, result: number): void => {
    ws.getCell(cell).value = { formula, result }
    ws.getCell(cell).numFmt = pounds
  }
  for (const y of analysis.years) {
    ws.getCell(`A${row}`).value = y.year
    money(`B${row}`, baseline(y.year), y.baseline)
    money(`C${row}`, proposed(y.year), y.proposed)
    money(`D${row}`, `B${row}-C${row}`, y.saving)
    row++
  }
  ws.getCell(`A${row}`).value = 'Total'
  ws.getRow(row).font = { bold: true }
  money(`B${row}`, `SUM(B5:B${row - 1})`, analysis.total.baseline)
  money(`C${row}`, `SUM(C5:C${row - 1})`, analysis.total.proposed)
  money(`D${row}`, `SUM(D5:D${row - 1})`, analysis.total.saving)

  const services = Object.entries(a.services).flatMap(([service, cells]) => {
    const be = analysis.breakEven[service]
    return be ? [{ service, cells, be }] : []
  })
  if (services.length === 0) return
  row += 2
  const byAdmissions = services.some(({ cells }) => cells.flow)
  ws.getRow(row).values = [
    'Break-even',
    'Fixed cost a year £',
    'Replaces',
    'Replaced placement a year £',
    'Children to break even',
    'Capacity',
    'Occupancy needed',
    ...(byAdmissions ? ['Avoided per admission £', 'Admissions a year to break even'] : [])
  ]
  // Two lines, so 'Children to break even' and 'Occupancy needed' stay within their columns.
  ws.getRow(row).font = { bold: true }
  ws.getRow(row).alignment = { vertical: 'top', wrapText: true }
  ws.getRow(row).height = 30
  row++
  for (const { service, cells, be } of services) {
    const replacedRow = a.optionRow[be.replaces]
    ws.getCell(`A${row}`).value = safeCell(a.labels[service] ?? service)
    money(`B${row}`, cells.running, be.fixedAnnual)
    ws.getCell(`C${row}`).value = safeCell(a.labels[be.replaces] ?? be.replaces)
    // Costed by admissions, a place filled for a year avoids (otherwise − destination) × 365 / stay.
    const replaced = cells.flow
      ? `(${cells.flow.perOtherwise}-${cells.flow.perDestination})*365/${cells.flow.los}`
      : replacedRow === undefined
        ? '0'
        : `Assumptions!$D$${replacedRow}`
    money(`D${row}`, replaced, be.replacedAnnualPerChild)
    ws.getCell(`E${row}`).value = { formula: `IF(D${row}>0,B${row}/D${row},"${noFigure}")`, result: be.children ?? noFigure }
    ws.getCell(`E${row}`).numFmt = '0.00'
    ws.getCell(`F${row}`).value = { formula: cells.capacity, result: be.capacity }
    ws.getCell(`G${row}`).value = { formula: `IF(AND(ISNUMBER(E${row}),F${row}>0),E${row}/F${row},"${noFigure}")`, result: be.occupancy ?? noFigure }
    ws.getCell(`G${row}`).numFmt = percent
    if (cells.flow && be.flow) {
      // The README's break-even for a service costed by admissions: running cost ÷ avoided cost per admission.
      money(`H${row}`, `${cells.flow.perOtherwise}-${cells.flow.perDestination}`, be.flow.avoidedPerAdmission)
      ws.getCell(`I${row}`).value = { formula: `IF(H${row}>0,B${row}/H${row},"${noFigure}")`, result: be.flow.breakEvenAdmissions ?? noFigure }
      ws.getCell(`I${row}`).numFmt = '0.00'
    }
    row++
  }
}

/** Sheets beside the cost model, when the caller has the data for them. */
export interface WorkbookExtras {
  sufficiency?: SufficiencyReport
  forecast?: ForecastResult
}

/**
 * The scenario as a workbook a commissioner can change: every cost is a live formula over
 * the Assumptions sheet, with this analysis written as cached results so viewers that do
 * not recalculate still show the figures. Options go by their catalogue `labels`
 * (optionLabels), not the table's: an option with no unit cost on the date, costed by the
 * scenario's own weekly cost, had gone by its code.
 */
export async function costWorkbook(
  def: ScenarioDefinition,
  analysis: ScenarioAnalysis,
  table: readonly UnitCostRow[],
  labels: OptionLabels,
  extras: WorkbookExtras = {}
): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook()
  wb.creator = 'Permanence Desk'
  wb.calcProperties.fullCalcOnLoad = true
  const a = writeAssumptions(wb, def, analysis, table, labels)
  const baseline = writeSide(wb, 'baseline', def, analysis, a)
  const proposed = writeSide(wb, 'proposed', def, analysis, a)
  writeSummary(wb, def, analysis, a, baseline, proposed)
  if (extras.sufficiency) writeSufficiencySheet(wb, extras.sufficiency)
  if (extras.forecast) writeForecastSheet(wb, extras.forecast)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
