import type { Context } from '../context'
import { mustSeeChildren } from '../people/roles'
import { excelDate, ukDateFormat } from '../util/excel'
import type { Writable } from 'node:stream'
import {
  carePlanLabels,
  trackerFlagLabels,
  trackerFlags,
  driftCodes,
  driftLabel,
  groupLabels,
  legalStatusGroups,
  permanenceStatuses,
  statusLabels,
  type DriftThresholds,
  type TrackerGridFilters,
  type TrackerSort,
  type TrackerView
} from '../../../shared/contract/tracker'
import {
  addGenerated,
  addListSheet,
  addSummarySheet,
  demoWarning,
  openListWorkbook,
  provenanceOf,
  styleHeader,
  workbookBuffer,
  writeWorkbookFile,
  type ListColumn,
  type Provenance
} from '../io/list-workbook'
import { audit } from '../store/audit'
import type { Db } from '../store/db'
import { daysBetween } from '../util/days'
import { trackerMatchingChildren } from './page'
import { inKeyOrder } from '../store/ordered-keys'
import { trackerView } from './view'

type TrackerRow = TrackerView['rows'][number]

/** The Children sheet's columns for a view on `asOf`, its drift flags worded with `thresholds`. */
export const trackerColumns = (asOf: string, thresholds: DriftThresholds): ListColumn<TrackerRow>[] => [
  { header: 'Child ID', width: 14, value: (r) => r.childId },
  { header: 'Name', width: 26, value: (r) => r.name },
  { header: 'Age', width: 6, value: (r) => r.age },
  { header: 'Legal status (LS)', width: 10, value: (r) => r.ls },
  { header: 'Legal status group', width: 18, value: (r) => groupLabels[r.legalStatusGroup] },
  { header: 'Legal status since', width: 12, value: (r) => excelDate(r.legalStatusSince), date: true },
  { header: 'Placement (PLACE)', width: 10, value: (r) => r.placement },
  { header: 'Provider', width: 10, value: (r) => r.placementProvider },
  { header: 'Carer', width: 34, value: (r) => r.carer, wrap: true },
  { header: 'Entered care', width: 12, value: (r) => excelDate(r.periodStart), date: true },
  { header: 'Placement since', width: 12, value: (r) => excelDate(r.placementStart), date: true },
  { header: 'Days in placement', width: 10, value: (r) => (r.placementStart === null ? null : daysBetween(r.placementStart, asOf)) },
  { header: 'Placements in last 12 months', width: 12, value: (r) => r.placementsLast12Months },
  { header: 'Permanence status', width: 12, value: (r) => statusLabels[r.status] },
  { header: 'Decision date', width: 12, value: (r) => excelDate(r.decisionDate), date: true },
  { header: 'Last panel consideration', width: 12, value: (r) => excelDate(r.lastPanelDate), date: true },
  { header: 'Last oversight', width: 12, value: (r) => excelDate(r.lastOversightDate), date: true },
  { header: 'Next action', width: 40, value: (r) => r.nextAction, wrap: true },
  { header: 'Next action due', width: 12, value: (r) => excelDate(r.nextActionDue), date: true },
  { header: 'Drift', width: 40, value: (r) => r.drift.map((code) => driftLabel(code, thresholds)).join('; ') || null, wrap: true },
  { header: 'With carers since', width: 12, value: (r) => excelDate(r.carersSince), date: true },
  { header: 'Care plan', width: 22, value: (r) => (r.carePlan === null ? null : carePlanLabels[r.carePlan]) },
  { header: 'Care plan confirmed', width: 12, value: (r) => excelDate(r.carePlanConfirmed), date: true },
  { header: 'Carers, plan, placed with parents, oversight', width: 40, value: (r) => r.flags.map((f) => trackerFlagLabels[f]).join('; ') || null, wrap: true }
]

export interface TrackerWorkbookMeta extends Provenance {
  /** Set when the Children sheet holds only the rows matching the page's filters: what they were, in words. */
  filtered?: string
}

/** What the tracker page narrowed its grid to, and the order it shows them in; the export then holds those rows in that order. */
export interface TrackerNarrowing {
  filters?: TrackerGridFilters
  search?: string
  sort?: TrackerSort
}

const narrowed = (n: TrackerNarrowing): boolean => Boolean(n.search || Object.values(n.filters ?? {}).some((v) => v?.length))

/** The page's filters and search in words, as the workbook's Summary states them. */
export function narrowingWords(n: TrackerNarrowing, thresholds: DriftThresholds): string {
  const f = n.filters ?? {}
  const parts = [
    f.statuses?.length && `permanence status ${f.statuses.map((s) => statusLabels[s]).join(' or ')}`,
    f.groups?.length && `legal status ${f.groups.map((g) => groupLabels[g]).join(' or ')}`,
    f.drift?.length && `drifting: ${f.drift.map((d) => driftLabel(d, thresholds)).join(' or ')}`,
    f.flags?.length && f.flags.map((x) => trackerFlagLabels[x]).join(' and '),
    n.search && `matching “${n.search}”`
  ].filter((p): p is string => typeof p === 'string' && p !== '')
  return `children with ${parts.join('; ')}`
}

/** The view on `asOf`, its rows narrowed and ordered as the grid's are (the counts stay the day's). */
async function exportedView(db: Db, asOf: string, narrowing: TrackerNarrowing): Promise<TrackerView> {
  const view = await trackerView(db, asOf)
  // The view's rows are in the grid's default order (by child ID).
  if (!narrowed(narrowing) && !narrowing.sort?.length) return view
  const matching = await trackerMatchingChildren(db, { asOf, filters: narrowing.filters ?? {}, search: narrowing.search ?? '', sort: narrowing.sort ?? [] })
  return { ...view, rows: inKeyOrder(matching, view.rows, (r) => r.childId) }
}

/**
 * Writes the tracker as a workbook with exceljs's streaming writer, so a 100,000-row
 * export never holds the sheet in memory: a Summary sheet with the counts and a
 * Children sheet (frozen header and ID/name columns, filters, real dates). Every text
 * cell goes through safeCell.
 */
export async function writeTrackerWorkbook(view: TrackerView, meta: TrackerWorkbookMeta, stream: Writable): Promise<void> {
  const { counts, thresholds } = view
  const book = await openListWorkbook(stream, meta.generatedAt)

  // Wide enough for the longest drift flag, the time generated and the no-decision heading on one line.
  const summary = addSummarySheet(book, 'Permanence tracker', [58, 18, 36])
  const { add } = summary
  add(['As of', excelDate(counts.asOf)]).getCell(2).numFmt = ukDateFormat
  add(['Looked after', counts.lookedAfter])
  if (meta.filtered) add([`Children sheet: only ${meta.filtered}`, view.rows.length])
  if (meta.demo) add([demoWarning])
  add([])
  styleHeader(add(['Legal status group', 'Looked after', 'No panel decision and no oversight']))
  for (const g of legalStatusGroups) add([groupLabels[g], counts.byLegalStatus[g], counts.noDecisionByLegalStatus[g]])
  add([])
  styleHeader(add(['Permanence status', 'Children']))
  const statusCount = {
    agreed: counts.permanence.agreed,
    not_agreed: counts.permanence.notAgreed,
    oversight: counts.permanence.oversight,
    none: counts.permanence.none
  }
  for (const s of permanenceStatuses) add([statusLabels[s], statusCount[s]])
  add([])
  styleHeader(add(['Drift flag', 'Children']))
  for (const code of driftCodes) add([driftLabel(code, thresholds), view.driftCounts[code]])
  add([])
  styleHeader(add(['Carers, plans and placed with parents', 'Children']))
  for (const flag of trackerFlags) add([trackerFlagLabels[flag], view.flagCounts[flag]])
  add([])
  addGenerated(add, meta)
  summary.commit()

  // A heading row of three lines, for the wrapped headings of the narrow columns ('Placements in
  // last 12 months'): a row grows to fit its wrapped text only when edited.
  const sheet = addListSheet(book, 'Children', trackerColumns(counts.asOf, thresholds), { titleColumns: 2, pagesWide: 3, headerHeight: 45 })
  for (const row of view.rows) sheet.add(row)
  sheet.commit()
  await book.commit()
}

/**
 * Writes the tracker workbook for `asOf` to `out` (a file, written beside it and
 * renamed so a failed export never leaves half a workbook) and records the export of
 * children's data in the audit log. Refused to a commissioner.
 */
export async function exportTrackerToFile(ctx: Context, asOf: string, out: string): Promise<{ rows: number }> {
  await mustSeeChildren(ctx, 'the tracker')
  const { db, user: who } = ctx
  const view = await exportedView(db, asOf, {})
  const meta = await provenanceOf(ctx)
  await writeWorkbookFile(out, async (stream) => await writeTrackerWorkbook(view, meta, stream))
  await audit(db, { who, action: 'tracker.export', entity: 'tracker', entityId: asOf, after: { file: out, rows: view.rows.length, withChildren: true } })
  return { rows: view.rows.length }
}

/** The same workbook in memory, for the app's download button. Refused to a commissioner. */
export async function exportTracker(ctx: Context, asOf: string, narrowing: TrackerNarrowing = {}): Promise<{ fileName: string; buffer: Buffer; rows: number }> {
  await mustSeeChildren(ctx, 'the tracker')
  const { db, user: who } = ctx
  const view = await exportedView(db, asOf, narrowing)
  const filtered = narrowed(narrowing)
  const meta: TrackerWorkbookMeta = {
    ...(await provenanceOf(ctx)),
    ...(filtered ? { filtered: narrowingWords(narrowing, view.thresholds) } : {})
  }
  const buffer = await workbookBuffer(async (stream) => await writeTrackerWorkbook(view, meta, stream))
  const fileName = `permanence-tracker-${asOf}.xlsx`
  await audit(db, {
    who,
    action: 'tracker.export',
    entity: 'tracker',
    entityId: asOf,
    after: {
      fileName,
      rows: view.rows.length,
      withChildren: true,
      to: 'download',
      ...(filtered ? { filters: narrowing.filters ?? {}, search: narrowing.search ?? '' } : {}),
      ...(narrowing.sort?.length ? { sort: narrowing.sort } : {})
    }
  })
  return { fileName, buffer, rows: view.rows.length }
}
