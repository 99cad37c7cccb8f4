import { excelDate, loadExcelJS, printSetup, ukDateFormat, wrapListColumns } from '../util/excel'
import { cohortLabels, reviewCohorts, reviewOutcomeLabels, reviewOutcomes, statusLabels, type ReviewWorkbook } from '../../../shared/api'
import { codeWithMeaning } from '../../../shared/ssda903-codes'
import type { Context } from '../context'
import { cycleItems } from './cycles'
import { safeCell } from '../io/safe-cell'
import { auditExport } from '../store/audit'
import { describeDefinition } from './definitions'
import { cycleCorrections } from './detail'
import { ukDate } from '../../../shared/days'
import { countOf } from '../../../shared/plural'
import { mustSeeChildren } from '../people/roles'

/**
 * The cycle as a workbook for the quarterly report: a summary sheet (progress by
 * cohort, outcomes) and one row per child. Free text is escaped against formula
 * injection. Dates are real Excel dates shown DD/MM/YYYY (they sort, and never shift with
 * the locale); codes are given with their meaning, as on screen.
 */
export async function exportCycle(ctx: Context, cycleId: number, where = 'download'): Promise<ReviewWorkbook> {
  await mustSeeChildren(ctx, 'the review workbook')
  const { cycle, items } = await cycleItems(ctx, cycleId)
  const corrections = await cycleCorrections(ctx.db, cycleId)
  const book = new (await loadExcelJS()).Workbook()
  book.creator = 'Permanence Desk'
  book.created = ctx.clock.now()

  const summary = book.addWorksheet('Summary', { pageSetup: printSetup({ portrait: true }) })
  summary.columns = [{ width: 42 }, { width: 14 }, { width: 14 }]
  summary.addRows([
    ['Head of Service review', safeCell(cycle.label)],
    ['Cohort snapshot date', excelDate(cycle.startDate)],
    ['Status', cycle.status === 'open' ? 'Open' : 'Closed'],
    ['Opened by', safeCell(cycle.openedBy)],
    [],
    ['Cohort', 'Children', 'Reviewed'],
    ...reviewCohorts.map((c) => [
      safeCell(cycle.cohortDefinitions.find((d) => d.cohort === c)?.label ?? c),
      cycle.byCohort[c].total,
      cycle.byCohort[c].reviewed
    ]),
    ['All', cycle.progress.total, cycle.progress.reviewed],
    [],
    ['Outcome', 'Children'],
    ...reviewOutcomes.map((o) => [reviewOutcomeLabels[o], cycle.byOutcome[o]]),
    ['Not yet reviewed', cycle.progress.total - cycle.progress.reviewed],
    [],
    ['Order or care changed since the snapshot', cycle.changed],
    [],
    ['Cohort definitions in force (each child in the first it meets)'],
    ...cycle.cohortDefinitions.map((d) => [safeCell(describeDefinition(d))])
  ])
  for (const r of [1, 6, 12, 17 + reviewOutcomes.length]) summary.getRow(r).font = { bold: true }
  summary.getCell('B2').numFmt = ukDateFormat

  const sheet = book.addWorksheet('Children', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
    pageSetup: printSetup({ headerRows: '1:1', titleColumns: 'A:B', pagesWide: 3 })
  })
  sheet.columns = [
    { header: 'Child ID', key: 'childId', width: 14 },
    { header: 'Name', key: 'name', width: 24 },
    { header: 'Cohort', key: 'cohort', width: 20 },
    { header: 'Legal status at snapshot', key: 'ls', width: 24 },
    { header: 'Legal status since', key: 'since', width: 14, style: { numFmt: ukDateFormat } },
    { header: 'Days on order at snapshot', key: 'days', width: 12 },
    { header: 'Placement', key: 'placement', width: 30 },
    { header: 'Carer', key: 'carer', width: 32 },
    { header: 'Placements in last 12 months', key: 'moves', width: 12 },
    { header: 'Permanence status at snapshot', key: 'status', width: 14 },
    { header: 'Last panel', key: 'lastPanel', width: 12, style: { numFmt: ukDateFormat } },
    { header: 'Last oversight', key: 'lastOversight', width: 12, style: { numFmt: ukDateFormat } },
    { header: 'Changed since snapshot', key: 'changes', width: 40 },
    { header: 'Outcome', key: 'outcome', width: 30 },
    { header: 'Note', key: 'note', width: 50 },
    { header: 'Review date', key: 'reviewDate', width: 12, style: { numFmt: ukDateFormat } },
    { header: 'Next review', key: 'nextReviewDate', width: 12, style: { numFmt: ukDateFormat } },
    { header: 'Reviewed by', key: 'reviewedBy', width: 20 },
    { header: 'Legal permanence secure? (s20)', key: 'secure', width: 14 },
    { header: 'Outcome corrected', key: 'corrected', width: 60 }
  ]
  sheet.getRow(1).font = { bold: true }
  for (const i of items) {
    sheet.addRow({
      childId: safeCell(i.childId),
      name: safeCell(i.name),
      cohort: cohortLabels[i.cohort],
      ls: codeWithMeaning('LS', i.snapshot.ls) || null,
      since: excelDate(i.snapshot.legalStatusSince),
      days: i.daysOnOrder,
      placement: codeWithMeaning('PLACE', i.snapshot.placement) || null,
      carer: safeCell(i.snapshot.carer),
      moves: i.snapshot.placementsLast12Months,
      status: statusLabels[i.snapshot.status],
      lastPanel: excelDate(i.snapshot.lastPanelDate),
      lastOversight: excelDate(i.snapshot.lastOversightDate),
      changes: i.changes.map((c) => c.detail).join('; ') || null,
      outcome: i.outcome ? reviewOutcomeLabels[i.outcome] : null,
      note: safeCell(i.outcomeNote),
      reviewDate: excelDate(i.reviewDate),
      nextReviewDate: excelDate(i.nextReviewDate),
      reviewedBy: safeCell(i.reviewedBy),
      secure: i.legalPermanenceSecure === null ? null : i.legalPermanenceSecure ? 'yes' : 'no',
      corrected: safeCell(
        (corrections.get(i.id) ?? []).map((c) => `by ${c.by} on ${ukDate(c.at.slice(0, 10))}, was ${reviewOutcomeLabels[c.was]}: ${c.reason}`).join('; ') ||
          null
      )
    })
  }
  sheet.autoFilter = { from: 'A1', to: 'T1' }
  // The reviewer's note, what changed and a correction run to several lines: wrapped in their columns, each row as tall as its longest.
  wrapListColumns(sheet, ['changes', 'note', 'corrected'])
  sheet.getRow(1).height = 45
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  const fileName = `head-of-service-review-${cycle.label.replace(/[^A-Za-z0-9-]+/g, '-')}.xlsx`
  await auditExport(ctx, {
    action: 'review.export',
    entity: 'review_cycle',
    entityId: cycleId,
    what: `${fileName}, ${countOf(items.length, 'child', 'children')}`,
    where
  })
  return {
    fileName,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: buffer.toString('base64')
  }
}
