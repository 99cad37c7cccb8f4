import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Context } from '../../../src/main/core/context'
import { createDemo } from '../../../src/main/core/demo/load'
import { dispatch } from '../../../src/main/core/dispatch'
import { openContext } from '../../../src/main/core/session'
import type { ReviewCycleSummary, ReviewItemRow, TrackerView } from '../../../src/shared/api'
import { freshTeamDatabase } from '../../helpers/postgres'
import { tempDir } from '../../helpers/tmp'
import { firstOf, itemAt } from '../../helpers/defined'

/**
 * The tracker and the review answer the same on both engines: the same demo cohort in an
 * SQLite file and in a PostgreSQL database, every call's JSON compared. Runs whichever
 * engine the suite is on, since it opens both itself.
 */

const asOf = '2020-03-31'
const opened: Context[] = []

afterEach(async () => {
  while (opened.length) await opened.pop()!.db.close()
})

async function demoOn(location: string): Promise<Context> {
  const ctx = await openContext(location, 'cli', 'tester')
  opened.push(ctx)
  ctx.today = () => asOf
  await createDemo(ctx.db, { asOf, lookedAfter: 120 }, 'tester')
  return ctx
}

// Stamped with the clock when written, so they differ between the two databases.
const clockFields = new Set(['openedAt', 'updatedAt', 'recordedAt'])

async function call<T>(ctx: Context, name: string, input: unknown): Promise<T> {
  const result = await dispatch(ctx, name, input)
  if (!result.ok) throw new Error(`${name} on ${ctx.db.engine}: ${result.error.message}`)
  return JSON.parse(JSON.stringify(result.value, (key, value: unknown) => (clockFields.has(key) ? undefined : value))) as T
}

/** Makes the same call on both and expects the same answer; returns it. */
async function same<T>(sqlite: Context, postgres: Context, name: string, input: unknown): Promise<T> {
  const expected = await call<T>(sqlite, name, input)
  expect(await call<T>(postgres, name, input), name).toEqual(expected)
  return expected
}

describe('SQLite and PostgreSQL', () => {
  it('give the same tracker: grid, counts, trend, timelines and saved views', async () => {
    const sqlite = await demoOn(join(tempDir(), 'demo.db'))
    const postgres = await demoOn(await freshTeamDatabase())
    const view = await same<TrackerView>(sqlite, postgres, 'trackerView', { asOf })
    expect(view.rows.length).toBe(120)
    // The columns most likely to differ between engines are filled for some children.
    for (const filled of [
      (r: TrackerView['rows'][number]) => r.carer !== null,
      (r: TrackerView['rows'][number]) => r.nextAction !== null,
      (r: TrackerView['rows'][number]) => r.carersChangedSinceDecision,
      (r: TrackerView['rows'][number]) => r.placementsLast12Months > 1
    ]) {
      expect(view.rows.some(filled), filled.toString()).toBe(true)
    }
    await same(sqlite, postgres, 'trackerView', { asOf: '2019-06-30' })
    await same(sqlite, postgres, 'trackerCounts', { asOf: '2018-12-31' })
    await same(sqlite, postgres, 'trackerTrend', { from: '2018-04-01', to: asOf })
    for (const row of view.rows.filter((_, i) => i % 15 === 0)) await same(sqlite, postgres, 'childTimeline', { childId: row.childId, asOf })

    for (const name of ['b view', 'A view', 'c view']) {
      for (const ctx of [sqlite, postgres]) await call(ctx, 'saveTrackerView', { name, definition: {} })
    }
    const views = await same<{ name: string }[]>(sqlite, postgres, 'listTrackerViews', {})
    expect(views.map((v) => v.name)).toEqual(['A view', 'b view', 'c view'])
  })

  it('give the same Head of Service review: cycle, items, outcomes and dashboard', async () => {
    const sqlite = await demoOn(join(tempDir(), 'demo.db'))
    const postgres = await demoOn(await freshTeamDatabase())
    await same<ReviewCycleSummary>(sqlite, postgres, 'openReviewCycle', { startDate: asOf })
    const { items } = await same<{ items: ReviewItemRow[] }>(sqlite, postgres, 'reviewCycle', { cycleId: 1 })
    expect(items.length).toBeGreaterThan(2)
    await same(sqlite, postgres, 'recordReviewOutcome', {
      itemId: firstOf(items).id,
      outcome: 'plan_confirmed',
      note: 'Plan agreed',
      nextReviewDate: '2020-09-30'
    })
    await same(sqlite, postgres, 'recordReviewOutcome', { itemId: itemAt(items, 1).id, outcome: 'refer_panel' })
    await same(sqlite, postgres, 'reviewItem', { itemId: firstOf(items).id })
    await same(sqlite, postgres, 'childReviews', { childId: firstOf(items).childId })
    await same(sqlite, postgres, 'listReviewCycles', {})
    await same(sqlite, postgres, 'reviewDashboard', { asOf })
    await same(sqlite, postgres, 'trackerView', { asOf })
  })
})
