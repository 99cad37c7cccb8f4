import { describe, expect, it } from 'vitest'
import type { LegalStatusGroup, PermanenceStatus } from '../../../src/shared/contract/tracker'
import { trackerCounts, trackerRows } from '../../../src/main/core/tracker/queries'
import { childOnDay, legalStatusGroup } from '../../../src/main/core/tracker/rules'
import { tempContext } from '../../helpers/tmp'
import { insertHistory, readHistory, type History } from './history'
import { defined } from '../../helpers/defined'

interface Expected {
  group: LegalStatusGroup
  periodStart: string | null
  status: PermanenceStatus
  /** Only checked when given. */
  carersChanged?: boolean
}

interface Case {
  name: string
  history: History
  day: string
  /** null: not looked after on `day`. */
  expected: Expected | null
}

const fco = (periodStart: string | null, status: PermanenceStatus = 'none'): Expected => ({ group: 'FCO', periodStart, status })

// Every case runs through the pure rules and through the SQL, which must agree.
const cases: Case[] = [
  // Looked after on D
  { name: 'episode starting on D counts', day: '2020-03-31', history: { episodes: [['2020-03-31', null, 'S', 'C2']] }, expected: fco('2020-03-31') },
  { name: 'episode ending on D does not count', day: '2020-03-31', history: { episodes: [['2019-01-01', '2020-03-31', 'S', 'C2']] }, expected: null },
  {
    name: 'episode ending the day after D counts',
    day: '2020-03-30',
    history: { episodes: [['2019-01-01', '2020-03-31', 'S', 'C2']] },
    expected: fco('2019-01-01')
  },
  { name: 'episode starting the day after D does not count', day: '2020-03-30', history: { episodes: [['2020-03-31', null, 'S', 'C2']] }, expected: null },
  { name: 'V3 short breaks are not looked after', day: '2020-03-31', history: { episodes: [['2020-01-01', null, 'S', 'V3']] }, expected: null },
  { name: 'V4 short breaks are not looked after', day: '2020-03-31', history: { episodes: [['2020-01-01', null, 'S', 'V4']] }, expected: null },
  {
    name: 'a short break overlapping a care order does not hide the order',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-01-01', null, 'S', 'C2'],
        ['2020-03-01', null, 'S', 'V3']
      ]
    },
    expected: fco('2019-01-01')
  },
  {
    name: 'overlapping episodes: the latest DECOM counts',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-06-01', null, 'S', 'C1'],
        ['2019-01-01', null, 'S', 'C2']
      ]
    },
    expected: { group: 'ICO', periodStart: '2019-06-01', status: 'none' }
  },
  {
    name: 'overlapping episodes on the same DECOM: the one imported last counts',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-06-01', null, 'S', 'C1'],
        ['2019-06-01', null, 'S', 'V2']
      ]
    },
    expected: { group: 'S20', periodStart: '2019-06-01', status: 'none' }
  },
  // X1 same-day transfers and the walk back
  {
    name: 'X1 same-day transfer: the day of the change is in the new episode, the period goes on',
    day: '2019-06-01',
    history: {
      episodes: [
        ['2019-01-01', '2019-06-01', 'S', 'C1'],
        ['2019-06-01', null, 'L', 'C2']
      ]
    },
    expected: fco('2019-01-01')
  },
  {
    name: 'X1 same-day transfer: the day before is the old episode',
    day: '2019-05-31',
    history: {
      episodes: [
        ['2019-01-01', '2019-06-01', 'S', 'C1'],
        ['2019-06-01', null, 'L', 'C2']
      ]
    },
    expected: { group: 'ICO', periodStart: '2019-01-01', status: 'none' }
  },
  {
    name: 'the walk crosses several placement moves back to RNE = S',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2017-02-01', '2018-01-10', 'S', 'V2'],
        ['2018-01-10', '2018-09-01', 'L', 'C2'],
        ['2018-09-01', '2019-04-04', 'P', 'C2'],
        ['2019-04-04', null, 'T', 'C2']
      ]
    },
    expected: fco('2017-02-01')
  },
  {
    name: 'the walk stops at RNE = S even when an episode ended that day',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2016-01-01', '2019-01-01', 'S', 'V2'],
        ['2019-01-01', null, 'S', 'C2']
      ]
    },
    expected: fco('2019-01-01')
  },
  {
    name: 'of two predecessors the latest-starting is followed',
    day: '2020-03-31',
    // The 2018-06-01 episode ends on the right day but the walk goes through 2018-09-01 (RNE = S).
    history: {
      episodes: [
        ['2018-06-01', '2019-01-01', 'P', 'C1'],
        ['2018-09-01', '2019-01-01', 'S', 'C1'],
        ['2019-01-01', null, 'L', 'C2']
      ]
    },
    expected: fco('2018-09-01')
  },
  {
    name: 'an episode ending a day before is not a predecessor: a new period starts',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2018-01-01', '2018-12-31', 'S', 'C1'],
        ['2019-01-01', null, 'P', 'C2']
      ]
    },
    expected: fco('2019-01-01')
  },
  // Returns that start mid-period
  {
    name: 'a return that starts mid-period has no known start',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-04-01', '2019-08-01', 'T', 'C1'],
        ['2019-08-01', null, 'L', 'C2']
      ],
      decisions: [{ date: '2019-03-01', outcome: 'agreed' }]
    },
    expected: fco(null, 'agreed')
  },
  {
    name: 'a mid-period start with RNE = S is a real start',
    day: '2020-03-31',
    history: { episodes: [['2019-04-01', null, 'S', 'C2']], decisions: [{ date: '2019-03-01', outcome: 'agreed' }] },
    expected: fco('2019-04-01', 'none')
  },
  // The decision is about the carers (issue 15). Hand-worked: an unnamed decision counts
  // from the DECOM of the latest S/P/B episode back along the period's chain.
  ...(['T', 'U', 'L'] as const).map((rne): Case => ({
    name: `a move with RNE ${rne} keeps an unnamed decision (same carers)`,
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-01-01', '2019-09-01', 'S', 'C2'],
        ['2019-09-01', null, rne, 'C2']
      ],
      decisions: [{ date: '2019-06-01', outcome: 'agreed' }]
    },
    expected: { ...fco('2019-01-01', 'agreed'), carersChanged: false }
  })),
  ...(['P', 'B'] as const).map((rne): Case => ({
    name: `a move with RNE ${rne} ends an unnamed decision (new carers), flagged`,
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-01-01', '2019-09-01', 'S', 'C2'],
        ['2019-09-01', null, rne, 'C2']
      ],
      decisions: [{ date: '2019-06-01', outcome: 'not_agreed' }]
    },
    expected: { ...fco('2019-01-01', 'none'), carersChanged: true }
  })),
  {
    name: 'P then T: the carers began at the P, a decision after it counts',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2018-01-01', '2019-01-01', 'S', 'C2'],
        ['2019-01-01', '2019-09-01', 'P', 'C2'],
        ['2019-09-01', null, 'T', 'C2']
      ],
      decisions: [
        { date: '2018-06-01', outcome: 'agreed' },
        { date: '2019-02-01', outcome: 'not_agreed' }
      ]
    },
    expected: { ...fco('2018-01-01', 'not_agreed'), carersChanged: false }
  },
  {
    name: 'a decision on the day of the move to new carers counts',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-01-01', '2019-09-01', 'S', 'C2'],
        ['2019-09-01', null, 'P', 'C2']
      ],
      decisions: [{ date: '2019-09-01', outcome: 'agreed' }]
    },
    expected: { ...fco('2019-01-01', 'agreed'), carersChanged: false }
  },
  {
    name: 'oversight keeps the period rule across a move to new carers',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-01-01', '2019-09-01', 'S', 'C2'],
        ['2019-09-01', null, 'P', 'C2']
      ],
      decisions: [{ date: '2019-06-01', outcome: 'agreed' }],
      oversight: [{ date: '2019-03-01' }]
    },
    expected: { ...fco('2019-01-01', 'oversight'), carersChanged: true }
  },
  {
    name: 'before the move, the decision still counts',
    day: '2019-08-31',
    history: {
      episodes: [
        ['2019-01-01', '2019-09-01', 'S', 'C2'],
        ['2019-09-01', null, 'P', 'C2']
      ],
      decisions: [{ date: '2019-06-01', outcome: 'agreed' }]
    },
    expected: { ...fco('2019-01-01', 'agreed'), carersChanged: false }
  },
  {
    name: 'records starting mid-period with only T/L episodes: no lower bound beyond the period',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-04-01', '2019-09-01', 'L', 'C2'],
        ['2019-09-01', null, 'T', 'C2']
      ],
      decisions: [{ date: '2018-01-01', outcome: 'agreed' }]
    },
    expected: { ...fco(null, 'agreed'), carersChanged: false }
  },
  {
    name: 'a decision naming carers follows them through a P move back to them',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2018-01-01', '2019-01-01', 'S', 'C2'],
        ['2019-01-01', '2019-06-01', 'P', 'C2'],
        ['2019-06-01', null, 'P', 'C2']
      ],
      carers: [
        ['2018-01-01', 'Ann Carer'],
        ['2019-01-01', 'Bob Other'],
        ['2019-06-01', 'Ann Carer']
      ],
      decisions: [{ date: '2018-06-01', outcome: 'agreed', carers: ['Ann Carer'] }]
    },
    expected: { ...fco('2018-01-01', 'agreed'), carersChanged: false }
  },
  {
    name: 'a decision naming carers lapses while the child lives with others',
    day: '2019-03-01',
    history: {
      episodes: [
        ['2018-01-01', '2019-01-01', 'S', 'C2'],
        ['2019-01-01', '2019-06-01', 'P', 'C2'],
        ['2019-06-01', null, 'P', 'C2']
      ],
      carers: [
        ['2018-01-01', 'Ann Carer'],
        ['2019-01-01', 'Bob Other'],
        ['2019-06-01', 'Ann Carer']
      ],
      decisions: [{ date: '2018-06-01', outcome: 'agreed', carers: ['Ann Carer'] }]
    },
    expected: { ...fco('2018-01-01', 'none'), carersChanged: true }
  },
  {
    name: 'a decision naming carers lapses on a P move to carers not yet linked',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-01-01', '2019-09-01', 'S', 'C2'],
        ['2019-09-01', null, 'P', 'C2']
      ],
      carers: [['2019-01-01', 'Ann Carer']],
      decisions: [{ date: '2019-06-01', outcome: 'agreed', carers: ['Ann Carer'] }]
    },
    expected: { ...fco('2019-01-01', 'none'), carersChanged: true }
  },
  {
    name: 'a decision naming carers needs every carer it names to be current',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2019-01-01', '2019-09-01', 'S', 'C2'],
        ['2019-09-01', null, 'T', 'C2']
      ],
      carers: [['2019-01-01', 'Ann Carer']],
      decisions: [{ date: '2019-06-01', outcome: 'agreed', carers: ['Ann Carer', 'Ann Partner'] }]
    },
    expected: { ...fco('2019-01-01', 'none'), carersChanged: true }
  },
  {
    name: 'a named decision from a previous period does not count when the child returns to the same carers',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2017-01-01', '2018-01-01', 'S', 'C2'],
        ['2019-01-01', null, 'S', 'C2']
      ],
      carers: [
        ['2017-01-01', 'Ann Carer'],
        ['2019-01-01', 'Ann Carer']
      ],
      decisions: [{ date: '2017-06-01', outcome: 'agreed', carers: ['Ann Carer'] }]
    },
    expected: { ...fco('2019-01-01', 'none'), carersChanged: false }
  },
  // Permanence status
  {
    name: 'decisions before re-entry do not carry into the new period',
    day: '2020-03-31',
    history: {
      episodes: [
        ['2016-01-01', '2018-01-01', 'S', 'C2'],
        ['2019-01-01', null, 'S', 'C2']
      ],
      decisions: [{ date: '2017-05-01', outcome: 'agreed' }],
      oversight: [{ date: '2017-06-01' }]
    },
    expected: fco('2019-01-01', 'none')
  },
  {
    name: 'a decision on the period start day counts',
    day: '2020-03-31',
    history: { episodes: [['2019-01-01', null, 'S', 'C2']], decisions: [{ date: '2019-01-01', outcome: 'not_agreed' }] },
    expected: fco('2019-01-01', 'not_agreed')
  },
  {
    name: 'a decision the day before the period start does not count',
    day: '2020-03-31',
    history: { episodes: [['2019-01-01', null, 'S', 'C2']], decisions: [{ date: '2018-12-31', outcome: 'agreed' }] },
    expected: fco('2019-01-01', 'none')
  },
  {
    name: 'a decision on D counts',
    day: '2020-03-31',
    history: { episodes: [['2019-01-01', null, 'S', 'C2']], decisions: [{ date: '2020-03-31', outcome: 'agreed' }] },
    expected: fco('2019-01-01', 'agreed')
  },
  {
    name: 'a decision after D does not count',
    day: '2020-03-31',
    history: { episodes: [['2019-01-01', null, 'S', 'C2']], decisions: [{ date: '2020-04-01', outcome: 'agreed' }], oversight: [{ date: '2020-04-01' }] },
    expected: fco('2019-01-01', 'none')
  },
  {
    name: 'the latest decision decides',
    day: '2020-03-31',
    history: {
      episodes: [['2019-01-01', null, 'S', 'C2']],
      decisions: [
        { date: '2019-06-01', outcome: 'agreed' },
        { date: '2019-10-01', outcome: 'not_agreed' }
      ]
    },
    expected: fco('2019-01-01', 'not_agreed')
  },
  {
    name: 'the latest decision decides whatever the order of recording',
    day: '2020-03-31',
    history: {
      episodes: [['2019-01-01', null, 'S', 'C2']],
      decisions: [
        { date: '2019-10-01', outcome: 'agreed', recordedAt: '2019-10-01T10:00:00Z' },
        { date: '2019-06-01', outcome: 'not_agreed', recordedAt: '2019-12-01T10:00:00Z' }
      ]
    },
    expected: fco('2019-01-01', 'agreed')
  },
  {
    name: 'a deferral is not a decision',
    day: '2020-03-31',
    history: { episodes: [['2019-01-01', null, 'S', 'C2']], decisions: [{ date: '2019-06-01', outcome: 'deferred' }] },
    expected: fco('2019-01-01', 'none')
  },
  {
    name: 'a deferral after a decision leaves the decision standing',
    day: '2020-03-31',
    history: {
      episodes: [['2019-01-01', null, 'S', 'C2']],
      decisions: [
        { date: '2019-06-01', outcome: 'agreed' },
        { date: '2019-09-01', outcome: 'deferred' }
      ]
    },
    expected: fco('2019-01-01', 'agreed')
  },
  {
    name: 'a deferral with oversight is oversight',
    day: '2020-03-31',
    history: { episodes: [['2019-01-01', null, 'S', 'C2']], decisions: [{ date: '2019-06-01', outcome: 'deferred' }], oversight: [{ date: '2019-02-01' }] },
    expected: fco('2019-01-01', 'oversight')
  },
  {
    name: 'an oversight entry gives oversight',
    day: '2020-03-31',
    history: { episodes: [['2019-01-01', null, 'S', 'C2']], oversight: [{ date: '2020-03-31' }] },
    expected: fco('2019-01-01', 'oversight')
  },
  {
    name: 'an oversight entry before the period start does not count',
    day: '2020-03-31',
    history: { episodes: [['2019-01-01', null, 'S', 'C2']], oversight: [{ date: '2018-12-31' }] },
    expected: fco('2019-01-01', 'none')
  },
  {
    name: 'oversight recorded by the panel counts as oversight',
    day: '2020-03-31',
    history: { episodes: [['2019-01-01', null, 'S', 'C2']], decisions: [{ date: '2019-06-01', outcome: 'oversight' }] },
    expected: fco('2019-01-01', 'oversight')
  },
  {
    name: 'a panel decision outranks later oversight',
    day: '2020-03-31',
    history: { episodes: [['2019-01-01', null, 'S', 'C2']], decisions: [{ date: '2019-06-01', outcome: 'not_agreed' }], oversight: [{ date: '2020-01-01' }] },
    expected: fco('2019-01-01', 'not_agreed')
  },
  {
    name: 'same-day decisions: the one recorded last wins (not agreed)',
    day: '2020-03-31',
    history: {
      episodes: [['2019-01-01', null, 'S', 'C2']],
      decisions: [
        { date: '2019-06-01', outcome: 'agreed', recordedAt: '2019-06-01T10:00:00Z' },
        { date: '2019-06-01', outcome: 'not_agreed', recordedAt: '2019-06-01T11:00:00Z' }
      ]
    },
    expected: fco('2019-01-01', 'not_agreed')
  },
  {
    name: 'same-day decisions: the one recorded last wins (agreed, inserted first)',
    day: '2020-03-31',
    history: {
      episodes: [['2019-01-01', null, 'S', 'C2']],
      decisions: [
        { date: '2019-06-01', outcome: 'agreed', recordedAt: '2019-06-02T09:00:00Z' },
        { date: '2019-06-01', outcome: 'not_agreed', recordedAt: '2019-06-01T11:00:00Z' }
      ]
    },
    expected: fco('2019-01-01', 'agreed')
  }
]

describe('tracker rules', () => {
  it.each(cases)('$name', async ({ history, day, expected }) => {
    const ctx = await tempContext()
    await insertHistory(ctx.db, 'C1', history)
    const { episodes, events, placementCarers } = await readHistory(ctx.db, 'C1')
    const pure = childOnDay(episodes, events, day, placementCarers)
    const [sql] = await trackerRows(ctx.db, day)
    if (expected === null) {
      expect(pure).toBeNull()
      expect(sql).toBeUndefined()
      return
    }
    const changed = (flag: boolean): { carersChanged?: boolean } => (expected.carersChanged === undefined ? {} : { carersChanged: flag })
    expect(pure && { group: pure.legalStatusGroup, periodStart: pure.periodStart, status: pure.status, ...changed(pure.carersChanged) }).toEqual(expected)
    expect(sql && { group: sql.legalStatusGroup, periodStart: sql.periodStart, status: sql.status, ...changed(sql.carersChangedSinceDecision) }).toEqual(
      expected
    )
    expect((await trackerCounts(ctx.db, day)).carersChangedSinceDecision).toBe(defined(sql, 'the tracker row').carersChangedSinceDecision ? 1 : 0)
    expect(sql?.episodeId).toBe(pure!.episode.id)
  })

  it('ignores amended (superseded) decisions', async () => {
    const ctx = await tempContext()
    await insertHistory(ctx.db, 'C1', {
      episodes: [['2019-01-01', null, 'S', 'C2']],
      decisions: [
        { date: '2019-06-01', outcome: 'agreed', superseded: true },
        { date: '2019-06-01', outcome: 'deferred' }
      ]
    })
    expect((await trackerRows(ctx.db, '2020-03-31'))[0]?.status).toBe('none')
    expect(childOnDay((await readHistory(ctx.db, 'C1')).episodes, (await readHistory(ctx.db, 'C1')).events, '2020-03-31')?.status).toBe('none')
  })

  it.each([
    ['C2', 'FCO'],
    ['C1', 'ICO'],
    ['V2', 'S20'],
    ['E1', 'PO'],
    ['D1', 'PO'],
    ['J1', 'REMAND'],
    ['J2', 'REMAND'],
    ['J3', 'REMAND'],
    ['L1', 'OTHER'],
    ['L2', 'OTHER'],
    ['L3', 'OTHER'],
    ['c2', 'OTHER'],
    [null, 'OTHER']
  ] as const)('legal status %s is in group %s, in the rules and in SQL', async (ls, group) => {
    expect(legalStatusGroup(ls)).toBe(group)
    const ctx = await tempContext()
    await ctx.db.prepare("INSERT INTO child (child_id) VALUES ('C1')").run()
    await ctx.db.prepare("INSERT INTO episode (child_id, decom, rne, ls, seq) VALUES ('C1', '2019-01-01', 'S', ?, 1)").run(ls)
    expect((await trackerRows(ctx.db, '2020-03-31'))[0]?.legalStatusGroup).toBe(group)
  })
})
