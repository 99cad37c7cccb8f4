import type { Writable } from 'node:stream'
import type { ChildSummary } from '../../../shared/api'
import { childrenColumnLabels, childrenListWords, type ChildrenListInput } from '../../../shared/contract/children'
import type { GridWorkbook } from '../../../shared/contract/paging'
import type { Context } from '../context'
import {
  addGenerated,
  addListSheet,
  addSummarySheet,
  demoWarning,
  openListWorkbook,
  provenanceOf,
  workbookBuffer,
  writeWorkbookFile,
  type ListColumn,
  type Provenance
} from '../io/list-workbook'
import { mustSeeChildren } from '../people/roles'
import { auditChange } from '../store/audit'
import type { Db } from '../store/db'
import { excelDate } from '../util/excel'
import { childrenInGridOrder } from './queries'

const label = childrenColumnLabels

/**
 * The Children sheet's columns: the grid's, headed as it heads them, the 903 codes as it
 * shows them; each heading fits on one line (and none is 9 wide, exceljs's default width,
 * which it leaves out of the file).
 */
const childrenColumns: ListColumn<ChildSummary>[] = [
  { header: label.childId, width: 14, value: (c) => c.childId },
  { header: label.name, width: 28, value: (c) => c.name || null },
  { header: label.sex, width: 6, value: (c) => c.sex },
  { header: label.dob, width: 13, value: (c) => excelDate(c.dob), date: true },
  { header: label.lookedAfter, width: 12, value: (c) => (c.lookedAfter ? 'Yes' : 'No') },
  { header: label.legalStatus, width: 12, value: (c) => c.legalStatus },
  { header: label.placement, width: 11, value: (c) => c.placement },
  { header: label.placementProvider, width: 10, value: (c) => c.placementProvider },
  { header: label.carer, width: 36, value: (c) => c.carer, wrap: true },
  { header: label.episodes, width: 10, value: (c) => c.episodes }
]

/** The grid's order in words: "Date of birth, descending"; its default is by name. */
function orderWords(sort: ChildrenListInput['sort']): string {
  if (!sort.length) return `${label.name} (family name, then given name), ascending`
  return sort.map((t) => `${label[t.column]}, ${t.direction === 'asc' ? 'ascending' : 'descending'}`).join('; then ')
}

/**
 * Writes every child the grid holds, in its order, as a workbook through exceljs's
 * streaming writer: a Summary sheet (which children, in what order, how many, who and
 * when) and a Children sheet of the grid's columns. The children come from one cursor
 * and go out as they come, so 100,000 of them are never held. Returns how many.
 */
async function writeChildrenWorkbook(db: Db, input: ChildrenListInput, meta: Provenance, stream: Writable): Promise<number> {
  const children = childrenInGridOrder(db, input)
  try {
    // The first child carries the count, which the Summary, written first, states.
    let next = await children.next()
    const book = await openListWorkbook(stream, meta.generatedAt)
    const summary = addSummarySheet(book, 'Children', [22, 60])
    summary.add(['Which children', childrenListWords(Boolean(input.filters.lookedAfterOnly), input.search)])
    summary.add(['In the order of', orderWords(input.sort)])
    summary.add(['Number of children', next.done ? 0 : next.value.total])
    if (meta.demo) summary.add([demoWarning])
    summary.add([])
    addGenerated(summary.add, meta)
    summary.commit()
    const sheet = addListSheet(book, 'Children', childrenColumns, { titleColumns: 2, pagesWide: 1 })
    let rows = 0
    while (!next.done) {
      sheet.add(next.value.child)
      rows++
      next = await children.next()
    }
    sheet.commit()
    await book.commit()
    return rows
  } finally {
    // Closes the cursor when the workbook failed part way.
    await children.return(undefined)
  }
}

/** What the audit log records of a children export: which children, in what order, how many, where to. */
const exported = (input: ChildrenListInput, rows: number, where: Record<string, string>) => ({
  action: 'children.export',
  entity: 'children',
  entityId: null,
  after: { ...where, rows, withChildren: true, filters: input.filters, search: input.search, ...(input.sort.length ? { sort: input.sort } : {}) }
})

/** The children's workbook in memory, for the page's download button; audited, and refused to a commissioner. */
export async function exportChildren(ctx: Context, input: ChildrenListInput): Promise<GridWorkbook> {
  await mustSeeChildren(ctx, 'the list of children')
  const meta = await provenanceOf(ctx)
  let rows = 0
  const buffer = await workbookBuffer(async (stream) => {
    rows = await writeChildrenWorkbook(ctx.db, input, meta, stream)
  })
  const fileName = `permanence-children-${ctx.today()}.xlsx`
  await auditChange(ctx, exported(input, rows, { fileName, to: 'download' }))
  return { fileName, base64: buffer.toString('base64'), rows }
}

/** The same workbook written to `out` (beside it first, then renamed), for the CLI; audited, and refused to a commissioner. */
export async function exportChildrenToFile(ctx: Context, input: ChildrenListInput, out: string): Promise<{ rows: number }> {
  await mustSeeChildren(ctx, 'the list of children')
  const meta = await provenanceOf(ctx)
  let rows = 0
  await writeWorkbookFile(out, async (stream) => {
    rows = await writeChildrenWorkbook(ctx.db, input, meta, stream)
  })
  await auditChange(ctx, exported(input, rows, { file: out }))
  return { rows }
}
