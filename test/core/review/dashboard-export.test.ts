import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Context } from '../../../src/main/core/context'
import { cycleItems, openCycle } from '../../../src/main/core/review/cycles'
import { reviewDashboard } from '../../../src/main/core/review/dashboard'
import { exportCycle } from '../../../src/main/core/review/export'
import { itemDetail } from '../../../src/main/core/review/detail'
import { setCohortDefinitions } from '../../../src/main/core/review/definitions'
import { recordOutcome } from '../../../src/main/core/review/outcomes'
import { recordDecision } from '../../../src/main/core/panel/decisions'
import { addAgendaItem, createMeeting } from '../../../src/main/core/panel/meetings'
import { trackerCounts, trackerRows } from '../../../src/main/core/tracker/queries'
import { demoContext } from '../../helpers/tmp'
import { firstOf, itemAt } from '../../helpers/defined'
import { cohortLabels, statusLabels } from '../../../src/shared/api'

const start = '2020-03-31'

/** A copy of the demo cohort on the review's start date. */
const cohort = (): Promise<Context> => demoContext({ asOf: start, lookedAfter: 150 })

describe('Head of Service dashboard', () => {
  it('trends the tracker counts by month end up to the date', async () => {
    const ctx = await cohort()
    const d = await reviewDashboard(ctx, { months: 6 })
    expect(d.asOf).toBe(start)
    expect(d.trend.map((t) => t.asOf)).toEqual(['2019-10-31', '2019-11-30', '2019-12-31', '2020-01-31', '2020-02-29', '2020-03-31'])
    expect(d.trend.at(-1)).toEqual(await trackerCounts(ctx.db, start))
    expect(d.trend[0]).toEqual(await trackerCounts(ctx.db, '2019-10-31'))
    expect(d.cycle).toBeNull()
  })

  it('names the same children as every looked-after row would, on dates with many or few waiting', async () => {
    const ctx = await cohort()
    const waiting: number[] = []
    for (const asOf of [start, '2019-06-30', '2012-06-30']) {
      const rows = await trackerRows(ctx.db, asOf)
      const waits = rows
        .filter((r) => r.status !== 'agreed' && (r.legalStatusGroup === 'FCO' || r.legalStatusGroup === 'S20'))
        .map((r) => ({ id: r.childId, since: r.legalStatusSince }))
        .sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id))
      waiting.push(waits.length)
      const d = await reviewDashboard(ctx, { asOf })
      expect(d.longestWaits.map((w) => w.childId)).toEqual(waits.slice(0, 15).map((w) => w.id))
      for (const w of d.longestWaits) expect(w).toMatchObject({ name: rows.find((r) => r.childId === w.childId)!.name, daysWaiting: expect.any(Number) })
      const underOversight = rows.filter((r) => r.status === 'oversight')
      expect(d.oversight.total).toBe(underOversight.length)
      for (const o of d.overdueOversight) expect(underOversight.find((r) => r.childId === o.childId)?.lastOversightDate).toBe(o.lastOversightDate)
    }
    // More children waiting than the list shows, and fewer.
    expect(Math.max(...waiting)).toBeGreaterThan(15)
    expect(Math.min(...waiting)).toBeLessThan(15)
  })

  it('lists the FCO and s20 children waiting longest, longest first, none with an agreed decision', async () => {
    const ctx = await cohort()
    const { longestWaits } = await reviewDashboard(ctx, {})
    expect(longestWaits.length).toBeGreaterThan(5)
    const days = longestWaits.map((w) => w.daysWaiting)
    expect(days).toEqual([...days].sort((a, b) => b - a))
    const rows = new Map((await trackerRows(ctx.db, start)).map((r) => [r.childId, r]))
    for (const w of longestWaits) {
      expect(['FCO', 'S20']).toContain(rows.get(w.childId)!.legalStatusGroup)
      expect(rows.get(w.childId)!.status).not.toBe('agreed')
    }
    // Nobody left out waited longer than the last one shown.
    const longer = [...rows.values()].filter(
      (r) => r.status !== 'agreed' && ['FCO', 'S20'].includes(r.legalStatusGroup) && r.legalStatusSince < longestWaits.at(-1)!.legalStatusSince
    )
    expect(longer.every((r) => longestWaits.some((w) => w.childId === r.childId))).toBe(true)
  })

  it('lists oversight whose next review date has passed, and drops it once the review writes new oversight', async () => {
    const ctx = await cohort()
    const { id } = await openCycle(ctx, { startDate: start })
    const overdue = (await reviewDashboard(ctx, {})).overdueOversight
    for (const o of overdue) expect(o.nextReviewDate < start).toBe(true)
    const lapsed = (await cycleItems(ctx, id)).items.find((i) => overdue.some((o) => o.childId === i.childId))
    expect(lapsed).toBeDefined()
    await recordOutcome(ctx, { itemId: lapsed!.id, outcome: 'plan_confirmed', note: 'Oversight renewed', nextReviewDate: '2020-06-30' })
    const after = await reviewDashboard(ctx, {})
    expect(after.overdueOversight.map((o) => o.childId)).toEqual(overdue.map((o) => o.childId).filter((c) => c !== lapsed!.childId))
    expect(after.cycle).toMatchObject({ id, progress: { reviewed: 1 } })
    expect(after.oversight).toEqual({
      total: (await trackerRows(ctx.db, start)).filter((r) => r.status === 'oversight').length,
      reviewOverdue: after.overdueOversight.length
    })
  })

  it('takes the latest oversight wherever recorded: oversight given at panel today is not overdue (issue 13)', async () => {
    const ctx = await cohort()
    const lapsed = firstOf((await reviewDashboard(ctx, {})).overdueOversight)
    expect(lapsed).toBeDefined()
    const meeting = await addAgendaItem(ctx, { meetingId: (await createMeeting(ctx, { date: start, chair: 'Ada Chair' })).id, childId: lapsed.childId })
    await recordDecision(ctx, {
      itemId: firstOf(meeting.agenda).id,
      outcome: 'oversight',
      returnDate: '2020-06-30',
      reasons: 'Plan tracked by the team manager'
    })
    const after = await reviewDashboard(ctx, {})
    expect(after.overdueOversight.some((o) => o.childId === lapsed.childId)).toBe(false)
    expect(after.oversight.reviewOverdue).toBe(after.overdueOversight.length)
    // And once that review date passes, the panel's own oversight is what is overdue.
    const later = (await reviewDashboard(ctx, { asOf: '2020-07-15' })).overdueOversight.find((o) => o.childId === lapsed.childId)
    expect(later).toMatchObject({ lastOversightDate: start, nextReviewDate: '2020-06-30', manager: 'Permanence Panel (chair Ada Chair)' })
    // The review screen's oversight notes start with the panel's (a cohort taking every child, to review this one).
    const all = ['agreed', 'not_agreed', 'oversight', 'none'] as const
    await setCohortDefinitions(ctx.db, ctx.user, [
      {
        cohort: 'FCO',
        label: 'Everyone',
        legalStatuses: ['C1', 'C2', 'V2', 'E1', 'D1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3'],
        statuses: [...all],
        placements: []
      },
      { cohort: 'S20', label: 'None left', legalStatuses: ['V2'], statuses: ['none'], placements: [] },
      { cohort: 'PWP', label: 'None left', legalStatuses: ['C1'], statuses: ['none'], placements: ['P1'] }
    ])
    const { id } = await openCycle(ctx, { startDate: start })
    const item = (await cycleItems(ctx, id)).items.find((i) => i.childId === lapsed.childId)!
    expect((await itemDetail(ctx, item.id)).oversightNotes[0]).toMatchObject({ date: start, source: 'panel', nextReviewDate: '2020-06-30' })
  })
})

describe('cycle export (xlsx)', () => {
  it('writes a summary and one row per child, escaping formulas in free text', async () => {
    const ctx = await cohort()
    const { id } = await openCycle(ctx, { startDate: start })
    const items = (await cycleItems(ctx, id)).items
    await recordOutcome(ctx, { itemId: firstOf(items).id, outcome: 'other', note: '=HYPERLINK("http://evil.example","click")' })
    await recordOutcome(ctx, { itemId: itemAt(items, 1).id, outcome: 'refer_kdm', note: 'Legal advice on s20 = appropriate?' })
    const file = await exportCycle(ctx, id)
    expect(file.fileName).toBe('head-of-service-review-2019-20-Q4.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer)
    const summary = book.getWorksheet('Summary')!
    // Dates a UK reader reads, that still sort as dates; words where the screen has words.
    expect(summary.getCell('B2').value).toEqual(new Date(`${start}T00:00:00Z`))
    expect(summary.getCell('B2').numFmt).toBe('dd/mm/yyyy')
    expect(summary.getCell('B3').value).toBe('Open')
    const allRow = summary.getColumn(1).values.indexOf('All')
    expect(summary.getRow(allRow).values).toEqual([undefined, 'All', items.length, 2])

    const sheet = book.getWorksheet('Children')!
    expect(sheet.rowCount).toBe(items.length + 1)
    const header = sheet.getRow(1).values as string[]
    const col = (name: string): number => header.indexOf(name)
    const first = sheet.getRow(2)
    expect(first.getCell(col('Child ID')).value).toBe(firstOf(items).childId)
    expect(first.getCell(col('Note')).value).toBe(`'=HYPERLINK("http://evil.example","click")`)
    expect(first.getCell(col('Note')).formula).toBeUndefined()
    expect(first.getCell(col('Outcome')).value).toBe('Other')
    const one = firstOf(items)
    expect(first.getCell(col('Cohort')).value).toBe(cohortLabels[one.cohort])
    expect(first.getCell(col('Legal status at snapshot')).value).toMatch(new RegExp(`^[A-Z][a-z].* \\(${one.snapshot.ls}\\)$`))
    expect(first.getCell(col('Permanence status at snapshot')).value).toBe(statusLabels[one.snapshot.status])
    expect(first.getCell(col('Legal status since')).value).toEqual(new Date(`${one.snapshot.legalStatusSince}T00:00:00Z`))
    expect(first.getCell(col('Legal status since')).numFmt).toBe('dd/mm/yyyy')
    const reviewed = firstOf((await cycleItems(ctx, id)).items).reviewDate!
    expect(first.getCell(col('Review date')).value).toEqual(new Date(`${reviewed}T00:00:00Z`))
    expect(sheet.getRow(3).getCell(col('Note')).value).toBe('Legal advice on s20 = appropriate?')
    expect(sheet.getRow(4).getCell(col('Outcome')).value).toBeNull()
    // The cohort definitions in force are printed with the figures.
    const text = (summary.getColumn(1).values as unknown[]).filter((v): v is string => typeof v === 'string')
    expect(text).toContain('Cohort definitions in force (each child in the first it meets)')
    expect(text).toContain('FCO: Full care order, no decision and no oversight — legal status C2; permanence None; placement any')
    expect(text).toContain(
      'PWP: Interim or full care order, placed with parents — legal status C1/C2; permanence Agreed/Not agreed/Oversight/None; placement P1'
    )
  })
})
