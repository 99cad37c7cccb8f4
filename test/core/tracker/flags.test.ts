import { describe, expect, it } from 'vitest'
import { trackerView } from '../../../src/main/core/tracker/view'
import { childTimeline } from '../../../src/main/core/tracker/timeline'
import { tempContext } from '../../helpers/tmp'
import { insertHistory } from './history'

const asOf = '2020-03-31'

describe('tracker flags (issue 15)', () => {
  it('placed with parents: flagged on ICO/FCO with PLACE P1, drifting after 6 months with no discharge plan', async () => {
    const { db } = await tempContext(asOf)
    // Home to parents on 2019-09-30: exactly six months on the day is not yet over six.
    for (const [id, start] of [
      ['A', '2019-09-30'],
      ['B', '2019-09-29'],
      ['C', '2019-01-01']
    ] as const) {
      await insertHistory(db, id, {
        episodes: [
          ['2018-01-01', start, 'S', 'C2'],
          [start, null, 'P', 'C2']
        ]
      })
      await db.prepare("UPDATE episode SET place = 'P1', place_provider = 'PR0' WHERE child_id = ? AND decom = ?").run(id, start)
    }
    await insertHistory(db, 'D', { episodes: [['2018-01-01', null, 'S', 'V2']] })
    await db.prepare("UPDATE episode SET place = 'P1' WHERE child_id = 'D'").run()
    // C's discharge application was planned before the date; a plan after it does not count yet.
    await db
      .prepare(
        "INSERT INTO discharge_application (child_id, status, planned_date, recorded_by, recorded_at) VALUES ('C', 'planned', '2020-02-01', 't', 'now'), ('B', 'planned', '2020-04-01', 't', 'now')"
      )
      .run()
    const view = await trackerView(db, asOf)
    const row = (id: string) => view.rows.find((r) => r.childId === id)!
    expect(view.flagCounts.placed_with_parents).toBe(3)
    expect(row('D').flags).not.toContain('placed_with_parents')
    expect(row('A').drift).not.toContain('pwp_no_discharge_plan')
    expect(row('B').drift).toContain('pwp_no_discharge_plan')
    expect(row('C')).toMatchObject({ dischargeStatus: 'planned' })
    expect(row('C').drift).not.toContain('pwp_no_discharge_plan')
    expect(view.driftCounts.pwp_no_discharge_plan).toBe(1)
  })

  it('oversight review overdue follows the latest oversight, including one recorded at panel', async () => {
    const { db } = await tempContext(asOf)
    await insertHistory(db, 'A', { episodes: [['2018-01-01', null, 'S', 'C2']] })
    await insertHistory(db, 'B', { episodes: [['2018-01-01', null, 'S', 'C2']] })
    const entry = db.prepare(
      "INSERT INTO oversight_entry (child_id, entry_date, manager, next_review_date, recorded_by, recorded_at) VALUES (?, ?, 'M', ?, 't', ?)"
    )
    await entry.run('A', '2019-06-01', '2019-09-01', '2019-06-01')
    await entry.run('B', '2019-06-01', '2019-09-01', '2019-06-01')
    // B's later oversight was given at panel today, with a return date in the future.
    await db
      .prepare(
        "INSERT INTO decision (child_id, decision_date, outcome, return_date, recorded_by, recorded_at) VALUES ('B', ?, 'oversight', '2020-09-30', 't', ?)"
      )
      .run(asOf, asOf)
    const view = await trackerView(db, asOf)
    expect(view.rows.map((r) => [r.childId, r.status, r.flags, r.oversightReviewDue])).toEqual([
      ['A', 'oversight', ['oversight_review_overdue'], '2019-09-01'],
      ['B', 'oversight', [], '2020-09-30']
    ])
    expect(view.flagCounts.oversight_review_overdue).toBe(1)
    expect((await childTimeline(db, 'B', asOf)).tracker?.oversightReviewDue).toBe('2020-09-30')
  })

  it('plan confirmed, no decision yet: a care plan confirmed by the date and no decision counting', async () => {
    const { db } = await tempContext(asOf)
    await insertHistory(db, 'A', { episodes: [['2018-01-01', null, 'S', 'C2']] })
    await insertHistory(db, 'B', { episodes: [['2018-01-01', null, 'S', 'C2']], decisions: [{ date: '2019-01-01', outcome: 'agreed' }] })
    await insertHistory(db, 'C', { episodes: [['2018-01-01', null, 'S', 'C2']] })
    const plan = db.prepare("INSERT INTO care_plan (child_id, plan, confirmed_date, updated_by, updated_at) VALUES (?, 'long_term_fostering', ?, 't', 'now')")
    await plan.run('A', '2019-05-01')
    await plan.run('B', '2019-05-01')
    await plan.run('C', '2020-05-01')
    const view = await trackerView(db, asOf)
    expect(view.rows.filter((r) => r.flags.includes('plan_confirmed_no_decision')).map((r) => r.childId)).toEqual(['A'])
    expect(view.rows.find((r) => r.childId === 'C')).toMatchObject({ carePlan: 'long_term_fostering', carePlanConfirmed: null })
  })
})
