import { describe, expect, it } from 'vitest'
import type { Context } from '../../../src/main/core/context'
import { dispatch } from '../../../src/main/core/dispatch'
import { hasNoDecisionNoOversight, hasNoPanelDecision, lacksAgreedDecision } from '../../../src/main/core/tracker/figures'
import type { ReviewCycleSummary, ReviewDashboard, TrackerCounts, TrackerView } from '../../../src/shared/api'
import { driftLabel, figureLabels, permanenceStatuses } from '../../../src/shared/contract/tracker'
import { demoContext } from '../../helpers/tmp'

const asOf = '2020-03-31'

async function call<T>(ctx: Context, name: string, input: unknown): Promise<T> {
  const result = await dispatch(ctx, name, input)
  if (!result.ok) throw new Error(result.error.message)
  return result.value as T
}

describe('each "without a decision" figure has one meaning', () => {
  // The temp database closes after each test, so each test makes its own.
  async function demo(): Promise<{ ctx: Context; view: TrackerView }> {
    const ctx = await demoContext({ asOf, lookedAfter: 200 })
    return { ctx, view: await call<TrackerView>(ctx, 'trackerView', { asOf }) }
  }

  it('defines the three figures as different sets of statuses', () => {
    const pick = (f: (s: (typeof permanenceStatuses)[number]) => boolean) => permanenceStatuses.filter(f)
    expect(pick(hasNoDecisionNoOversight)).toEqual(['none'])
    expect(pick(hasNoPanelDecision)).toEqual(['oversight', 'none'])
    expect(pick(lacksAgreedDecision)).toEqual(['not_agreed', 'oversight', 'none'])
    expect(new Set(Object.values(figureLabels)).size).toBe(Object.values(figureLabels).length)
  })

  it('gives the same number for "FCO, no panel decision and no oversight" from every call that shows it', async () => {
    const { ctx, view } = await demo()
    const counts = await call<TrackerCounts>(ctx, 'trackerCounts', { asOf })
    const dashboard = await call<ReviewDashboard>(ctx, 'reviewDashboard', { asOf })
    const fromRows = view.rows.filter((r) => r.legalStatusGroup === 'FCO' && hasNoDecisionNoOversight(r.status)).length
    expect(fromRows).toBeGreaterThan(0)
    expect(counts.noDecisionByLegalStatus.FCO).toBe(fromRows)
    expect(view.counts.noDecisionByLegalStatus.FCO).toBe(fromRows)
    expect(dashboard.trend.at(-1)!.asOf).toBe(asOf)
    expect(dashboard.trend.at(-1)!.noDecisionByLegalStatus.FCO).toBe(fromRows)
    // The tracker's "None" tile is the same figure over every legal status.
    expect(counts.permanence.none).toBe(view.rows.filter((r) => hasNoDecisionNoOversight(r.status)).length)
  })

  it('counts the review cohort by its definition, and the longest waits as "without an agreed decision"', async () => {
    const { ctx, view } = await demo()
    // The FCO cohort (issue 15): no decision and no oversight, unless placed with parents (the PWP audit).
    const fcoCohort = view.rows.filter(
      (r) => r.legalStatusGroup === 'FCO' && hasNoDecisionNoOversight(r.status) && !r.flags.includes('placed_with_parents')
    ).length
    const dashboard = await call<ReviewDashboard>(ctx, 'reviewDashboard', { asOf })
    const opened = await call<ReviewCycleSummary>(ctx, 'openReviewCycle', { startDate: asOf })
    expect(opened.byCohort.FCO.total).toBe(fcoCohort)
    expect(opened.byCohort.FCO.total).toBeLessThanOrEqual(view.counts.noDecisionByLegalStatus.FCO)
    // Different words, different numbers: the waits also list children under oversight or not agreed.
    const withoutAgreed = view.rows.filter((r) => r.legalStatusGroup === 'FCO' && lacksAgreedDecision(r.status)).length
    expect(withoutAgreed).toBeGreaterThan(view.counts.noDecisionByLegalStatus.FCO)
    expect(dashboard.longestWaits.length).toBeGreaterThan(0)
    for (const w of dashboard.longestWaits) expect(lacksAgreedDecision(w.status)).toBe(true)
  })

  it('gives the drift flag "FCO over N months, no panel decision" its own count and label', async () => {
    const { view } = await demo()
    const flagged = view.rows.filter((r) => r.drift.includes('fco_no_decision'))
    expect(view.driftCounts.fco_no_decision).toBe(flagged.length)
    for (const r of flagged) expect(hasNoPanelDecision(r.status) && r.legalStatusGroup === 'FCO').toBe(true)
    expect(flagged.some((r) => r.status === 'oversight')).toBe(true)
    const label = driftLabel('fco_no_decision', view.thresholds)
    expect(label).toBe(`FCO over ${view.thresholds.fcoMonths} months, no panel decision (oversight or none)`)
    expect(Object.values(figureLabels)).not.toContain(label)
  })
})
