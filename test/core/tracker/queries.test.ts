import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../src/main/core/demo/random'
import type { Db } from '../../../src/main/core/store/db'
import { trackerCounts, trackerCountsOn, trackerRows } from '../../../src/main/core/tracker/queries'
import { childOnDay, type EpisodeFacts, type PermanenceEvent } from '../../../src/main/core/tracker/rules'
import { addDays, addMonths } from '../../../src/main/core/util/days'
import { demoContext, tempContext } from '../../helpers/tmp'
import { insertHistory, type History } from './history'
import { firstOf, itemAt } from '../../helpers/defined'

/**
 * The counts written a second way, straight from the rules' wording: NOT EXISTS
 * instead of window functions and LIMIT, the walk back as a plain recursive join.
 */
async function independentCounts(db: Db, day: string): Promise<{ grp: string; status: string; n: number }[]> {
  return (await db
    .prepare(
      `WITH RECURSIVE
       care AS (SELECT * FROM episode WHERE ls IS NULL OR ls NOT IN ('V3', 'V4')),
       cur AS (
         SELECT e.* FROM care e
         WHERE e.decom <= :d AND (e.dec IS NULL OR e.dec > :d)
           AND NOT EXISTS (SELECT 1 FROM care o WHERE o.child_id = e.child_id AND o.decom <= :d AND (o.dec IS NULL OR o.dec > :d)
                             AND (o.decom > e.decom OR (o.decom = e.decom AND o.seq > e.seq)))
       ),
       walk(child_id, decom, rne) AS (
         SELECT child_id, decom, rne FROM cur
         UNION
         SELECT p.child_id, p.decom, p.rne FROM walk w JOIN episode p
           ON p.child_id = w.child_id AND p.dec = w.decom AND p.decom < w.decom
         WHERE w.rne IS DISTINCT FROM 'S'
           AND NOT EXISTS (SELECT 1 FROM episode q WHERE q.child_id = p.child_id AND q.dec = w.decom AND q.decom < w.decom
                             AND (q.decom > p.decom OR (q.decom = p.decom AND q.seq > p.seq)))
       ),
       origin AS (SELECT child_id, MIN(decom) AS decom FROM walk GROUP BY child_id),
       started AS (
         SELECT o.child_id,
                CASE WHEN (SELECT w.rne FROM walk w WHERE w.child_id = o.child_id AND w.decom = o.decom) = 'S'
                       OR (SELECT MIN(decom) FROM episode x WHERE x.child_id = o.child_id) < o.decom
                     THEN o.decom END AS start
         FROM origin o
       ),
       -- The current carers' placement: the newest S/P/B along the walk, linked by its DECOM
       -- (or by the walk's origin when there is none, starting with the period).
       carers AS (
         SELECT s.child_id, s.start, o.decom AS origin,
                (SELECT MAX(w.decom) FROM walk w WHERE w.child_id = s.child_id AND w.rne IN ('S', 'P', 'B')) AS spb
         FROM started s JOIN origin o ON o.child_id = s.child_id
       ),
       events AS (
         SELECT child_id, decision_date AS day, outcome, recorded_at, id FROM decision WHERE superseded = 0
         UNION ALL SELECT child_id, entry_date, 'oversight', recorded_at, -id FROM oversight_entry
       ),
       scoped AS (
         SELECT ev.* FROM events ev JOIN carers k ON k.child_id = ev.child_id
         WHERE ev.day <= :d AND (k.start IS NULL OR ev.day >= k.start)
           AND (ev.outcome NOT IN ('agreed', 'not_agreed') OR CASE
             WHEN EXISTS (SELECT 1 FROM decision_carer n WHERE n.decision_id = ev.id)
             THEN NOT EXISTS (SELECT 1 FROM decision_carer n WHERE n.decision_id = ev.id AND NOT EXISTS (
                    SELECT 1 FROM placement_carer l WHERE l.child_id = ev.child_id AND l.placement_start = COALESCE(k.spb, k.origin) AND l.carer_id = n.carer_id))
             ELSE COALESCE(k.spb, k.start) IS NULL OR ev.day >= COALESCE(k.spb, k.start) END)
       ),
       decided AS (
         SELECT child_id, outcome FROM scoped a WHERE outcome IN ('agreed', 'not_agreed')
           AND NOT EXISTS (SELECT 1 FROM scoped b WHERE b.child_id = a.child_id AND b.outcome IN ('agreed', 'not_agreed')
                             AND (b.day > a.day OR (b.day = a.day AND (b.recorded_at > a.recorded_at OR (b.recorded_at = a.recorded_at AND b.id > a.id)))))
       )
       SELECT CASE WHEN c.ls = 'C2' THEN 'FCO' WHEN c.ls = 'C1' THEN 'ICO' WHEN c.ls = 'V2' THEN 'S20' WHEN c.ls IN ('E1', 'D1') THEN 'PO'
                   WHEN c.ls IN ('J1', 'J2', 'J3') THEN 'REMAND' ELSE 'OTHER' END AS grp,
              COALESCE((SELECT outcome FROM decided x WHERE x.child_id = c.child_id),
                       CASE WHEN EXISTS (SELECT 1 FROM scoped y WHERE y.child_id = c.child_id AND y.outcome = 'oversight') THEN 'oversight' ELSE 'none' END) AS status,
              COUNT(*) AS n
       FROM cur c GROUP BY grp, status ORDER BY grp, status`
    )
    .all({ d: day })) as { grp: string; status: string; n: number }[]
}

const key = { agreed: 'agreed', not_agreed: 'notAgreed', oversight: 'oversight', none: 'none' } as const

/** Every looked-after child on `day` by the pure rules, reading each child's records. */
async function pureRows(db: Db, day: string): Promise<Map<string, ReturnType<typeof childOnDay>>> {
  const episodes = (await db.prepare('SELECT child_id AS "childId", id, decom, dec, rne, ls, seq FROM episode').all()) as (EpisodeFacts & { childId: string })[]
  const carersOf = new Map<number, number[]>()
  for (const { decision, carer } of (await db
    .prepare('SELECT decision_id AS decision, carer_id AS carer FROM decision_carer ORDER BY decision_id, carer_id')
    .all()) as { decision: number; carer: number }[]) {
    carersOf.set(decision, [...(carersOf.get(decision) ?? []), carer])
  }
  const links = db.prepare('SELECT placement_start AS start, carer_id AS carer FROM placement_carer WHERE child_id = ?')
  const events = [
    ...(
      (await db
        .prepare('SELECT child_id AS "childId", decision_date AS date, outcome, recorded_at AS "recordedAt", id AS "order" FROM decision WHERE superseded = 0')
        .all()) as (PermanenceEvent & {
        childId: string
      })[]
    ).map((e) => ({ ...e, carers: carersOf.get(e.order) ?? [] })),
    ...((await db
      .prepare(`SELECT child_id AS "childId", entry_date AS date, 'oversight' AS outcome, recorded_at AS "recordedAt", id AS "order" FROM oversight_entry`)
      .all()) as (PermanenceEvent & {
      childId: string
    })[])
  ]
  const group = <T extends { childId: string }>(rows: T[]): Map<string, T[]> => {
    const map = new Map<string, T[]>()
    for (const r of rows) map.set(r.childId, [...(map.get(r.childId) ?? []), r])
    return map
  }
  const eventsBy = group(events)
  const result = new Map<string, ReturnType<typeof childOnDay>>()
  for (const [childId, list] of group(episodes)) {
    const placementCarers = new Map<string, number[]>()
    for (const { start, carer } of (await links.all(childId)) as { start: string; carer: number }[])
      placementCarers.set(start, [...(placementCarers.get(start) ?? []), carer])
    const found = childOnDay(list, eventsBy.get(childId) ?? [], day, placementCarers)
    if (found) result.set(childId, found)
  }
  return result
}

async function expectSqlMatchesRules(db: Db, day: string): Promise<number> {
  const pure = await pureRows(db, day)
  const rows = await trackerRows(db, day)
  expect(rows.map((r) => r.childId).sort()).toEqual([...pure.keys()].sort())
  for (const row of rows) {
    const p = pure.get(row.childId)!
    expect({
      childId: row.childId,
      episode: row.episodeId,
      group: row.legalStatusGroup,
      start: row.periodStart,
      status: row.status,
      changed: row.carersChangedSinceDecision
    }).toEqual({
      childId: row.childId,
      episode: p.episode.id,
      group: p.legalStatusGroup,
      start: p.periodStart,
      status: p.status,
      changed: p.carersChanged
    })
  }
  return rows.length
}

describe('tracker queries on the demo database', () => {
  const asOf = '2020-03-31'

  it('count the same as an independent SQL count, on the demo date and a year before', async () => {
    const ctx = await demoContext({ asOf })
    for (const day of [asOf, '2019-03-31']) {
      const counts = await trackerCounts(ctx.db, day)
      const independent = await independentCounts(ctx.db, day)
      const total = independent.reduce((sum, r) => sum + r.n, 0)
      expect(counts.asOf).toBe(day)
      expect(counts.lookedAfter).toBe(total)
      for (const grp of ['FCO', 'ICO', 'S20', 'PO', 'REMAND', 'OTHER'] as const) {
        expect(counts.byLegalStatus[grp], grp).toBe(independent.filter((r) => r.grp === grp).reduce((s, r) => s + r.n, 0))
        expect(counts.noDecisionByLegalStatus[grp], grp).toBe(independent.find((r) => r.grp === grp && r.status === 'none')?.n ?? 0)
      }
      for (const status of ['agreed', 'not_agreed', 'oversight', 'none'] as const) {
        expect(counts.permanence[key[status]], status).toBe(independent.filter((r) => r.status === status).reduce((s, r) => s + r.n, 0))
      }
    }
    // The demo is shaped to the report: 657 looked after, every status present.
    const counts = await trackerCounts(ctx.db, asOf)
    expect(counts.lookedAfter).toBe(657)
    expect(Object.values(counts.permanence).every((n) => n > 0)).toBe(true)
    expect(Object.keys(counts)).toEqual(['asOf', 'lookedAfter', 'byLegalStatus', 'permanence', 'noDecisionByLegalStatus', 'carersChangedSinceDecision'])
  })

  it('agree child by child with the pure rules on several dates', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 250 })
    for (const day of [asOf, '2019-09-15', '2018-04-01']) expect(await expectSqlMatchesRules(ctx.db, day)).toBeGreaterThan(100)
  })

  it('give the same counts for many dates at once as one by one', async () => {
    const ctx = await demoContext({ asOf, lookedAfter: 120 })
    const days = ['2019-01-31', '2018-06-30', asOf, '2019-01-31']
    const together = await trackerCountsOn(ctx.db, days)
    expect(together.map((c) => c.asOf)).toEqual(['2018-06-30', '2019-01-31', asOf])
    for (const c of together) expect(c).toEqual(await trackerCounts(ctx.db, c.asOf))
  })

  it('fill the grid columns from the records', async () => {
    const ctx = await tempContext(asOf)
    await insertHistory(ctx.db, 'C1', {
      episodes: [
        ['2018-01-01', '2019-02-01', 'S', 'C1'],
        ['2019-02-01', '2019-06-01', 'P', 'C1'],
        ['2019-06-01', '2019-09-01', 'L', 'C2'],
        ['2019-09-01', '2020-01-01', 'T', 'C2'],
        ['2020-01-01', null, 'L', 'C2']
      ],
      decisions: [
        { date: '2019-10-01', outcome: 'agreed' },
        { date: '2020-02-01', outcome: 'deferred' }
      ],
      oversight: [{ date: '2019-12-01' }]
    })
    await ctx.db
      .prepare(
        "INSERT INTO action (child_id, description, owner, due_date, done_at, created_by, created_at) VALUES ('C1', 'Done already', 'SW', '2019-11-01', '2019-11-02', 't', '2019-10-01'), ('C1', 'Done today', 'SW', '2020-03-01', '2020-03-31T16:00:00.000Z', 't', '2019-10-01'), ('C1', 'Send letter', 'SW', '2020-04-20', NULL, 't', '2020-02-01'), ('C1', 'Later', 'SW', '2020-06-01', NULL, 't', '2020-02-01')"
      )
      .run()
    const [row] = await trackerRows(ctx.db, asOf)
    expect(row).toMatchObject({
      childId: 'C1',
      name: 'Test C1',
      age: 11,
      ls: 'C2',
      legalStatusGroup: 'FCO',
      legalStatusSince: '2019-06-01',
      periodStart: '2018-01-01',
      placementStart: '2019-09-01',
      // In placement on 2019-03-31 (from 2019-02-01) and moved on 2019-09-01; legal changes are not moves.
      placementsLast12Months: 2,
      status: 'agreed',
      decisionDate: '2019-10-01',
      lastPanelDate: '2020-02-01',
      lastOversightDate: '2019-12-01',
      nextAction: 'Send letter',
      nextActionDue: '2020-04-20'
    })
    // Before the letter action existed, and before the move, the columns follow the date.
    expect((await trackerRows(ctx.db, '2019-08-15'))[0]).toMatchObject({
      legalStatusSince: '2019-06-01',
      placementStart: '2019-02-01',
      placementsLast12Months: 2,
      nextAction: null,
      status: 'none'
    })
  })
})

describe('tracker queries on random histories', () => {
  // Messy returns: overlaps, same-day starts, gaps, chains, short breaks, same-day events.
  function randomHistory(r: ReturnType<typeof seededRandom>): History {
    const lsCodes = ['C1', 'C2', 'V2', 'E1', 'J1', 'L1', 'V3', 'V4']
    const episodes: History['episodes'] = []
    let day = `201${r.int(5, 7)}-0${r.int(1, 9)}-1${r.int(0, 9)}`
    const n = r.int(1, 7)
    for (let i = 0; i < n; i++) {
      const length = r.int(0, 300)
      const end = i === n - 1 && r.chance(0.6) ? null : addDays(day, length)
      const rne = i === 0 ? r.pick(['S', 'S', 'P', 'L']) : r.pick(['S', 'P', 'L', 'T', 'B'])
      episodes.push([day, end, rne, r.pick(lsCodes)])
      if (end === null) break
      day = r.chance(0.7) ? end : addDays(end, r.int(-40, 200))
    }
    if (r.chance(0.2)) {
      const [decom, dec] = r.pick(episodes)
      episodes.push([decom, r.chance(0.5) ? dec : null, r.pick(['S', 'P']), r.pick(lsCodes)])
    }
    const someDay = (): string => addDays(firstOf(episodes)[0], r.int(-60, 1500))
    const decisions = Array.from({ length: r.int(0, 4) }, () => ({
      date: r.chance(0.2) && episodes.length ? r.pick(episodes)[0] : someDay(),
      outcome: r.pick(['agreed', 'not_agreed', 'deferred', 'oversight'] as const),
      recordedAt: `2021-01-0${r.int(1, 3)}`,
      superseded: r.chance(0.1)
    }))
    if (decisions.length > 1 && r.chance(0.5)) itemAt(decisions, 1).date = firstOf(decisions).date
    const oversight = Array.from({ length: r.int(0, 2) }, () => ({ date: someDay() }))
    const names = ['Ann', 'Bob', 'Cy']
    const carers = episodes.filter(() => r.chance(0.6)).map(([decom]): [string, string] => [decom, r.pick(names)])
    for (const d of decisions) if (r.chance(0.4)) (d as { carers?: string[] }).carers = [r.pick(names)]
    return { episodes, decisions, oversight, carers }
  }

  it('match the pure rules child by child', async () => {
    const ctx = await tempContext()
    const r = seededRandom(8)
    for (let i = 0; i < 400; i++) await insertHistory(ctx.db, `R${i}`, randomHistory(r))
    let seen = 0
    for (let day = '2015-06-30'; day <= '2020-12-31'; day = addMonths(day, 5)) seen += await expectSqlMatchesRules(ctx.db, day)
    expect(seen).toBeGreaterThan(1000)
  })
})
