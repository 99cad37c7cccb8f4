import { describe, expect, it } from 'vitest'
import { suggestAgenda, candidateFacts } from '../../../src/main/core/panel/candidates'
import { recordDecision, signOffMeeting } from '../../../src/main/core/panel/decisions'
import { addAgendaItem, createMeeting } from '../../../src/main/core/panel/meetings'
import { reasonPriority } from '../../../src/main/core/panel/suggest'
import { cycleItems, openCycle } from '../../../src/main/core/review/cycles'
import { recordOutcome } from '../../../src/main/core/review/outcomes'
import { trackerRows } from '../../../src/main/core/tracker/queries'
import { demoContext } from '../../helpers/tmp'
import { firstN, firstOf } from '../../helpers/defined'

const date = '2020-04-15'

async function setup() {
  const ctx = await demoContext({ asOf: '2020-03-31', lookedAfter: 80 }, '2020-04-01')
  // Confirmed care plans would head the list; their reason has its own test below.
  await ctx.db.prepare('DELETE FROM care_plan').run()
  const undecided = (await ctx.db
    .prepare(
      `SELECT DISTINCT e.child_id FROM episode e WHERE e.dec IS NULL AND e.ls = 'C2'
       AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.child_id = e.child_id)
       AND NOT EXISTS (SELECT 1 FROM oversight_entry o WHERE o.child_id = e.child_id) ORDER BY e.child_id`
    )
    .pluck()
    .all()) as string[]
  return { ctx, undecided }
}

describe('agenda suggestions from the database', () => {
  it('finds deferrals due back, referrals and overdue oversight, and leaves out children already planned', async () => {
    const { ctx, undecided } = await setup()
    // The Head of Service review (its own core) refers one child to panel.
    const cycle = await openCycle(ctx, { startDate: '2020-03-01' })
    const items = (await cycleItems(ctx, cycle.id)).items
    const referral = items.find((i) => undecided.includes(i.childId))!
    await recordOutcome(ctx, { itemId: referral.id, outcome: 'refer_panel', reviewDate: '2020-03-20' })
    const referred = referral.childId
    const [deferred, overseen, planned] = firstN(
      undecided.filter((c) => c !== referred),
      3
    )
    // An earlier signed meeting deferred one child to a date before the next panel.
    let earlier = await createMeeting(ctx, { date: '2020-02-10', chair: 'Ada Chair' })
    earlier = await addAgendaItem(ctx, { meetingId: earlier.id, childId: deferred })
    await recordDecision(ctx, { itemId: firstOf(earlier.agenda).id, outcome: 'deferred', returnDate: '2020-04-10', reasons: 'Carer assessment outstanding' })
    await signOffMeeting(ctx, earlier.id)
    // A manager's oversight whose review date has passed.
    await ctx.db
      .prepare(
        "INSERT INTO oversight_entry (child_id, entry_date, manager, next_review_date, recorded_by, recorded_at) VALUES (?, '2020-01-05', 'TM', '2020-04-01', 't', 't')"
      )
      .run(overseen)
    // One child is already on the agenda of the meeting being planned.
    const next = await createMeeting(ctx, { date, chair: 'Ada Chair' })
    await addAgendaItem(ctx, { meetingId: next.id, childId: planned })

    const suggestions = await suggestAgenda(ctx.db, date)
    const byChild = new Map(suggestions.map((s) => [s.childId, s.reasons.map((r) => r.code)]))
    expect(byChild.get(deferred)).toEqual(['deferred_due', 'fco_no_decision'])
    expect(byChild.get(referred)?.[0]).toBe('hos_referral')
    expect(suggestions.find((x) => x.childId === referred)!.reasons[0]?.text).toBe('Referred to panel by the Head of Service review on 20/03/2020')
    expect(byChild.get(overseen)?.[0]).toBe('oversight_overdue')
    expect(byChild.has(planned)).toBe(false)
    expect(suggestions.slice(0, 2).map((s) => s.childId)).toEqual([deferred, referred])
    // Then every overdue oversight (the demo has its own), longest overdue first.
    const codes = suggestions.map((s) => firstOf(s.reasons).code)
    expect(codes).toEqual([...codes].sort((a, b) => reasonPriority.indexOf(a) - reasonPriority.indexOf(b)))
    const overdue = suggestions.filter((s) => firstOf(s.reasons).code === 'oversight_overdue').map((s) => firstOf(s.reasons).since!)
    expect(overdue).toEqual([...overdue].sort())
    expect(suggestions[0]?.reasons[0]?.text).toBe('Deferred by panel on 10/02/2020; due back by 10/04/2020')

    // Everything suggested is looked after on the date and has no current agreed / not agreed decision, unless a rule says otherwise.
    const rows = new Map((await trackerRows(ctx.db, date)).map((r) => [r.childId, r]))
    for (const s of suggestions) {
      expect(rows.has(s.childId)).toBe(true)
      if (s.reasons.some((r) => r.code === 'fco_no_decision')) expect(rows.get(s.childId)!.legalStatusGroup).toBe('FCO')
    }
    // FCO children without a decision come longest first.
    const fco = suggestions.filter((s) => firstOf(s.reasons).code === 'fco_no_decision').map((s) => firstOf(s.reasons).since!)
    expect(fco.length).toBeGreaterThanOrEqual(3)
    expect(fco).toEqual([...fco].sort())
    expect(await suggestAgenda(ctx.db, date, 2)).toHaveLength(2)
  })

  it('puts a care plan confirmed with no decision first, and gives moved carers as a reason', async () => {
    const { ctx, undecided } = await setup()
    const [planned] = undecided
    await ctx.db
      .prepare("INSERT INTO care_plan (child_id, plan, confirmed_date, updated_by, updated_at) VALUES (?, 'long_term_fostering', '2020-02-03', 't', 'now')")
      .run(planned)
    const suggestions = await suggestAgenda(ctx.db, date)
    expect(suggestions[0]?.childId).toBe(planned)
    expect(suggestions[0]?.reasons[0]).toEqual({
      code: 'plan_confirmed',
      since: '2020-02-03',
      text: 'Care plan confirmed at review on 03/02/2020; no panel decision yet'
    })
    const moved = (await trackerRows(ctx.db, date)).filter((r) => r.carersChangedSinceDecision)
    expect(moved.length).toBeGreaterThan(0)
    for (const r of moved) expect(suggestions.find((s) => s.childId === r.childId)?.reasons.map((x) => x.code)).toContain('carers_changed')
  })

  it('drops a child once panel decides, and a referral once heard', async () => {
    const { ctx, undecided } = await setup()
    const child = firstOf(undecided)
    expect((await suggestAgenda(ctx.db, date)).some((s) => s.childId === child)).toBe(true)
    let m = await createMeeting(ctx, { date: '2020-04-01', chair: 'Ada Chair' })
    m = await addAgendaItem(ctx, { meetingId: m.id, childId: child })
    await recordDecision(ctx, { itemId: firstOf(m.agenda).id, outcome: 'agreed', reasons: 'Good' })
    await signOffMeeting(ctx, m.id)
    expect((await suggestAgenda(ctx.db, date)).some((s) => s.childId === child)).toBe(false)
    expect((await candidateFacts(ctx.db, date)).find((f) => f.childId === child)).toMatchObject({ status: 'agreed', lastPanelDate: '2020-04-01' })
  })
})
