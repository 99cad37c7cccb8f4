import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../src/main/core/demo/random'
import { checkDb } from '../../../src/main/core/store/check'
import { openDb, type Db } from '../../../src/main/core/store/db'
import { addOversightEntry } from '../../../src/main/core/tracker/oversight'
import { trackerCounts, trackerRows } from '../../../src/main/core/tracker/queries'
import { refreshTrackerSpans } from '../../../src/main/core/tracker/refresh'
import { childOnDay, periodChain, type PermanenceEvent } from '../../../src/main/core/tracker/rules'
import { statusSpans, type SpanEpisode } from '../../../src/main/core/tracker/spans'
import { addDays, addMonths } from '../../../src/main/core/util/days'
import { join } from 'node:path'
import { testEngine } from '../../helpers/postgres'
import { tempContext, tempDir } from '../../helpers/tmp'
import { carerId, insertHistory, readHistory, type History } from './history'
import { firstOf, itemAt } from '../../helpers/defined'

const statusKey = { agreed: 'agreed', not_agreed: 'notAgreed', oversight: 'oversight', none: 'none' } as const

interface RandomChild {
  episodes: SpanEpisode[]
  events: PermanenceEvent[]
  panelDates: string[]
  placementCarers: Map<string, number[]>
}

/** Carers 1-3 linked at random to placements; decisions naming some of them or none. */
function randomChild(r: ReturnType<typeof seededRandom>): RandomChild {
  const episodes: SpanEpisode[] = []
  let day = `2016-0${r.int(1, 9)}-1${r.int(0, 9)}`
  for (let i = 0, n = r.int(1, 6); i < n; i++) {
    const end = r.chance(0.2) ? null : addDays(day, r.int(0, 200))
    episodes.push({
      id: i + 1,
      seq: i + 1,
      decom: day,
      dec: end,
      rne: r.pick(['S', 'P', 'L', 'T', 'U', 'B']),
      ls: r.pick(['C1', 'C2', 'V2', 'V3', 'E1', null]),
      place: r.pick(['U1', 'R1']),
      placeProvider: 'PR1'
    })
    day = end === null || r.chance(0.3) ? addDays(day, r.int(0, 120)) : end
  }
  const placementCarers = new Map<string, number[]>()
  for (const e of episodes) if (r.chance(0.7)) placementCarers.set(e.decom, r.chance(0.3) ? [1, 2] : [r.int(1, 3)])
  const events: PermanenceEvent[] = Array.from({ length: r.int(0, 4) }, (_, i) => ({
    date: addDays(firstOf(episodes).decom, r.int(-30, 700)),
    outcome: r.pick(['agreed', 'not_agreed', 'deferred', 'oversight'] as const),
    recordedAt: `2020-01-0${r.int(1, 2)}`,
    order: i,
    carers: r.chance(0.5) ? [] : r.chance(0.3) ? [1, 2] : [r.int(1, 3)]
  }))
  return { episodes, events, panelDates: events.filter(() => r.chance(0.8)).map((e) => e.date), placementCarers }
}

describe('status spans', () => {
  it('give, on every day, what the rules give evaluated on that day', () => {
    const r = seededRandom(77)
    let lookedAfterDays = 0
    const flagged = { agreed: 0, changed: 0 }
    for (let child = 0; child < 150; child++) {
      const { episodes, events, panelDates, placementCarers } = randomChild(r)
      const spans = statusSpans(episodes, events, panelDates, placementCarers)
      for (const [i, s] of spans.entries()) if (i > 0) expect(s.start >= itemAt(spans, i - 1).end!).toBe(true)
      for (let day = addDays(firstOf(episodes).decom, -3); day <= '2019-06-30'; day = addDays(day, 1)) {
        const expected = childOnDay(episodes, events, day, placementCarers)
        const span = spans.find((s) => s.start <= day && (s.end === null || s.end > day))
        if (expected === null) {
          expect(span, day).toBeUndefined()
          continue
        }
        lookedAfterDays++
        const chain = periodChain(episodes, expected.episode)
        const sameLs = chain.findIndex((e) => e.ls !== expected.episode.ls)
        expect(
          {
            episode: span?.episode.id,
            group: span?.legalStatusGroup,
            start: span?.periodStart,
            status: span?.status,
            carers: span?.carers,
            changed: span?.carersChanged
          },
          day
        ).toEqual({
          episode: expected.episode.id,
          group: expected.legalStatusGroup,
          start: expected.periodStart,
          status: expected.status,
          carers: expected.placement,
          changed: expected.carersChanged
        })
        if (expected.status === 'agreed') flagged.agreed++
        if (expected.carersChanged) flagged.changed++
        expect(span!.legalStatusSince).toBe((sameLs === -1 ? chain.at(-1)! : itemAt(chain, sameLs - 1)).decom)
        expect(span!.lastPanel).toBe(
          panelDates
            .filter((d) => d <= day)
            .sort()
            .at(-1) ?? null
        )
        // The grid's placements in the last 12 months, from this span and the one a year before.
        const yearAgo = addMonths(day, -12)
        const before = spans.filter((s) => s.start <= yearAgo).at(-1)
        const placements = span!.moves - (before === undefined ? 0 : before.moves - (before.end === null || before.end > yearAgo ? 1 : 0))
        const moved = episodes.filter((e) => e.decom > yearAgo && e.decom <= day && e.rne !== 'L' && e.ls !== 'V3' && e.ls !== 'V4').length
        expect(placements, day).toBe(moved + (childOnDay(episodes, events, yearAgo) === null ? 0 : 1))
      }
    }
    expect(lookedAfterDays).toBeGreaterThan(20_000)
    // The histories reach both sides of the carers rule.
    expect(flagged.agreed).toBeGreaterThan(1000)
    expect(flagged.changed).toBeGreaterThan(1000)
  })
})

/** Counts and rows from the pure rules over each child's records, read afresh. */
async function expectTrackerMatchesRules(db: Db, children: readonly string[], days: readonly string[]): Promise<void> {
  for (const day of days) {
    const expected = { lookedAfter: 0, agreed: 0, notAgreed: 0, oversight: 0, none: 0, carersChanged: 0 }
    const rows = new Map((await trackerRows(db, day)).map((row) => [row.childId, row]))
    for (const childId of children) {
      const { episodes, events, placementCarers } = await readHistory(db, childId)
      const found = childOnDay(episodes, events, day, placementCarers)
      expect(rows.get(childId)?.status, `${childId} on ${day}`).toBe(found?.status)
      expect(rows.get(childId)?.carersChangedSinceDecision, `${childId} on ${day}`).toBe(found?.carersChanged)
      expect(rows.get(childId)?.episodeId, `${childId} on ${day}`).toBe(found?.episode.id)
      if (found === null) continue
      expected.lookedAfter++
      expected[statusKey[found.status]]++
      if (found.carersChanged) expected.carersChanged++
    }
    const counts = await trackerCounts(db, day)
    expect({ lookedAfter: counts.lookedAfter, ...counts.permanence, carersChanged: counts.carersChangedSinceDecision }, day).toEqual(expected)
  }
}

const dirty = async (db: Db): Promise<string[]> => (await db.prepare('SELECT child_id FROM tracker_dirty ORDER BY child_id').pluck().all()) as string[]

describe('status spans across writes', () => {
  const days = ['2018-12-31', '2019-06-30', '2019-09-30', '2020-03-31']
  const history: History = {
    episodes: [
      ['2018-01-01', '2019-02-01', 'S', 'C1'],
      ['2019-02-01', null, 'P', 'C2']
    ]
  }

  it('follow decisions added and amended, oversight added, episodes replaced', async () => {
    const ctx = await tempContext('2020-03-31')
    const { db } = ctx
    await insertHistory(db, 'A', history)
    await insertHistory(db, 'B', { episodes: [['2017-05-01', null, 'S', 'V2']], oversight: [{ date: '2017-06-01' }] })
    const children = ['A', 'B']
    // Raw inserts, as any writer would do them: the triggers mark the children.
    expect(await dirty(db)).toEqual(children)
    await expectTrackerMatchesRules(db, children, days)
    expect(await dirty(db)).toEqual([])
    expect((await trackerCounts(db, '2019-06-30')).permanence).toEqual({ agreed: 0, notAgreed: 0, oversight: 1, none: 1 })

    // A decision for A, then an amendment of it that supersedes it.
    const decisionId = await db
      .prepare(
        "INSERT INTO decision (child_id, decision_date, outcome, recorded_by, recorded_at) VALUES ('A', '2019-05-10', 'agreed', 't', '2019-05-10') RETURNING id"
      )
      .pluck()
      .get()
    expect(await dirty(db)).toEqual(['A'])
    await expectTrackerMatchesRules(db, children, days)
    expect((await trackerCounts(db, '2019-06-30')).permanence.agreed).toBe(1)
    await db.transaction(async () => {
      await db
        .prepare(
          "INSERT INTO decision (child_id, decision_date, outcome, amends_id, recorded_by, recorded_at) VALUES ('A', '2019-05-10', 'not_agreed', ?, 't', '2019-05-20')"
        )
        .run(decisionId)
      await db.prepare('UPDATE decision SET superseded = 1 WHERE id = ?').run(decisionId)
    })()
    await expectTrackerMatchesRules(db, children, days)
    expect((await trackerCounts(db, '2019-06-30')).permanence).toMatchObject({ agreed: 0, notAgreed: 1 })

    // Oversight through the app's own command, by the login (PostgreSQL's audit log insists on it).
    await addOversightEntry(db, 'tester', '2020-03-31', { childId: 'B', entryDate: '2019-08-01', manager: 'M' })
    expect(await dirty(db)).toEqual(['B'])
    await expectTrackerMatchesRules(db, children, days)

    // A re-import replacing A's episodes: a new period of care starts after the decision.
    await db.transaction(async () => {
      await db.prepare("DELETE FROM episode WHERE child_id = 'A'").run()
      const insert = db.prepare("INSERT INTO episode (child_id, decom, dec, rne, ls, seq) VALUES ('A', ?, ?, ?, 'C2', ?)")
      await insert.run('2018-01-01', '2019-07-01', 'S', 10)
      await insert.run('2019-08-01', null, 'S', 11)
    })()
    await expectTrackerMatchesRules(db, children, days)
    expect((await trackerRows(db, '2019-09-30')).find((row) => row.childId === 'A')).toMatchObject({
      periodStart: '2019-08-01',
      status: 'none',
      decisionDate: null
    })

    // An episode closed by an update: B leaves care.
    await db.prepare("UPDATE episode SET dec = '2019-09-01' WHERE child_id = 'B'").run()
    await expectTrackerMatchesRules(db, children, days)
    expect((await trackerRows(db, '2019-09-30')).map((row) => row.childId)).toEqual(['A'])

    // A rename shows in the grid, whose rows carry the name.
    await db.prepare("UPDATE child SET given_name = 'Renamed' WHERE child_id = 'A'").run()
    expect((await trackerRows(db, '2020-03-31'))[0]?.name).toBe('Renamed A')
  })

  it('follow carers linked to placements and the carers a decision names', async () => {
    const { db } = await tempContext('2020-03-31')
    await insertHistory(db, 'A', { episodes: [['2019-01-01', null, 'S', 'C2']] })
    const ann = await carerId(db, 'Ann Carer')
    const bob = await carerId(db, 'Bob Carer')
    const link = db.prepare("INSERT INTO placement_carer (child_id, placement_start, carer_id, linked_by, linked_at) VALUES ('A', ?, ?, 't', 'now')")
    await link.run('2019-01-01', ann)
    const decision = Number(
      await db
        .prepare(
          "INSERT INTO decision (child_id, decision_date, outcome, recorded_by, recorded_at) VALUES ('A', '2019-05-10', 'agreed', 't', '2019-05-10') RETURNING id"
        )
        .pluck()
        .get()
    )
    await db.prepare('INSERT INTO decision_carer (decision_id, carer_id) VALUES (?, ?)').run(decision, ann)
    expect(await dirty(db)).toEqual(['A'])
    await expectTrackerMatchesRules(db, ['A'], days)
    expect((await trackerRows(db, '2019-06-30'))[0]).toMatchObject({
      status: 'agreed',
      carer: 'Ann Carer',
      carersSince: '2019-01-01',
      carersChangedSinceDecision: false
    })

    // A later return: the child moved to new carers (RNE P) on 2019-09-01.
    await db.transaction(async () => {
      await db.prepare("DELETE FROM episode WHERE child_id = 'A'").run()
      const insert = db.prepare("INSERT INTO episode (child_id, decom, dec, rne, ls, seq) VALUES ('A', ?, ?, ?, 'C2', ?)")
      await insert.run('2019-01-01', '2019-09-01', 'S', 20)
      await insert.run('2019-09-01', null, 'P', 21)
    })()
    await expectTrackerMatchesRules(db, ['A'], days)
    expect((await trackerRows(db, '2019-09-30'))[0]).toMatchObject({ status: 'none', carer: null, carersSince: '2019-09-01', carersChangedSinceDecision: true })
    expect((await trackerCounts(db, '2019-09-30')).carersChangedSinceDecision).toBe(1)

    // Linking the new carers marks the child; a link to Ann as well brings the decision back.
    await link.run('2019-09-01', bob)
    expect(await dirty(db)).toEqual(['A'])
    expect((await trackerRows(db, '2019-09-30'))[0]).toMatchObject({ status: 'none', carer: 'Bob Carer', carersChangedSinceDecision: true })
    await link.run('2019-09-01', ann)
    await expectTrackerMatchesRules(db, ['A'], days)
    expect((await trackerRows(db, '2019-09-30'))[0]).toMatchObject({ status: 'agreed', carer: 'Ann Carer and Bob Carer', carersChangedSinceDecision: false })
    expect((await trackerCounts(db, '2019-09-30')).carersChangedSinceDecision).toBe(0)
  })

  it('keep names as written, quotes, backslashes, braces, commas and the word NULL included', async () => {
    // PostgreSQL receives the spans as text arrays, whose literal syntax these characters belong to.
    const { db } = await tempContext()
    const names = [`O'Brien "Jo"`, 'Back\\slash {braces}', 'Comma, Separated', 'NULL', '']
    for (const [i, name] of names.entries()) {
      await insertHistory(db, `K${i}`, { episodes: [['2019-01-01', null, 'S', 'C2']] })
      await db.prepare('UPDATE child SET given_name = ?, family_name = NULL WHERE child_id = ?').run(name, `K${i}`)
    }
    expect((await trackerRows(db, '2020-03-31')).map((r) => r.name)).toEqual(names)
  })

  // Old SQLite schema versions migrating up: PostgreSQL starts from its own baseline.
  it.skipIf(testEngine() === 'postgres')(
    'migration 010 carries episode carers over to placements and recomputes every child under the carers rule',
    async () => {
      const path = join(tempDir(), 'v8.db')
      const old = await openDb(path, { targetVersion: 8 })
      await old.prepare("INSERT INTO carer (id, name, kind) VALUES (1, 'Ann Carer', 'inhouse'), (2, 'Bob Carer', 'ifa')").run()
      await insertHistory(old, 'A', {
        episodes: [
          ['2018-01-01', '2019-01-01', 'S', 'C2'],
          ['2019-01-01', '2019-06-01', 'T', 'C2'],
          ['2019-06-01', null, 'P', 'C2']
        ],
        decisions: [{ date: '2018-06-01', outcome: 'agreed' }]
      })
      await insertHistory(old, 'B', { episodes: [['2018-01-01', null, 'S', 'C2']], decisions: [{ date: '2018-06-01', outcome: 'agreed' }] })
      await old.prepare("UPDATE episode SET carer_id = 1 WHERE child_id = 'A' AND decom < '2019-06-01'").run()
      await old.prepare("UPDATE episode SET carer_id = 2 WHERE child_id = 'A' AND decom = '2019-06-01'").run()
      // Rows pointing at the tables the migration rebuilds (carer, import_batch, review_item) keep their links.
      await old.prepare("INSERT INTO import_batch (id, kind, file_name, sha256, imported_at, imported_by) VALUES (5, '903', 'e.csv', 'x', 'now', 't')").run()
      await old.prepare('UPDATE child SET import_batch_id = 5').run()
      await old.prepare("INSERT INTO review_cycle (id, label, start_date, opened_by, opened_at) VALUES (1, 'Q', '2020-03-31', 't', 'now')").run()
      await old.prepare("INSERT INTO review_item (cycle_id, child_id, cohort, snapshot, outcome) VALUES (1, 'B', 'FCO', '{}', 'other')").run()
      await old.close()
      const db = await openDb(path)
      expect(await dirty(db)).toEqual(['A', 'B'])
      expect(await checkDb(db)).toMatchObject({ ok: true, foreignKeyViolations: [] })
      expect(await db.prepare('SELECT cohort, outcome FROM review_item').all()).toEqual([{ cohort: 'FCO', outcome: 'other' }])
      expect(await db.prepare('SELECT COUNT(*) FROM child WHERE import_batch_id = 5').pluck().get()).toBe(2)
      expect(await db.prepare('SELECT child_id, placement_start, carer_id FROM placement_carer ORDER BY child_id, placement_start').all()).toEqual([
        { child_id: 'A', placement_start: '2018-01-01', carer_id: 1 },
        { child_id: 'A', placement_start: '2019-06-01', carer_id: 2 }
      ])
      expect((await trackerRows(db, '2020-03-31')).map((r) => [r.childId, r.status, r.carer, r.carersChangedSinceDecision])).toEqual([
        ['A', 'none', 'Bob Carer', true],
        ['B', 'agreed', null, false]
      ])
      expect((await trackerRows(db, '2019-03-01'))[0]).toMatchObject({ childId: 'A', status: 'agreed', carer: 'Ann Carer', carersSince: '2018-01-01' })
      await db.close()
    }
  )

  it.skipIf(testEngine() === 'postgres')('recompute every child after the migration, then only the children marked', async () => {
    const path = join(tempDir(), 'old.db')
    const old = await openDb(path, { targetVersion: 6 })
    for (const id of ['A', 'B', 'C']) await insertHistory(old, id, history)
    await old.close()
    const db = await openDb(path)
    expect(await dirty(db)).toEqual(['A', 'B', 'C'])
    expect(await refreshTrackerSpans(db)).toBe(3)
    expect(await refreshTrackerSpans(db)).toBe(0)
    await db.prepare("UPDATE episode SET ls = 'V2' WHERE child_id = 'B'").run()
    expect(await refreshTrackerSpans(db)).toBe(1)
    expect((await trackerRows(db, '2020-03-31')).map((row) => [row.childId, row.legalStatusGroup])).toEqual([
      ['A', 'FCO'],
      ['B', 'S20'],
      ['C', 'FCO']
    ])
    await db.close()
  })
})
