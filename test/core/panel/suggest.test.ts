import { describe, expect, it } from 'vitest'
import { reasonsFor, rankSuggestions, type CandidateFacts } from '../../../src/main/core/panel/suggest'

const date = '2020-06-30'
const base: CandidateFacts = {
  childId: 'C1',
  name: 'Test Child',
  ls: 'C1',
  legalStatusGroup: 'ICO',
  status: 'none',
  legalStatusSince: '2020-01-01',
  placementStart: '2020-01-01',
  lastPanelDate: null,
  latestDecision: null,
  oversightReviewDate: null,
  referredOn: null,
  carersChangedSinceDecision: false,
  carersSince: '2020-01-01',
  carePlanConfirmed: null
}
const facts = (over: Partial<CandidateFacts>): CandidateFacts => ({ ...base, ...over })
const codes = (f: CandidateFacts): string[] => reasonsFor(f, date).map((r) => r.code)

describe('agenda suggestion reasons', () => {
  it.each([
    { name: 'nothing to bring', f: facts({}), expected: [] },
    { name: 'FCO without a decision', f: facts({ ls: 'C2', legalStatusGroup: 'FCO', legalStatusSince: '2019-01-10' }), expected: ['fco_no_decision'] },
    { name: 'FCO under oversight still has no decision', f: facts({ legalStatusGroup: 'FCO', status: 'oversight' }), expected: ['fco_no_decision'] },
    { name: 'FCO with an agreed decision', f: facts({ legalStatusGroup: 'FCO', status: 'agreed', lastPanelDate: '2019-05-01' }), expected: [] },
    { name: 'FCO not agreed is decided', f: facts({ legalStatusGroup: 'FCO', status: 'not_agreed', lastPanelDate: '2019-05-01' }), expected: [] },
    {
      name: 'deferral due back on the meeting date',
      f: facts({ latestDecision: { outcome: 'deferred', date: '2020-05-01', returnDate: '2020-06-30' }, lastPanelDate: '2020-05-01' }),
      expected: ['deferred_due']
    },
    {
      name: 'deferral not yet due',
      f: facts({ latestDecision: { outcome: 'deferred', date: '2020-05-01', returnDate: '2020-07-01' }, lastPanelDate: '2020-05-01' }),
      expected: []
    },
    {
      name: 'deferral followed by a decision is done',
      f: facts({ latestDecision: { outcome: 'agreed', date: '2020-06-01', returnDate: null }, status: 'agreed', lastPanelDate: '2020-06-01' }),
      expected: []
    },
    { name: 'Head of Service referral', f: facts({ referredOn: '2020-04-15' }), expected: ['hos_referral'] },
    { name: 'referral already heard', f: facts({ referredOn: '2020-04-15', lastPanelDate: '2020-05-20', status: 'agreed' }), expected: [] },
    { name: 'referral after the meeting date', f: facts({ referredOn: '2020-07-15' }), expected: [] },
    { name: 'oversight past review', f: facts({ status: 'oversight', oversightReviewDate: '2020-05-01' }), expected: ['oversight_overdue'] },
    { name: 'oversight review still ahead', f: facts({ status: 'oversight', oversightReviewDate: '2020-08-01' }), expected: [] },
    { name: 'long stable placement', f: facts({ placementStart: '2018-06-30' }), expected: ['long_stable'] },
    { name: 'placement one day short of two years', f: facts({ placementStart: '2018-07-01' }), expected: [] },
    {
      name: 'stable but considered in this placement',
      f: facts({ placementStart: '2017-01-01', lastPanelDate: '2019-01-01', status: 'not_agreed' }),
      expected: []
    },
    { name: 'remand is never a permanence case', f: facts({ legalStatusGroup: 'REMAND', placementStart: '2017-01-01' }), expected: [] },
    {
      name: 'carers changed since the decision',
      f: facts({ legalStatusGroup: 'FCO', status: 'oversight', carersChangedSinceDecision: true, carersSince: '2020-03-01' }),
      expected: ['carers_changed', 'fco_no_decision']
    },
    {
      name: 'plan confirmed at review, no decision yet: first',
      f: facts({ carePlanConfirmed: '2020-05-01', referredOn: '2020-04-15' }),
      expected: ['plan_confirmed', 'hos_referral']
    },
    { name: 'plan confirmed after the meeting date', f: facts({ carePlanConfirmed: '2020-07-01' }), expected: [] },
    { name: 'plan confirmed but decided', f: facts({ carePlanConfirmed: '2020-05-01', status: 'agreed', lastPanelDate: '2020-06-01' }), expected: [] },
    {
      name: 'several reasons, most pressing first',
      f: facts({ legalStatusGroup: 'FCO', status: 'oversight', oversightReviewDate: '2020-03-01', referredOn: '2020-04-01', placementStart: '2015-01-01' }),
      expected: ['hos_referral', 'oversight_overdue', 'fco_no_decision', 'long_stable']
    }
  ])('$name', ({ f, expected }) => {
    expect(codes(f)).toEqual(expected)
  })

  it('says why in words, with dates and how long', () => {
    const [reason] = reasonsFor(facts({ legalStatusGroup: 'FCO', legalStatusSince: '2017-06-30' }), date)
    expect(reason).toEqual({ code: 'fco_no_decision', since: '2017-06-30', text: 'Full care order since 30/06/2017 (3.0 years) without a panel decision' })
    expect(reasonsFor(facts({ status: 'oversight', oversightReviewDate: '2020-06-20' }), date)[0]?.text).toBe(
      'Under management oversight; its review was due 20/06/2020 (10 days ago)'
    )
  })
})

describe('agenda suggestion ranking', () => {
  const all = [
    facts({ childId: 'FCO-NEW', legalStatusGroup: 'FCO', legalStatusSince: '2019-12-01' }),
    facts({ childId: 'STABLE', placementStart: '2016-01-01' }),
    facts({ childId: 'FCO-OLD', legalStatusGroup: 'FCO', legalStatusSince: '2016-03-01' }),
    facts({ childId: 'DEFERRED', latestDecision: { outcome: 'deferred', date: '2020-04-01', returnDate: '2020-06-01' }, lastPanelDate: '2020-04-01' }),
    facts({ childId: 'NONE' }),
    facts({ childId: 'OVERSIGHT', status: 'oversight', oversightReviewDate: '2020-06-01' }),
    facts({ childId: 'REFERRED', referredOn: '2020-05-01' }),
    facts({ childId: 'FCO-OLD-STABLE', legalStatusGroup: 'FCO', legalStatusSince: '2016-03-01', placementStart: '2016-03-01' })
  ]

  it('orders by reason priority, then longest waiting, then more reasons', () => {
    expect(rankSuggestions(all, date).map((s) => s.childId)).toEqual(['DEFERRED', 'REFERRED', 'OVERSIGHT', 'FCO-OLD-STABLE', 'FCO-OLD', 'FCO-NEW', 'STABLE'])
  })

  it('honours the limit and carries the reasons', () => {
    const top = rankSuggestions(all, date, 2)
    expect(top.map((s) => s.childId)).toEqual(['DEFERRED', 'REFERRED'])
    expect(top[0]).toMatchObject({ name: 'Test Child', reasons: [{ code: 'deferred_due' }] })
  })
})
