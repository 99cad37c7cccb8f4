import { describe, expect, it } from 'vitest'
import type { Context } from '../../../src/main/core/context'
import { dispatch } from '../../../src/main/core/dispatch'
import type { AppError } from '../../../src/main/core/errors'
import { closeCycle, cycleItems, openCycle } from '../../../src/main/core/review/cycles'
import { childReviews, itemDetail } from '../../../src/main/core/review/detail'
import { setCohortDefinitions } from '../../../src/main/core/review/definitions'
import { recordOutcome, setLegalPermanenceSecure } from '../../../src/main/core/review/outcomes'
import { trackerRows } from '../../../src/main/core/tracker/queries'
import type { ReviewItemRow } from '../../../src/shared/api'
import { demoContext } from '../../helpers/tmp'
import { firstN, firstOf } from '../../helpers/defined'

const start = '2020-03-31'

/** A copy of the demo cohort on the review's start date. */
const cohort = (): Promise<Context> => demoContext({ asOf: start, lookedAfter: 150 })

/** A new legal status from `day`, as an SSDA903 return records it: the open episode ends, an RNE L episode begins. */
async function changeLegalStatus(ctx: Context, childId: string, day: string, ls: string): Promise<void> {
  const open = (await ctx.db.prepare('SELECT * FROM episode WHERE child_id = ? AND dec IS NULL').get(childId)) as Record<string, unknown>
  const seq = ((await ctx.db.prepare('SELECT MAX(seq) FROM episode').pluck().get()) as number) + 1
  await ctx.db.prepare("UPDATE episode SET dec = ?, rec = 'X1' WHERE id = ?").run(day, open.id)
  await ctx.db
    .prepare(`INSERT INTO episode (child_id, decom, rne, ls, cin, place, place_provider, carer_id, seq) VALUES (?, ?, 'L', ?, ?, ?, ?, ?, ?)`)
    .run(childId, day, ls, open.cin, open.place, open.place_provider, open.carer_id, seq)
}

const endCare = async (ctx: Context, childId: string, day: string): Promise<void> => {
  await ctx.db.prepare("UPDATE episode SET dec = ?, rec = 'E4A' WHERE child_id = ? AND dec IS NULL").run(day, childId)
}

const pick = (items: ReviewItemRow[], cohort: 'FCO' | 'S20', status?: string): ReviewItemRow => {
  const item = items.find((i) => i.cohort === cohort && (status === undefined || i.snapshot.status === status))
  if (!item) throw new Error(`demo has no ${cohort} child with status ${status}`)
  return item
}

describe('opening a review cycle', () => {
  it("snapshots the council's cohorts by the tracker on the start date: PWP first, then FCO and s20 with no decision and no oversight", async () => {
    const ctx = await cohort()
    const cycle = await openCycle(ctx, { startDate: start })
    const rows = await trackerRows(ctx.db, start)
    const home = (r: (typeof rows)[number]): boolean => (r.ls === 'C1' || r.ls === 'C2') && r.placement === 'P1'
    const expectPwp = rows.filter(home).map((r) => r.childId)
    const expectFco = rows.filter((r) => !home(r) && r.ls === 'C2' && r.status === 'none').map((r) => r.childId)
    const expectS20 = rows.filter((r) => r.ls === 'V2' && r.status === 'none').map((r) => r.childId)
    expect(expectFco.length).toBeGreaterThan(5)
    expect(expectS20.length).toBeGreaterThan(5)
    expect(expectPwp.length).toBeGreaterThan(3)
    // The demo has FCO children under oversight and agreed: the council's FCO cohort leaves them out.
    expect(rows.some((r) => r.ls === 'C2' && !home(r) && r.status === 'oversight')).toBe(true)

    const { items } = await cycleItems(ctx, cycle.id)
    // The order the list shows and "Next child to review" follows: the longest on the order first.
    const days = items.map((i) => i.daysOnOrder)
    expect(days).toEqual([...days].sort((a, b) => b - a))
    expect(new Set(days).size).toBeGreaterThan(5)
    expect(
      items
        .filter((i) => i.cohort === 'PWP')
        .map((i) => i.childId)
        .sort()
    ).toEqual(expectPwp.sort())
    expect(
      items
        .filter((i) => i.cohort === 'FCO')
        .map((i) => i.childId)
        .sort()
    ).toEqual(expectFco.sort())
    expect(
      items
        .filter((i) => i.cohort === 'S20')
        .map((i) => i.childId)
        .sort()
    ).toEqual(expectS20.sort())
    expect(cycle.cohortDefinitions.map((d) => d.cohort)).toEqual(['PWP', 'FCO', 'S20'])
    expect(cycle).toMatchObject({
      label: '2019-20 Q4',
      startDate: start,
      status: 'open',
      openedBy: 'tester',
      progress: { total: expectFco.length + expectS20.length + expectPwp.length, reviewed: 0 },
      byCohort: { FCO: { total: expectFco.length, reviewed: 0 }, S20: { total: expectS20.length, reviewed: 0 }, PWP: { total: expectPwp.length, reviewed: 0 } },
      changed: 0
    })
    const one = rows.find((r) => r.childId === firstOf(items).childId)!
    expect(items[0]?.snapshot).toMatchObject({ ls: one.ls, legalStatusSince: one.legalStatusSince, carer: one.carer, status: one.status })
    const logged = (await ctx.db.prepare("SELECT who, after FROM audit_log WHERE action = 'review.open'").get()) as { who: string; after: string }
    expect(logged.who).toBe('tester')
    expect(JSON.parse(logged.after)).toMatchObject({ startDate: start, cohort: { FCO: expectFco.length, S20: expectS20.length, PWP: expectPwp.length } })
  })

  it('uses the definitions in force when it opens, and keeps them with the cycle', async () => {
    const ctx = await cohort()
    // A council that counts FCO and s20 children without an agreed decision, as before.
    await setCohortDefinitions(ctx.db, ctx.user, [
      { cohort: 'FCO', label: 'FCO, not agreed', legalStatuses: ['C2'], statuses: ['not_agreed', 'oversight', 'none'], placements: [] },
      { cohort: 'S20', label: 's20, not agreed', legalStatuses: ['V2'], statuses: ['not_agreed', 'oversight', 'none'], placements: [] },
      { cohort: 'PWP', label: 'At home', legalStatuses: ['C1'], statuses: ['none'], placements: ['P1'] }
    ])
    const cycle = await openCycle(ctx, { startDate: start })
    const rows = await trackerRows(ctx.db, start)
    expect(cycle.byCohort.FCO.total).toBe(rows.filter((r) => r.ls === 'C2' && r.status !== 'agreed').length)
    expect(cycle.cohortDefinitions[0]).toMatchObject({ cohort: 'FCO', label: 'FCO, not agreed' })
    await expect(setCohortDefinitions(ctx.db, ctx.user, [])).rejects.toThrow()
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'review.cohort_definitions.set'").pluck().get()).toBe(1)
  })

  it('records the s20 audit\'s "legal permanence secure?" answer, and only for s20 children', async () => {
    const ctx = await cohort()
    const { items } = await cycleItems(ctx, (await openCycle(ctx, { startDate: start })).id)
    const s20 = items.find((i) => i.cohort === 'S20')!
    expect(s20.legalPermanenceSecure).toBeNull()
    expect((await setLegalPermanenceSecure(ctx, s20.id, false)).legalPermanenceSecure).toBe(false)
    expect((await cycleItems(ctx, s20.cycleId)).items.find((i) => i.id === s20.id)!.legalPermanenceSecure).toBe(false)
    await expect(setLegalPermanenceSecure(ctx, items.find((i) => i.cohort === 'FCO')!.id, true)).rejects.toThrow(/section 20 audit/)
  })

  it('refuses a second cycle with the same label', async () => {
    const ctx = await cohort()
    await openCycle(ctx, { startDate: start })
    await expect(openCycle(ctx, { startDate: '2020-03-01' })).rejects.toThrow(/"2019-20 Q4" already exists/)
    expect((await openCycle(ctx, { startDate: '2020-03-01', label: 'March re-run', confirm: true })).label).toBe('March re-run')
  })

  it('refuses a cohort date before 2000 and writes nothing', async () => {
    const ctx = await cohort()
    await expect(openCycle(ctx, { startDate: '1999-12-31', confirm: true })).rejects.toThrow(
      'A review cycle cannot have a cohort date before 01/01/2000; 31/12/1999 looks like a typing slip.'
    )
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM review_cycle').pluck().get()).toBe(0)
    expect((await openCycle(ctx, { startDate: '2000-01-01' })).startDate).toBe('2000-01-01')
  })

  it('asks for confirmation of a cohort date more than a quarter ahead, and opens it once confirmed', async () => {
    const ctx = await cohort()
    const refused = await dispatch(ctx, 'openReviewCycle', { startDate: '2031-03-31' })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { confirm: [expect.stringContaining('31/03/2031 is more than a quarter after today (31/03/2020)')] } }
    })
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM review_cycle').pluck().get()).toBe(0)
    // A quarter ahead to the day is an ordinary advance opening.
    expect((await openCycle(ctx, { startDate: '2020-06-30' })).status).toBe('open')
    const ctx2 = await cohort()
    expect((await openCycle(ctx2, { startDate: '2031-03-31', confirm: true })).startDate).toBe('2031-03-31')
  })

  it('names the cycle still open and asks for confirmation before opening a second', async () => {
    const ctx = await cohort()
    await openCycle(ctx, { startDate: start })
    let error: AppError | undefined
    try {
      await openCycle(ctx, { startDate: '2020-06-30' })
    } catch (e) {
      error = e as AppError
    }
    expect(error?.details).toEqual({
      confirm: [
        'The cycle "2019-20 Q4" (cohort date 31/03/2020) is still open: opening another leaves two cycles to work through. Close it first unless both are meant.'
      ]
    })
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM review_cycle WHERE status = 'open'").pluck().get()).toBe(1)
    await closeCycle(ctx, 1)
    expect((await openCycle(ctx, { startDate: '2020-06-30' })).label).toBe('2020-21 Q1')
  })

  it('keeps the list when orders change afterwards, flagging the children whose order or care changed', async () => {
    const ctx = await cohort()
    const { id } = await openCycle(ctx, { startDate: start })
    const before = (await cycleItems(ctx, id)).items
    const toPlacementOrder = pick(before, 'FCO')
    const leaves = pick(before, 'S20')
    // A child who joins the FCO cohort after the start date must not join the cycle.
    const ico = (await trackerRows(ctx.db, start)).find((r) => r.legalStatusGroup === 'ICO')!
    await changeLegalStatus(ctx, toPlacementOrder.childId, '2020-04-20', 'E1')
    await endCare(ctx, leaves.childId, '2020-04-25')
    await changeLegalStatus(ctx, ico.childId, '2020-04-10', 'C2')
    ctx.today = () => '2020-05-01'

    const after = await cycleItems(ctx, id)
    expect(after.items.map((i) => i.childId)).toEqual(before.map((i) => i.childId))
    expect(after.items.map((i) => i.snapshot)).toEqual(before.map((i) => i.snapshot))
    expect(after.items.some((i) => i.childId === ico.childId)).toBe(false)
    const flagged = after.items.filter((i) => i.changes.length > 0)
    expect(flagged.map((i) => [i.childId, i.changes.map((c) => c.kind)])).toEqual(
      expect.arrayContaining([
        [toPlacementOrder.childId, ['legal_status']],
        [leaves.childId, ['left_care']]
      ])
    )
    expect(flagged).toHaveLength(2)
    expect(after.cycle.changed).toBe(2)
    expect(after.items.find((i) => i.childId === toPlacementOrder.childId)!.snapshot.ls).toBe('C2')
  })
})

describe('recording outcomes', () => {
  const outcomesCount = async (ctx: Context, action: string): Promise<number> =>
    (await ctx.db.prepare('SELECT COUNT(*) FROM audit_log WHERE action = ?').pluck().get(action)) as number

  it('refer to panel: stored on the item where the panel reads its agenda candidates, audited', async () => {
    const ctx = await cohort()
    const { id } = await openCycle(ctx, { startDate: start })
    const item = pick((await cycleItems(ctx, id)).items, 'FCO')
    const oversightBefore = await ctx.db.prepare('SELECT COUNT(*) FROM oversight_entry').pluck().get()
    const row = await recordOutcome(ctx, { itemId: item.id, outcome: 'refer_panel', note: 'Carers ready for permanence' })
    expect(row).toMatchObject({ outcome: 'refer_panel', outcomeNote: 'Carers ready for permanence', reviewDate: start, reviewedBy: 'tester' })
    const candidates = await ctx.db.prepare("SELECT child_id FROM review_item WHERE outcome = 'refer_panel'").pluck().all()
    expect(candidates).toEqual([item.childId])
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM oversight_entry').pluck().get()).toBe(oversightBefore)
    const logged = (await ctx.db.prepare("SELECT entity_id, after FROM audit_log WHERE action = 'review.outcome'").get()) as {
      entity_id: string
      after: string
    }
    expect(logged.entity_id).toBe(String(item.id))
    expect(JSON.parse(logged.after)).toMatchObject({ childId: item.childId, outcome: 'refer_panel' })
    expect((await cycleItems(ctx, id)).cycle).toMatchObject({ progress: { reviewed: 1 }, byOutcome: { refer_panel: 1 } })
  })

  it('plan confirmed: writes a review oversight entry so the tracker counts the child as under oversight', async () => {
    const ctx = await cohort()
    const { id } = await openCycle(ctx, { startDate: start })
    const item = pick((await cycleItems(ctx, id)).items, 'FCO', 'none')
    ctx.today = () => '2020-04-14'
    expect((await trackerRows(ctx.db, '2020-04-14', { childId: item.childId }))[0]?.status).toBe('none')
    await recordOutcome(ctx, {
      itemId: item.id,
      outcome: 'plan_confirmed',
      note: 'Long-term fostering plan confirmed',
      reviewDate: '2020-04-14',
      nextReviewDate: '2020-07-14'
    })
    const entry = (await ctx.db.prepare('SELECT * FROM oversight_entry WHERE child_id = ? AND source = ?').get(item.childId, 'review')) as Record<
      string,
      unknown
    >
    expect(entry).toMatchObject({
      entry_date: '2020-04-14',
      manager: 'tester',
      note: 'Long-term fostering plan confirmed',
      next_review_date: '2020-07-14',
      recorded_by: 'tester'
    })
    expect(await ctx.db.prepare('SELECT oversight_entry_id FROM review_item WHERE id = ?').pluck().get(item.id)).toBe(entry.id)
    const tracked = (await trackerRows(ctx.db, '2020-04-14', { childId: item.childId }))[0]
    expect(tracked).toMatchObject({ status: 'oversight', lastOversightDate: '2020-04-14' })
    expect(await outcomesCount(ctx, 'oversight.add')).toBe(1)
    expect(await outcomesCount(ctx, 'review.outcome')).toBe(1)
    // The cycle's snapshot still says what it was when the cycle opened.
    expect((await cycleItems(ctx, id)).items.find((i) => i.id === item.id)!.snapshot.status).toBe('none')
  })

  it('refer to a key decision-making meeting and "other": stored with their notes, shown on the child', async () => {
    const ctx = await cohort()
    const { id } = await openCycle(ctx, { startDate: start })
    const items = (await cycleItems(ctx, id)).items
    const s20 = pick(items, 'S20')
    const fco = pick(items, 'FCO')
    await recordOutcome(ctx, { itemId: s20.id, outcome: 'refer_kdm', note: 'Legal advice: is s20 still appropriate?' })
    await recordOutcome(ctx, { itemId: fco.id, outcome: 'other', note: 'Await sibling assessment' })
    expect(await childReviews(ctx.db, s20.childId)).toEqual([
      {
        itemId: s20.id,
        cycleId: id,
        cycleLabel: '2019-20 Q4',
        cohort: 'S20',
        outcome: 'refer_kdm',
        outcomeNote: 'Legal advice: is s20 still appropriate?',
        reviewDate: start,
        nextReviewDate: null,
        reviewedBy: 'tester'
      }
    ])
    expect((await childReviews(ctx.db, fco.childId))[0]).toMatchObject({ outcome: 'other', outcomeNote: 'Await sibling assessment' })
    expect((await cycleItems(ctx, id)).cycle).toMatchObject({
      progress: { reviewed: 2 },
      byCohort: { S20: { reviewed: 1 }, FCO: { reviewed: 1 } },
      byOutcome: { refer_kdm: 1, other: 1 }
    })
    expect(await outcomesCount(ctx, 'review.outcome')).toBe(2)
  })

  it('refuses a second outcome, an outcome in a closed cycle and invalid input, changing nothing', async () => {
    const ctx = await cohort()
    const { id } = await openCycle(ctx, { startDate: start })
    const [first, second] = firstN((await cycleItems(ctx, id)).items, 2)
    await recordOutcome(ctx, { itemId: first.id, outcome: 'refer_panel' })
    await expect(recordOutcome(ctx, { itemId: first.id, outcome: 'other', note: 'changed my mind' })).rejects.toThrow(/already recorded/)
    await expect(recordOutcome(ctx, { itemId: second.id, outcome: 'plan_confirmed', note: 'x' })).rejects.toThrow(/next review date/)
    const viaApi = await dispatch(ctx, 'recordReviewOutcome', { itemId: second.id, outcome: 'refer_kdm' })
    expect(viaApi).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    await closeCycle(ctx, id)
    await expect(recordOutcome(ctx, { itemId: second.id, outcome: 'refer_panel' })).rejects.toThrow(/is closed/)
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM review_item WHERE outcome IS NOT NULL').pluck().get()).toBe(1)
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM oversight_entry WHERE source = 'review'").pluck().get()).toBe(0)
    expect(await outcomesCount(ctx, 'review.outcome')).toBe(1)
    expect(await outcomesCount(ctx, 'review.close')).toBe(1)
  })
})

describe('the review screen', () => {
  it('brings together legal-status history, panel looks and oversight notes for the child', async () => {
    const ctx = await cohort()
    const { id } = await openCycle(ctx, { startDate: start })
    const withOversight = (await cycleItems(ctx, id)).items.find((i) => i.snapshot.status === 'oversight')!
    const detail = await itemDetail(ctx, withOversight.id)
    expect(detail.legalStatusHistory.at(-1)).toMatchObject({ ls: withOversight.snapshot.ls, to: null })
    expect(detail.legalStatusHistory.at(-1)!.from <= withOversight.snapshot.legalStatusSince).toBe(true)
    expect(detail.oversightNotes.length).toBeGreaterThan(0)
    expect(detail.oversightNotes[0]?.date).toBe(withOversight.snapshot.lastOversightDate)
    expect(detail.cycle.id).toBe(id)
    expect(detail.daysOnOrder).toBeGreaterThan(0)
  })
})
