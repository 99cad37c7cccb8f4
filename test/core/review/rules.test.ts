import { describe, expect, it } from 'vitest'
import type { ReviewSnapshot } from '../../../src/shared/api'
import { monthPoints } from '../../../src/main/core/review/dashboard'
import { legalStatusSpells } from '../../../src/main/core/review/detail'
import { changesSince, quarterLabel, validateOutcome, type CurrentState } from '../../../src/main/core/review/rules'

describe('quarterLabel (financial-year quarters)', () => {
  it.each([
    ['2020-03-31', '2019-20 Q4'],
    ['2020-04-01', '2020-21 Q1'],
    ['2020-06-30', '2020-21 Q1'],
    ['2020-07-01', '2020-21 Q2'],
    ['2020-12-31', '2020-21 Q3'],
    ['2021-01-01', '2020-21 Q4'],
    ['1999-05-10', '1999-00 Q1']
  ])('%s is %s', (date, label) => expect(quarterLabel(date)).toBe(label))
})

const snapshot: ReviewSnapshot = {
  ls: 'C2',
  legalStatusSince: '2018-01-01',
  periodStart: '2017-06-01',
  placement: 'U4',
  placementProvider: 'PR1',
  carer: 'A carer',
  placementStart: '2018-02-01',
  placementsLast12Months: 1,
  status: 'none',
  decisionDate: null,
  lastPanelDate: null,
  lastOversightDate: null
}
const same: CurrentState = { ls: 'C2', status: 'none', decisionDate: null }

describe('changesSince', () => {
  it.each<[string, CurrentState | undefined, string[]]>([
    ['nothing moved', same, []],
    ['oversight recorded since (not a change of order)', { ...same, status: 'oversight' }, []],
    ['left care', undefined, ['left_care']],
    ['placement order made', { ...same, ls: 'E1' }, ['legal_status']],
    ['panel agreed after the start', { ...same, status: 'agreed', decisionDate: '2020-05-01' }, ['decision']],
    ['decision dated on the start date is not "since"', { ...same, status: 'not_agreed', decisionDate: '2020-03-31' }, []],
    ['order changed and decided', { ls: 'E1', status: 'not_agreed', decisionDate: '2020-04-02' }, ['legal_status', 'decision']]
  ])('%s', (_name, now, kinds) => {
    expect(changesSince(snapshot, '2020-03-31', now).map((c) => c.kind)).toEqual(kinds)
  })

  it('says what the legal status was and is', () => {
    expect(changesSince(snapshot, '2020-03-31', { ...same, ls: 'E1' })[0]?.detail).toBe(
      'Legal status now Placement order (E1) (was Full care order (C2) when the cycle opened)'
    )
  })
})

describe('validateOutcome', () => {
  const start = '2020-03-31'
  const today = '2020-04-10'
  it.each([
    ['refer_panel without a note', { outcome: 'refer_panel' as const }, { outcome: 'refer_panel', note: null, reviewDate: today, nextReviewDate: null }],
    ['trims the note', { outcome: 'other' as const, note: '  Await sibling assessment ' }, { note: 'Await sibling assessment' }],
    [
      'plan confirmed with note and next review',
      { outcome: 'plan_confirmed' as const, note: 'Stay with carers', reviewDate: '2020-04-01', nextReviewDate: '2020-07-01' },
      { reviewDate: '2020-04-01', nextReviewDate: '2020-07-01' }
    ],
    ['kdm with the legal question', { outcome: 'refer_kdm' as const, note: 'Discharge of s20?' }, { outcome: 'refer_kdm' }],
    [
      'a next review a year on',
      { outcome: 'plan_confirmed' as const, note: 'Stay with carers', reviewDate: '2020-04-01', nextReviewDate: '2021-04-01' },
      { nextReviewDate: '2021-04-01' }
    ]
  ])('accepts %s', (_name, input, expected) => {
    expect(validateOutcome(input, start, today)).toMatchObject(expected)
  })

  it.each([
    ['plan confirmed without a note', { outcome: 'plan_confirmed' as const, nextReviewDate: '2020-07-01' }, /oversight note/],
    ['plan confirmed without a next review', { outcome: 'plan_confirmed' as const, note: 'ok' }, /next review date/],
    ['kdm without a note', { outcome: 'refer_kdm' as const, note: '   ' }, /legal advice/],
    ['other without a note', { outcome: 'other' as const }, /needs a note/],
    ['review before the cycle', { outcome: 'refer_panel' as const, reviewDate: '2020-03-30' }, /before the cycle started/],
    ['review in the future', { outcome: 'refer_panel' as const, reviewDate: '2020-04-11' }, /in the future/],
    ['next review not after the review', { outcome: 'refer_panel' as const, reviewDate: '2020-04-01', nextReviewDate: '2020-04-01' }, /must be after/],
    [
      'a next review more than a year on (a slip in the year)',
      { outcome: 'plan_confirmed' as const, note: 'ok', reviewDate: '2020-04-01', nextReviewDate: '2090-04-02' },
      'The next review date (02/04/2090) is more than a year after the review date (01/04/2020): check the year, or set the date within a year, by 01/04/2021.'
    ]
  ])('refuses %s', (_name, input, message) => {
    expect(() => validateOutcome(input, start, today)).toThrow(message)
  })

  it.each([
    ['plan confirmed without a note', { outcome: 'plan_confirmed' as const, nextReviewDate: '2020-07-01' }, 'note', 'Note'],
    ['kdm without a note', { outcome: 'refer_kdm' as const, note: '   ' }, 'note', 'Note'],
    ['other without a note', { outcome: 'other' as const }, 'note', 'Note'],
    ['plan confirmed without a next review', { outcome: 'plan_confirmed' as const, note: 'ok' }, 'nextReviewDate', 'Next review date']
  ])('names the field it refuses: %s', (_name, input, path, label) => {
    expect(() => validateOutcome(input, start, today)).toThrow(
      expect.objectContaining({ code: 'invalid_input', fields: [expect.objectContaining({ path, label })] })
    )
  })
})

describe('legalStatusSpells', () => {
  it('joins placement moves under one status and splits on a change or a gap in care', () => {
    expect(
      legalStatusSpells([
        { decom: '2015-01-01', dec: '2015-06-01', ls: 'V2' },
        { decom: '2016-01-01', dec: '2016-03-01', ls: 'C1' },
        { decom: '2016-03-01', dec: '2016-09-01', ls: 'C1' },
        { decom: '2016-09-01', dec: '2017-01-01', ls: 'C2' },
        { decom: '2017-01-01', dec: null, ls: 'C2' }
      ])
    ).toEqual([
      { ls: 'V2', from: '2015-01-01', to: '2015-06-01' },
      { ls: 'C1', from: '2016-01-01', to: '2016-09-01' },
      { ls: 'C2', from: '2016-09-01', to: null }
    ])
  })
})

describe('monthPoints', () => {
  it('ends each earlier month and finishes on the date itself', () => {
    expect(monthPoints('2020-03-15', 4)).toEqual(['2019-12-31', '2020-01-31', '2020-02-29', '2020-03-15'])
    expect(monthPoints('2020-03-31', 1)).toEqual(['2020-03-31'])
  })
})
