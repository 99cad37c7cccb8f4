import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Context } from '../../../src/main/core/context'
import { dispatch } from '../../../src/main/core/dispatch'
import { closeCycle, cycleItems, openCycle } from '../../../src/main/core/review/cycles'
import { itemDetail } from '../../../src/main/core/review/detail'
import { exportCycle } from '../../../src/main/core/review/export'
import { ukDate } from '../../../src/shared/days'
import { correctOutcome, recordOutcome } from '../../../src/main/core/review/outcomes'
import { trackerCountsOn, trackerRows } from '../../../src/main/core/tracker/queries'
import type { AgendaItem, ReviewItemRow } from '../../../src/shared/api'
import { addAgendaItem, createMeeting, getMeeting } from '../../../src/main/core/panel/meetings'
import { secondDesk } from '../../helpers/second-desk'
import { demoContext } from '../../helpers/tmp'
import { refusal } from '../../helpers/refusal'

const start = '2020-03-31'
const day = '2020-04-14'

/** The demo cohort on the review's start date, a cycle open on it and today a fortnight later. */
async function openReview(): Promise<{ ctx: Context; cycleId: number; items: ReviewItemRow[] }> {
  const ctx = await demoContext({ asOf: start, lookedAfter: 150 })
  const { id } = await openCycle(ctx, { startDate: start })
  ctx.today = () => day
  return { ctx, cycleId: id, items: (await cycleItems(ctx, id)).items }
}

/** An FCO child with neither decision nor oversight: the tracker counts them 'none' until oversight is recorded. */
const noOversight = (items: ReviewItemRow[]): ReviewItemRow => {
  const item = items.find((i) => i.cohort === 'FCO' && i.snapshot.status === 'none')
  if (!item) throw new Error('demo has no FCO child without oversight')
  return item
}

const confirmed = { outcome: 'plan_confirmed' as const, note: 'Long-term fostering confirmed', reviewDate: day, nextReviewDate: '2020-07-14' }

const audited = async (ctx: Context, action: string): Promise<{ who: string; entity_id: string; before: unknown; after: Record<string, unknown> }[]> =>
  (
    (await ctx.db.prepare('SELECT who, entity_id, before, after FROM audit_log WHERE action = ? ORDER BY id').all(action)) as {
      who: string
      entity_id: string
      before: string | null
      after: string
    }[]
  ).map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: JSON.parse(r.after) as Record<string, unknown> }))

const reviewEntries = async (ctx: Context, childId: string): Promise<Record<string, unknown>[]> =>
  (await ctx.db.prepare("SELECT * FROM oversight_entry WHERE child_id = ? AND source = 'review'").all(childId)) as Record<string, unknown>[]

const statusOn = async (ctx: Context, childId: string): Promise<string | undefined> => (await trackerRows(ctx.db, day, { childId }))[0]?.status

describe('correcting a recorded review outcome', () => {
  it('replaces the outcome on the item, and the audit log keeps it before and after, who corrected it and why', async () => {
    const { ctx, cycleId, items } = await openReview()
    const item = noOversight(items)
    await recordOutcome(ctx, { itemId: item.id, outcome: 'refer_panel', note: 'Carers ready' })
    const other = await secondDesk(ctx, 'hal_hos')
    other.today = () => day

    const corrected = await correctOutcome(other, {
      itemId: item.id,
      outcome: 'other',
      note: 'Await the sibling assessment',
      correctionReason: '  Wrong child: this one waits for the assessment  ',
      expectedVersion: 2
    })
    expect(corrected).toMatchObject({ outcome: 'other', outcomeNote: 'Await the sibling assessment', reviewDate: day, reviewedBy: 'hal_hos', version: 3 })
    // The panel's agenda suggestions read the referral from the item: it is gone.
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM review_item WHERE outcome = 'refer_panel'").pluck().get()).toBe(0)

    const [logged, ...more] = await audited(ctx, 'review.outcome.correct')
    expect(more).toEqual([])
    expect(logged).toMatchObject({
      who: 'hal_hos',
      entity_id: String(item.id),
      before: { outcome: 'refer_panel', note: 'Carers ready', reviewDate: day, reviewedBy: 'tester' },
      after: {
        outcome: 'other',
        note: 'Await the sibling assessment',
        reviewedBy: 'hal_hos',
        correctionReason: 'Wrong child: this one waits for the assessment'
      }
    })
    const detail = await itemDetail(ctx, item.id)
    expect(detail.corrections).toEqual([
      { by: 'hal_hos', at: expect.any(String), reason: 'Wrong child: this one waits for the assessment', was: 'refer_panel' }
    ])
    // Through the one API too, where the reason is required by the contract.
    expect(
      await dispatch(ctx, 'correctReviewOutcome', { itemId: item.id, outcome: 'refer_kdm', note: 'Is the order right?', correctionReason: 'Meant KDM' })
    ).toMatchObject({
      ok: true,
      value: { outcome: 'refer_kdm', version: 4 }
    })
    expect((await itemDetail(ctx, item.id)).corrections.map((c) => c.was)).toEqual(['other', 'refer_panel'])

    // The quarterly workbook says so too, on the child's row.
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from((await exportCycle(ctx, cycleId)).contentBase64, 'base64') as unknown as ArrayBuffer)
    const sheet = book.worksheets[1]!
    const heading = (sheet.getRow(1).values as unknown[]).indexOf('Outcome corrected')
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === item.childId)!
    const [latest, earlier] = (await itemDetail(ctx, item.id)).corrections.map((c) => ukDate(c.at.slice(0, 10)))
    expect(row.getCell(heading).value).toBe(
      `by ${ctx.user} on ${latest}, was Other: Meant KDM; by hal_hos on ${earlier}, was Refer to Permanence Panel: Wrong child: this one waits for the assessment`
    )
  })

  it('a referral corrected after the child was put on the agenda: the review shows the panel, the chair sees the correction until a decision', async () => {
    const { ctx, items } = await openReview()
    const [referred, other] = [noOversight(items), items.find((i) => i.cohort === 'S20')!]
    await recordOutcome(ctx, { itemId: referred.id, outcome: 'refer_panel', note: 'Carers ready' })
    const meeting = await createMeeting(ctx, { date: '2020-05-04', chair: 'Ada Chair' })
    await addAgendaItem(ctx, { meetingId: meeting.id, childId: referred.childId, reason: 'Referred to panel by the Head of Service review' })
    await addAgendaItem(ctx, { meetingId: meeting.id, childId: other.childId })
    expect((await itemDetail(ctx, referred.id)).onAgenda).toEqual([
      { meetingId: meeting.id, date: '2020-05-04', reason: 'Referred to panel by the Head of Service review' }
    ])
    const itemOf = async (childId: string): Promise<AgendaItem> => (await getMeeting(ctx, meeting.id)).agenda.find((i) => i.childId === childId)!
    expect((await itemOf(referred.childId)).referralWithdrawn).toBeNull()

    const hos = await secondDesk(ctx, 'hal_hos')
    hos.today = () => day
    await correctOutcome(hos, { itemId: referred.id, outcome: 'refer_kdm', note: 'Is a placement order needed?', correctionReason: 'Meant the KDM route' })
    expect(await itemOf(referred.childId)).toMatchObject({
      referralWithdrawn: {
        by: 'hal_hos',
        was: 'refer_panel',
        now: 'refer_kdm',
        reason: 'Meant the KDM route',
        itemId: referred.id,
        cycleLabel: expect.any(String)
      }
    })
    expect((await itemOf(other.childId)).referralWithdrawn).toBeNull()
    // Still on the agenda: the chair decides; the review page says where.
    expect((await itemDetail(ctx, referred.id)).onAgenda).toHaveLength(1)

    // Referred again: nothing to flag.
    await correctOutcome(hos, { itemId: referred.id, outcome: 'refer_panel', correctionReason: 'Panel after all' })
    expect((await itemOf(referred.childId)).referralWithdrawn).toBeNull()
  })

  it('refuses a correction without a reason, before any outcome, in a closed cycle, on a stale version or changing nothing; nothing changes', async () => {
    const { ctx, cycleId, items } = await openReview()
    const [first, second] = [items[0]!, items[1]!]
    await recordOutcome(ctx, { itemId: first.id, outcome: 'refer_panel' })
    const change = { itemId: first.id, outcome: 'other' as const, note: 'Not yet', correctionReason: 'Slip' }

    const blank = await refusal(async () => await correctOutcome(ctx, { ...change, correctionReason: '   ' }))
    expect(blank).toMatchObject({ code: 'invalid_input', fields: [{ path: 'correctionReason', label: 'Reason for the correction' }] })
    expect(await dispatch(ctx, 'correctReviewOutcome', { itemId: first.id, outcome: 'other', note: 'Not yet' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: [{ path: 'correctionReason' }] }
    })
    expect(await refusal(async () => await correctOutcome(ctx, { ...change, itemId: second.id }))).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/No outcome has been recorded .* record one instead/)
    })
    const stale = await refusal(async () => await correctOutcome(ctx, { ...change, expectedVersion: 1 }))
    expect(stale.code).toBe('conflict')
    expect(stale.message).toMatch(/^tester changed the review of .+ \(outcome/)
    expect(await refusal(async () => await correctOutcome(ctx, { ...change, outcome: 'refer_panel', note: undefined }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/changes nothing/)
    })
    await closeCycle(ctx, cycleId)
    expect(await refusal(async () => await correctOutcome(ctx, change))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/is closed/) })

    const rows = (await cycleItems(ctx, cycleId)).items
    expect(rows.find((i) => i.id === first.id)).toMatchObject({ outcome: 'refer_panel', outcomeNote: null, version: 2 })
    expect(rows.find((i) => i.id === second.id)).toMatchObject({ outcome: null, version: 1 })
    expect(await audited(ctx, 'review.outcome.correct')).toEqual([])
  })

  it('plan confirmed corrected to another outcome withdraws its oversight entry: the tracker no longer counts the child under oversight', async () => {
    const { ctx, items } = await openReview()
    const item = noOversight(items)
    const recorded = await recordOutcome(ctx, { itemId: item.id, ...confirmed })
    const [entry] = await reviewEntries(ctx, item.childId)
    expect(await statusOn(ctx, item.childId)).toBe('oversight')
    const counted = (await trackerCountsOn(ctx.db, [day]))[0]!.permanence

    await correctOutcome(ctx, {
      itemId: item.id,
      outcome: 'refer_panel',
      note: 'Ready for panel',
      correctionReason: 'Chose the wrong outcome',
      expectedVersion: recorded.version
    })
    expect(await reviewEntries(ctx, item.childId)).toEqual([])
    expect(await ctx.db.prepare('SELECT oversight_entry_id FROM review_item WHERE id = ?').pluck().get(item.id)).toBeNull()
    expect(await statusOn(ctx, item.childId)).toBe('none')
    expect((await trackerCountsOn(ctx.db, [day]))[0]!.permanence).toMatchObject({ oversight: counted.oversight - 1, none: counted.none + 1 })
    expect((await itemDetail(ctx, item.id)).oversightNotes.some((o) => o.source === 'review')).toBe(false)
    expect(await audited(ctx, 'oversight.withdraw')).toEqual([
      {
        who: 'tester',
        entity_id: String(entry!.id),
        before: expect.objectContaining({ child_id: item.childId, note: confirmed.note, source: 'review' }),
        after: { withdrawn: true, correctionReason: 'Chose the wrong outcome', reviewItemId: item.id }
      }
    ])
  })

  it('another outcome corrected to plan confirmed adds the oversight entry; plan confirmed corrected again replaces what it says', async () => {
    const { ctx, items } = await openReview()
    const item = noOversight(items)
    await recordOutcome(ctx, { itemId: item.id, outcome: 'other', note: 'Typed in the wrong box' })
    expect(await statusOn(ctx, item.childId)).toBe('none')

    await correctOutcome(ctx, { itemId: item.id, ...confirmed, reviewDate: '2020-04-10', correctionReason: 'Meant plan confirmed' })
    const [added, ...others] = await reviewEntries(ctx, item.childId)
    expect(others).toEqual([])
    expect(added).toMatchObject({ entry_date: '2020-04-10', note: confirmed.note, next_review_date: '2020-07-14', manager: 'tester' })
    expect(await ctx.db.prepare('SELECT oversight_entry_id FROM review_item WHERE id = ?').pluck().get(item.id)).toBe(added!.id)
    expect((await trackerRows(ctx.db, day, { childId: item.childId }))[0]).toMatchObject({ status: 'oversight', lastOversightDate: '2020-04-10' })
    expect(await audited(ctx, 'oversight.add')).toHaveLength(1)

    await correctOutcome(ctx, { itemId: item.id, ...confirmed, note: 'Special guardianship plan confirmed', correctionReason: 'Wrong plan and date' })
    const [replaced, ...extra] = await reviewEntries(ctx, item.childId)
    expect(extra).toEqual([])
    expect(replaced).toMatchObject({ id: added!.id, entry_date: day, note: 'Special guardianship plan confirmed', next_review_date: '2020-07-14' })
    expect((await trackerRows(ctx.db, day, { childId: item.childId }))[0]).toMatchObject({ status: 'oversight', lastOversightDate: day })
    expect(await audited(ctx, 'oversight.correct')).toEqual([
      {
        who: 'tester',
        entity_id: String(added!.id),
        before: expect.objectContaining({ entry_date: '2020-04-10', note: confirmed.note }),
        after: expect.objectContaining({
          entry_date: day,
          note: 'Special guardianship plan confirmed',
          correctionReason: 'Wrong plan and date',
          reviewItemId: item.id
        })
      }
    ])
  })
})
