import { describe, expect, it } from 'vitest'
import type { CallName, CallOutput } from '../../../src/shared/api'
import type { Context } from '../../../src/main/core/context'
import { dispatch } from '../../../src/main/core/dispatch'
import { defaultDriftThresholds, driftFlags } from '../../../src/main/core/tracker/drift'
import { trackerCounts } from '../../../src/main/core/tracker/queries'
import { trendDates } from '../../../src/main/core/tracker/trend'
import type { DriftCode, TrackerRow } from '../../../src/shared/contract/tracker'
import { demoContext, tempContext } from '../../helpers/tmp'
import { insertHistory } from './history'
import { firstOf } from '../../helpers/defined'

async function call<N extends CallName>(ctx: Context, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(ctx, name, input)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as CallOutput<N>
}

async function failure(ctx: Context, name: CallName, input: unknown): Promise<{ code: string; message: string }> {
  const result = await dispatch(ctx, name, input)
  if (result.ok) throw new Error(`${name} should have failed`)
  return result.error
}

const auditRows = async (ctx: Context, action: string): Promise<{ who: string; entity_id: string; before: string | null; after: string | null }[]> =>
  (await ctx.db.prepare('SELECT who, entity_id, before, after FROM audit_log WHERE action = ? ORDER BY id').all(action)) as never

describe('drift flags', () => {
  const asOf = '2020-03-31'
  const base: Pick<TrackerRow, 'legalStatusGroup' | 'status' | 'legalStatusSince' | 'periodStart' | 'placementsLast12Months' | 'lastPanelDate'> = {
    legalStatusGroup: 'FCO',
    status: 'none',
    legalStatusSince: '2020-01-01',
    periodStart: '2020-01-01',
    placementsLast12Months: 1,
    lastPanelDate: null
  }
  const cases: [string, Partial<typeof base>, DriftCode[]][] = [
    ['FCO exactly 6 months is not yet over 6 months', { legalStatusSince: '2019-09-30' }, []],
    ['FCO 6 months and a day without a decision', { legalStatusSince: '2019-09-29' }, ['fco_no_decision']],
    ['FCO with oversight only still drifts', { legalStatusSince: '2019-09-29', status: 'oversight' }, ['fco_no_decision']],
    ['FCO with a decision does not', { legalStatusSince: '2019-01-01', status: 'agreed', lastPanelDate: '2019-06-01' }, []],
    ['FCO with a not-agreed decision does not', { legalStatusSince: '2019-01-01', status: 'not_agreed', lastPanelDate: '2019-06-01' }, []],
    ['s20 exactly 12 months is not flagged', { legalStatusGroup: 'S20', legalStatusSince: '2019-03-31', lastPanelDate: '2019-06-01' }, []],
    ['s20 over 12 months', { legalStatusGroup: 'S20', legalStatusSince: '2019-03-30', lastPanelDate: '2019-06-01' }, ['s20_no_decision']],
    ['ICO over 12 months: no legal-status flag', { legalStatusGroup: 'ICO', legalStatusSince: '2019-01-01', lastPanelDate: '2019-06-01' }, []],
    ['2 placements in 12 months', { placementsLast12Months: 2 }, []],
    ['3 placements in 12 months', { placementsLast12Months: 3 }, ['placement_moves']],
    ['in care over 12 months, never at panel', { legalStatusGroup: 'ICO', periodStart: '2019-03-30', legalStatusSince: '2019-03-30' }, ['no_panel_look']],
    ['in care over 12 months, panel exactly 12 months ago', { legalStatusGroup: 'ICO', periodStart: '2018-01-01', lastPanelDate: '2019-03-31' }, []],
    [
      'in care over 12 months, panel 12 months and a day ago',
      { legalStatusGroup: 'ICO', periodStart: '2018-01-01', lastPanelDate: '2019-03-30' },
      ['no_panel_look']
    ],
    ['unknown period start: measured from the legal status', { legalStatusGroup: 'ICO', periodStart: null, legalStatusSince: '2019-02-01' }, ['no_panel_look']]
  ]
  it.each(cases)('%s', (_name, facts, expected) => {
    expect(driftFlags({ ...base, ...facts }, asOf, defaultDriftThresholds)).toEqual(expected)
  })

  it('follows the thresholds', () => {
    const row = { ...base, legalStatusSince: '2019-12-01', placementsLast12Months: 2 }
    expect(driftFlags(row, asOf, defaultDriftThresholds)).toEqual([])
    expect(driftFlags(row, asOf, { ...defaultDriftThresholds, fcoMonths: 3, placementsIn12Months: 2 })).toEqual(['fco_no_decision', 'placement_moves'])
  })
})

describe('tracker API', () => {
  const asOf = '2020-03-31'

  it('trackerView returns the core counts, a row per looked-after child and drift counts', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 150 })
    const view = await call(ctx, 'trackerView', { asOf })
    expect(view.counts).toEqual(await trackerCounts(ctx.db, asOf))
    expect(view.rows).toHaveLength(150)
    expect(view.thresholds).toEqual(defaultDriftThresholds)
    for (const code of Object.keys(view.driftCounts) as DriftCode[]) expect(view.driftCounts[code]).toBe(view.rows.filter((r) => r.drift.includes(code)).length)
    expect(view.driftCounts.fco_no_decision).toBeGreaterThan(0)
    expect(await failure(ctx, 'trackerView', { asOf: '31/03/2020' })).toMatchObject({ code: 'invalid_input' })
  })

  it('drift thresholds: defaults, saved with audit, validated', async () => {
    const ctx = await tempContext(asOf)
    expect(await call(ctx, 'getDriftThresholds', {})).toEqual(defaultDriftThresholds)
    const changed = { ...defaultDriftThresholds, fcoMonths: 9 }
    expect(await call(ctx, 'setDriftThresholds', changed)).toEqual(changed)
    expect(await call(ctx, 'getDriftThresholds', {})).toEqual(changed)
    const entry = firstOf(await auditRows(ctx, 'tracker.drift_thresholds.set'))
    expect(entry.who).toBe('tester')
    expect(JSON.parse(entry.before!)).toEqual(defaultDriftThresholds)
    expect(JSON.parse(entry.after!)).toEqual(changed)
    expect(await failure(ctx, 'setDriftThresholds', { ...changed, s20Months: 0 })).toMatchObject({
      code: 'invalid_input',
      message: 's20 without a decision, months must be at least 1.'
    })
    await ctx.db.prepare("UPDATE setting SET value = 'not json' WHERE key = 'tracker.drift_thresholds'").run()
    expect(await call(ctx, 'getDriftThresholds', {})).toEqual(defaultDriftThresholds)
  })

  it('addOversightEntry records oversight with audit and moves the child from none to oversight', async () => {
    const ctx = await tempContext(asOf)
    await insertHistory(ctx.db, 'C1', { episodes: [['2019-01-01', null, 'S', 'C2']] })
    expect((await call(ctx, 'trackerCounts', { asOf })).permanence).toMatchObject({ none: 1, oversight: 0 })
    const entry = await call(ctx, 'addOversightEntry', {
      childId: 'C1',
      entryDate: asOf,
      manager: '  Pat Manager ',
      note: 'Plan tracked',
      nextReviewDate: '2020-06-30'
    })
    expect(entry).toMatchObject({
      childId: 'C1',
      entryDate: asOf,
      manager: 'Pat Manager',
      note: 'Plan tracked',
      nextReviewDate: '2020-06-30',
      recordedBy: 'tester'
    })
    expect((await call(ctx, 'trackerCounts', { asOf })).permanence).toMatchObject({ none: 0, oversight: 1 })
    expect((await call(ctx, 'trackerCounts', { asOf: '2020-03-30' })).permanence).toMatchObject({ none: 1, oversight: 0 })
    const audit = firstOf(await auditRows(ctx, 'oversight.add'))
    expect(audit).toMatchObject({ who: 'tester', entity_id: String(entry.id) })
    expect(JSON.parse(audit.after!)).toMatchObject({ manager: 'Pat Manager', childId: 'C1' })

    expect(await failure(ctx, 'addOversightEntry', { childId: 'C1', entryDate: '2020-04-01', manager: 'Pat' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/01\/04\/2020 is in the future/)
    })
    expect(await failure(ctx, 'addOversightEntry', { childId: 'C1', entryDate: asOf, manager: 'Pat', nextReviewDate: '2020-03-01' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/before the oversight date/)
    })
    expect(await failure(ctx, 'addOversightEntry', { childId: 'C1', entryDate: asOf, manager: 'Pat', nextReviewDate: '2030-03-31' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/next review date \(31\/03\/2030\) is more than a year after the oversight date/)
    })
    expect(await failure(ctx, 'addOversightEntry', { childId: 'NOPE', entryDate: asOf, manager: 'Pat' })).toMatchObject({ code: 'not_found' })
    expect(await failure(ctx, 'addOversightEntry', { childId: 'C1', entryDate: asOf, manager: '   ' })).toMatchObject({ code: 'invalid_input' })
    expect(await auditRows(ctx, 'oversight.add')).toHaveLength(1)
  })

  it('saved views: create, replace by name, list, delete, all audited', async () => {
    const ctx = await tempContext(asOf)
    const first = await call(ctx, 'saveTrackerView', { name: 'FCO drift', definition: { groups: ['FCO'], drift: ['fco_no_decision'] } })
    await call(ctx, 'saveTrackerView', { name: 'all none', definition: { statuses: ['none'], sort: { column: 'periodStart', direction: 'asc' } } })
    const replaced = await call(ctx, 'saveTrackerView', { name: 'FCO drift', definition: { groups: ['FCO', 'PO'] } })
    expect(replaced.id).toBe(first.id)
    const views = await call(ctx, 'listTrackerViews', {})
    expect(views.map((v) => [v.name, v.definition])).toEqual([
      ['all none', { statuses: ['none'], sort: { column: 'periodStart', direction: 'asc' } }],
      ['FCO drift', { groups: ['FCO', 'PO'] }]
    ])
    expect(await call(ctx, 'deleteTrackerView', { id: first.id })).toEqual({ deleted: 1 })
    expect((await call(ctx, 'listTrackerViews', {})).map((v) => v.name)).toEqual(['all none'])
    expect(await failure(ctx, 'deleteTrackerView', { id: first.id })).toMatchObject({ code: 'not_found' })
    expect(await failure(ctx, 'saveTrackerView', { name: 'bad', definition: { statuses: ['maybe'] } })).toMatchObject({ code: 'invalid_input' })
    expect(await auditRows(ctx, 'tracker.view.create')).toHaveLength(2)
    expect(await auditRows(ctx, 'tracker.view.update')).toHaveLength(1)
    expect(await auditRows(ctx, 'tracker.view.delete')).toHaveLength(1)
  })

  it.each([
    ['2020-01-15', '2020-03-31', ['2020-01-15', '2020-01-31', '2020-02-29', '2020-03-31']],
    ['2020-01-31', '2020-03-15', ['2020-01-31', '2020-02-29', '2020-03-15']],
    ['2020-02-01', '2020-02-10', ['2020-02-01', '2020-02-10']],
    ['2019-12-31', '2019-12-31', ['2019-12-31']]
  ])('trend dates from %s to %s', (from, to, expected) => {
    expect(trendDates(from, to)).toEqual(expected)
  })

  it('trackerTrend gives each month the counts of that date, and refuses bad ranges', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 80 })
    const trend = await call(ctx, 'trackerTrend', { from: '2019-10-01', to: asOf })
    expect(trend.map((c) => c.asOf)).toEqual(['2019-10-01', '2019-10-31', '2019-11-30', '2019-12-31', '2020-01-31', '2020-02-29', '2020-03-31'])
    for (const point of trend) expect(point).toEqual(await trackerCounts(ctx.db, point.asOf))
    expect(await failure(ctx, 'trackerTrend', { from: asOf, to: '2019-10-01' })).toMatchObject({
      code: 'invalid_input',
      message: 'From must not be after the "To" date.'
    })
    expect(await failure(ctx, 'trackerTrend', { from: '2000-01-01', to: asOf })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/at most 120 months/)
    })
  })

  it('childTimeline shows episodes, every event (amended ones marked), actions and the tracker row', async () => {
    const ctx = await tempContext(asOf)
    await insertHistory(ctx.db, 'C1', {
      episodes: [
        ['2018-01-01', '2019-01-01', 'S', 'C1'],
        ['2019-01-01', null, 'L', 'C2']
      ],
      decisions: [
        { date: '2019-06-01', outcome: 'agreed', superseded: true },
        { date: '2019-06-01', outcome: 'not_agreed', recordedAt: '2019-06-02' }
      ],
      oversight: [{ date: '2019-09-01' }]
    })
    await insertHistory(ctx.db, 'C2', { episodes: [['2018-01-01', '2019-01-01', 'S', 'C1']] })
    await ctx.db
      .prepare(
        "INSERT INTO action (child_id, description, owner, due_date, created_by, created_at) VALUES ('C1', 'Review care plan', 'SW', '2020-05-01', 't', '2019-06-02')"
      )
      .run()
    const timeline = await call(ctx, 'childTimeline', { childId: 'C1', asOf })
    expect(timeline.tracker).toMatchObject({ childId: 'C1', status: 'not_agreed', periodStart: '2018-01-01', legalStatusSince: '2019-01-01' })
    expect(timeline.episodes.map((e) => e.ls)).toEqual(['C1', 'C2'])
    expect(timeline.events.map((e) => [e.date, e.kind, e.outcome, e.superseded])).toEqual([
      ['2019-09-01', 'oversight', 'oversight', false],
      ['2019-06-01', 'decision', 'not_agreed', false],
      ['2019-06-01', 'decision', 'agreed', true]
    ])
    expect(timeline.actions.map((a) => a.description)).toEqual(['Review care plan'])
    expect((await call(ctx, 'childTimeline', { childId: 'C2', asOf })).tracker).toBeNull()
    expect(await failure(ctx, 'childTimeline', { childId: 'NOPE', asOf })).toMatchObject({ code: 'not_found' })
  })
})
