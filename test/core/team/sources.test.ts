/**
 * The costs, sufficiency and forecast queries rewritten to read children only through
 * the commissioning sources (costs/sources.ts) give the numbers today's queries give:
 * on SQLite against the originals, and on PostgreSQL, as a commissioner's login, against
 * SQLite. The `replacement` queries below are the ones the report hands the coordinator.
 */
import type Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sgoOnDecSql } from '../../../src/main/core/costs/baseline'
import { finalEpisodesOn, lookedAfterOn, placementsInWindow, spansOver, trackerPendingSql } from '../../../src/main/core/costs/sources'
import { dialectFor } from '../../../src/main/core/store/engine/dialect'
import type { Engine } from '../../../src/main/core/store/engine/store'
import { initTeam } from '../../../src/main/core/team/init'
import { addUser } from '../../../src/main/core/team/users'
import Sqlite from 'better-sqlite3'
import { migrations } from '../../../src/main/core/store/migrations'
import { emptyTeamDatabase, login, type TeamDatabase } from '../../helpers/team'
import { itemAt } from '../../helpers/defined'

function migratedSqlite(): Database.Database {
  const db = new Sqlite(':memory:')
  for (const m of migrations) m.up(db)
  return db
}

// Copied from sufficiency.ts and forecast/history.ts (module-private there).
const placementType = `CASE
  WHEN s.place IN ('U1', 'U2', 'U3') THEN 'Kinship foster care'
  WHEN s.place IN ('U4', 'U5', 'U6') THEN 'Foster care'
  WHEN s.place IN ('A3', 'A4', 'A5', 'A6') THEN 'Placed for adoption'
  WHEN s.place = 'P1' THEN 'Placed with parents'
  WHEN s.place IN ('H5', 'P2') THEN 'Semi-independent / independent living'
  WHEN s.place IN ('K1', 'K2', 'R1', 'S1') THEN 'Residential (homes, secure, schools)'
  ELSE 'Other (NHS, family centres, YOI, temporary, other)' END`
const categorySql = `CASE
  WHEN s.place IN ('U4', 'U5', 'U6') THEN 'fostering'
  WHEN s.place IN ('U1', 'U2', 'U3') THEN 'kinship'
  WHEN s.place IN ('K1', 'K2', 'R1', 'S1') THEN 'residential'
  WHEN s.place IN ('H5', 'P2') THEN 'semiIndependent'
  WHEN s.place IN ('A3', 'A4', 'A5', 'A6') THEN 'adoption'
  WHEN s.place = 'P1' THEN 'withParents'
  ELSE 'other' END`

/** Today's queries (SQLite only), as in mapping.ts, sufficiency.ts, baseline.ts and history.ts. */
const original = {
  groups: `SELECT s.place, s.place_provider AS placeProvider,
         CASE WHEN s.dob IS NULL THEN NULL ELSE CAST(strftime('%Y', :date) AS INTEGER) - CAST(strftime('%Y', s.dob) AS INTEGER)
              - (strftime('%m-%d', :date) < strftime('%m-%d', s.dob)) END AS age,
         COUNT(*) AS children
  FROM tracker_span s INDEXED BY tracker_span_on_day WHERE s.span_end > :date AND s.span_start <= :date GROUP BY 1, 2, 3`,
  stock: `SELECT ${placementType} AS type, SUM(s.place_provider = 'PR1') AS inHouse, SUM(s.place_provider IN ('PR2', 'PR3', 'PR4', 'PR5')) AS external,
         SUM(s.place_provider IS NULL OR s.place_provider NOT IN ('PR1', 'PR2', 'PR3', 'PR4', 'PR5')) AS other, COUNT(*) AS children,
         SUM(s.place IN ('U1', 'U2', 'U3')) AS kinship, SUM(s.place IN ('U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'A3', 'A4', 'A5', 'A6')) AS familyBased
  FROM tracker_span s INDEXED BY tracker_span_on_day WHERE s.span_end > :date AND s.span_start <= :date GROUP BY 1 ORDER BY 1`,
  longTerm: `SELECT COUNT(*) AS cohort, COALESCE(SUM(s.placement_start <= date(:date, '-2 years')), 0) AS stable
  FROM tracker_span s INDEXED BY tracker_span_on_day WHERE s.span_end > :date AND s.span_start <= :date
    AND s.dob IS NOT NULL AND date(s.dob, '+16 years') > :date AND s.period_start <= date(:date, '-30 months')`,
  threePlus: `WITH cohort AS (
    SELECT s.child_id FROM tracker_span s INDEXED BY tracker_span_on_day WHERE s.span_end > :date AND s.span_start <= :date
  ), counted AS (
    SELECT c.child_id,
      (SELECT COUNT(*) FROM episode e WHERE e.child_id = c.child_id AND e.decom > :from AND e.decom <= :date
         AND COALESCE(e.rne, 'S') <> 'L' AND COALESCE(e.ls, '') NOT IN ('V3', 'V4'))
      + EXISTS (SELECT 1 FROM tracker_span b WHERE b.child_id = c.child_id AND b.span_start <= :from AND b.span_end > :from) AS placements
    FROM cohort c)
  SELECT COUNT(*) AS cohort, COALESCE(SUM(placements >= 3), 0) AS threePlus FROM counted`,
  flows: (episode: string) => `SELECT
    (SELECT COUNT(*) FROM ${episode} e WHERE e.rne = 'S' AND e.decom > :from AND e.decom <= :date AND COALESCE(e.ls, '') NOT IN ('V3', 'V4')) AS admissions,
    (SELECT COUNT(*) FROM ${episode} e WHERE e.dec > :from AND e.dec <= :date AND e.rec IS NOT NULL AND e.rec <> 'X1' AND COALESCE(e.ls, '') NOT IN ('V3', 'V4')) AS leavers,
    (SELECT COUNT(*) FROM ${episode} e WHERE e.dec > :from AND e.dec <= :date AND e.rec IN ('E11', 'E12')) AS adoptions,
    (SELECT COUNT(*) FROM ${episode} e WHERE e.dec > :from AND e.dec <= :date AND (${sgoOnDecSql()})) AS sgos,
    (SELECT COUNT(*) FROM ${episode} e WHERE e.dec > :from AND e.dec <= :date AND e.rec = 'E41') AS caos`,
  ended: `SELECT COALESCE(SUM(e.rec IN ('E17') AND date(c.dob, '+21 years') > :date), 0) AS stayingPut,
         COALESCE(SUM((${sgoOnDecSql()}) AND date(c.dob, '+18 years') > :date), 0) AS sgo
  FROM episode e JOIN child c ON c.child_id = e.child_id
  WHERE e.rec IN ('E17', 'E43', 'E44', 'E45', 'E46', 'E47', 'E48') AND e.dec <= :date AND c.dob IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM episode later WHERE later.child_id = e.child_id AND later.decom <= :date
                    AND (later.decom > e.decom OR (later.decom = e.decom AND later.seq > e.seq)))`,
  spans: `SELECT s.child_id AS childId, s.span_start AS spanStart, s.span_end AS spanEnd, ${categorySql} AS category, s.dob
  FROM tracker_span s INDEXED BY tracker_span_on_day WHERE s.span_end > :from AND s.span_start <= :to`
}

/** The same queries through the sources: what the report asks the coordinator to switch to. */
const replacement = (engine: Engine) => {
  const sql = dialectFor(engine)
  return {
    groups: `SELECT s.place, s.place_provider AS "placeProvider", s.age, COUNT(*) AS children FROM ${lookedAfterOn(engine)} s GROUP BY 1, 2, 3`,
    stock: `SELECT ${placementType} AS type,
         SUM(CASE WHEN s.place_provider = 'PR1' THEN 1 ELSE 0 END) AS "inHouse",
         SUM(CASE WHEN s.place_provider IN ('PR2', 'PR3', 'PR4', 'PR5') THEN 1 ELSE 0 END) AS external,
         SUM(CASE WHEN s.place_provider IS NULL OR s.place_provider NOT IN ('PR1', 'PR2', 'PR3', 'PR4', 'PR5') THEN 1 ELSE 0 END) AS other,
         COUNT(*) AS children,
         SUM(CASE WHEN s.place IN ('U1', 'U2', 'U3') THEN 1 ELSE 0 END) AS kinship,
         SUM(CASE WHEN s.place IN ('U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'A3', 'A4', 'A5', 'A6') THEN 1 ELSE 0 END) AS "familyBased"
  FROM ${lookedAfterOn(engine)} s GROUP BY 1 ORDER BY 1`,
    longTerm: `SELECT COUNT(*) AS cohort, COALESCE(SUM(CASE WHEN s.placement_start <= ${sql.addInterval(':date', '-2 years')} THEN 1 ELSE 0 END), 0) AS stable
  FROM ${lookedAfterOn(engine)} s WHERE s.age < 16 AND s.period_start <= ${sql.addInterval(':date', '-30 months')}`,
    threePlus: `SELECT COUNT(*) AS cohort, COALESCE(SUM(CASE WHEN p.placements >= 3 THEN 1 ELSE 0 END), 0) AS "threePlus" FROM ${placementsInWindow(engine)} p`,
    flows: original.flows('commissioning_episode'),
    ended: `SELECT COALESCE(SUM(CASE WHEN e.rec IN ('E17') AND e.age < 21 THEN 1 ELSE 0 END), 0) AS "stayingPut",
         COALESCE(SUM(CASE WHEN (${sgoOnDecSql()}) AND e.age < 18 THEN 1 ELSE 0 END), 0) AS sgo
  FROM ${finalEpisodesOn(engine)} e WHERE e.rec IN ('E17', 'E43', 'E44', 'E45', 'E46', 'E47', 'E48')`,
    spans: `SELECT s.child_key AS "childKey", s.span_start AS "spanStart", ${categorySql} AS category, s.ages FROM ${spansOver(engine)} s`,
    pending: trackerPendingSql(engine)
  }
}

/* ---------- synthetic records, generated in code ---------- */

function random(seed: number): () => number {
  let s = seed
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
}
const pick = <T>(r: () => number, xs: readonly T[]): T => itemAt(xs, Math.floor(r() * xs.length))
const iso = (d: Date): string => d.toISOString().slice(0, 10)
const addDays = (s: string, n: number): string => iso(new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000))

interface Rows {
  child: Record<string, string | null>[]
  episode: Record<string, string | number | null>[]
  tracker_span: Record<string, string | number | null>[]
}

function records(children: number): Rows {
  const r = random(14)
  const rows: Rows = { child: [], episode: [], tracker_span: [] }
  for (let i = 0; i < children; i++) {
    const id = `SYN${String(i).padStart(5, '0')}`
    const leap = r() < 0.05
    const dob = r() < 0.03 ? null : leap ? `${pick(r, [2004, 2008, 2012, 2016])}-02-29` : addDays('2000-01-01', Math.floor(r() * 8400))
    rows.child.push({ child_id: id, dob, upn: `A${i}`, given_name: 'Synthetic', family_name: `Child${i}` })
    let start = addDays(dob ?? '2005-01-01', 30 + Math.floor(r() * 3000))
    if (start < '2017-01-01') start = addDays('2017-01-01', Math.floor(r() * 400))
    const periodStart = start
    const n = 1 + Math.floor(r() * 4)
    for (let seq = 1; seq <= n && start < '2024-06-30'; seq++) {
      const last = seq === n
      const end = last && r() < 0.5 ? null : addDays(start, 20 + Math.floor(r() * 700))
      const ls = pick(r, ['C2', 'C2', 'C2', 'J2', 'V3', 'V4'])
      const rec = end === null ? null : last ? pick(r, ['E17', 'E45', 'E43', 'E44', 'E11', 'E41', 'E13', 'X1']) : 'X1'
      const place = pick(r, ['U1', 'U3', 'U4', 'U5', 'U6', 'A3', 'A5', 'P1', 'K2', 'R1', 'H5', 'Z1'])
      const provider = pick(r, ['PR0', 'PR1', 'PR2', 'PR4', 'PR5', null])
      rows.episode.push({
        child_id: id,
        decom: start,
        dec: end,
        rne: seq === 1 ? 'S' : pick(r, ['L', 'P', 'B']),
        ls,
        place,
        place_provider: provider,
        rec,
        seq
      })
      if (ls !== 'V3' && ls !== 'V4') {
        rows.tracker_span.push({
          child_id: id,
          span_start: start,
          span_end: end ?? '9999-12-31',
          name: `Synthetic Child${i}`,
          dob,
          ls,
          ls_group: 'care',
          status: pick(r, ['agreed', 'none', 'oversight']),
          legal_status_since: start,
          period_start: periodStart,
          placement_start: start,
          place,
          place_provider: provider,
          episode_id: seq,
          moves: seq - 1,
          carers_key: '',
          carers_changed: 0
        })
      }
      if (end === null) break
      start = addDays(end, r() < 0.6 ? 0 : 1 + Math.floor(r() * 200))
    }
  }
  return rows
}

const data = records(600)
const dates = ['2019-03-31', '2020-02-29', '2021-02-28', '2022-03-31', '2023-03-31', '2024-03-31']
const yearBefore = (d: string): string => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`.replace(/-02-29$/, '-02-28')
const monthEndsFrom = (from: string, count: number): string[] =>
  Array.from({ length: count }, (_, k) => iso(new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) + k, 0))))

function loadSqlite(): Database.Database {
  const db = migratedSqlite()
  for (const [table, list] of Object.entries(data)) {
    for (const row of list as Record<string, unknown>[]) {
      const cols = Object.keys(row)
      db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row)
    }
  }
  db.prepare('DELETE FROM tracker_dirty').run()
  return db
}

/** Numbers as numbers: PostgreSQL sends bigint sums as text. */
const plain = (rows: Record<string, unknown>[]): Record<string, unknown>[] =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v])))

/** Named parameters to pg's numbered ones (what engine A's store does). */
function numbered(sql: string, params: Record<string, unknown>): [string, unknown[]] {
  const names: string[] = []
  const text = sql.replace(/(?<!:):([a-z]+)\b/g, (_, name: string) => {
    if (!names.includes(name)) names.push(name)
    return `$${names.indexOf(name) + 1}`
  })
  return [text, names.map((n) => params[n])]
}

type State = { category: string; age: number | null }
const ageOn = (dob: string | null, date: string): number | null =>
  dob === null ? null : Number(date.slice(0, 4)) - Number(dob.slice(0, 4)) - (date.slice(5) < dob.slice(5) ? 1 : 0)

/** Per date: the states in a canonical order, and the moves to the next date (what the forecast model observes). */
function observe(byDate: Map<string, Map<string, State>>, ends: string[]): unknown {
  const key = (s: State | undefined): string => (s ? `${s.category}/${s.age}` : 'left')
  return ends.map((d, k) => {
    const now = byDate.get(d) ?? new Map()
    const next = ends[k + 1] ? (byDate.get(itemAt(ends, k + 1)) ?? new Map()) : null
    const moves = next ? [...now].map(([id, s]) => `${key(s)}>${key(next.get(id))}`).sort() : []
    return { d, states: [...now.values()].map((s) => key(s)).sort(), moves }
  })
}

interface SpanRow {
  childKey: number
  spanStart: string
  category: string
  ages: string
}

/** What History builds from the source: per date, each child's state (spans begun after `to` not yet known). */
function statesFrom(rows: SpanRow[], ends: string[], to: string): Map<string, Map<string, State>> {
  const byDate = new Map(ends.map((d) => [d, new Map<string, State>()]))
  for (const r of rows) {
    if (r.spanStart > to) continue
    for (const [d, age] of JSON.parse(r.ages) as [string, number | null][]) byDate.get(d)!.set(String(r.childKey), { category: r.category, age })
  }
  return byDate
}

describe('commissioning sources on SQLite', () => {
  const db = loadSqlite()
  const next = replacement('sqlite')

  it('give the same figures as the queries they replace', () => {
    for (const date of dates) {
      const from = yearBefore(date)
      expect(db.prepare(next.groups).all({ date }), date).toEqual(db.prepare(original.groups).all({ date }))
      expect(db.prepare(next.stock).all({ date })).toEqual(db.prepare(original.stock).all({ date }))
      expect(db.prepare(next.longTerm).get({ date })).toEqual(db.prepare(original.longTerm).get({ date }))
      expect(db.prepare(next.threePlus).get({ date, from })).toEqual(db.prepare(original.threePlus).get({ date, from }))
      expect(db.prepare(next.flows).get({ date, from })).toEqual(db.prepare(original.flows('episode')).get({ date, from }))
      expect(db.prepare(next.ended).get({ date })).toEqual(db.prepare(original.ended).get({ date }))
    }
    // Not vacuous: the data reaches every measure.
    const busy = db.prepare(original.ended).get({ date: '2024-03-31' }) as { stayingPut: number; sgo: number }
    expect(busy.stayingPut).toBeGreaterThan(0)
    expect(busy.sgo).toBeGreaterThan(0)
    expect((db.prepare(original.longTerm).get({ date: '2024-03-31' }) as { cohort: number }).cohort).toBeGreaterThan(0)
  })

  it("follow each child across month ends as the forecast's history does, without its ID", () => {
    const from = '2021-12-31'
    const to = '2024-03-15'
    const ends = [...monthEndsFrom(from, 28).filter((d) => d <= '2024-03-31'), to].sort()
    const spans = db.prepare(original.spans).all({ from, to }) as {
      childId: string
      spanStart: string
      spanEnd: string
      category: string
      dob: string | null
    }[]
    const before = new Map(
      ends.map((d) => [
        d,
        new Map(spans.filter((s) => s.spanStart <= d && s.spanEnd > d).map((s) => [s.childId, { category: s.category, age: ageOn(s.dob, d) }]))
      ])
    )
    const rows = db.prepare(next.spans).all({ dates: JSON.stringify(ends) }) as SpanRow[]
    expect(observe(statesFrom(rows, ends, to), ends)).toEqual(observe(before, ends))
    // Not vacuous: some spans begin after `to`, and some children have several spans.
    expect(rows.some((r) => r.spanStart > to)).toBe(true)
    expect(new Set(rows.map((r) => r.childKey)).size).toBeLessThan(rows.length)
  })

  it('say when the tracker needs recomputing', () => {
    expect(db.prepare(next.pending).get()).toEqual({ pending: 0 })
    db.prepare("INSERT INTO tracker_dirty (child_id) VALUES ('SYN00001')").run()
    expect(db.prepare(next.pending).get()).toEqual({ pending: 1 })
    db.prepare('DELETE FROM tracker_dirty').run()
  })
})

describe("commissioning sources on PostgreSQL, as a commissioner's login", () => {
  let team: TeamDatabase
  let comm: pg.Client
  const comm1 = login('comm1')
  const sqlite = loadSqlite()

  beforeAll(async () => {
    team = await emptyTeamDatabase('sources')
    const owner = await team.admin()
    await initTeam(owner, { migrate: team.migrate })
    for (const [table, list] of Object.entries(data)) {
      for (const row of list as Record<string, unknown>[]) {
        const cols = Object.keys(row)
        await owner.query(
          `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, k) => `$${k + 1}`).join(', ')})`,
          cols.map((c) => (row[c] === null ? null : String(row[c])))
        )
      }
    }
    await owner.query('DELETE FROM tracker_dirty')
    await addUser(owner, { name: comm1, roles: ['commissioner'], password: 'a-long-test-password' })
    comm = new pg.Client({ connectionString: team.as(comm1, 'a-long-test-password') })
    await comm.connect()
  }, 120_000)

  afterAll(async () => {
    await comm?.end()
    await team?.close()
  })

  const onPg = async (sql: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> =>
    plain((await comm.query(...numbered(sql, params))).rows)

  it('give the same figures as on SQLite', async () => {
    const lite = replacement('sqlite')
    const post = replacement('postgres')
    const byGroup = (rows: Record<string, unknown>[]): Record<string, unknown>[] =>
      [...rows].sort((a, b) => JSON.stringify([a.place, a.placeProvider, a.age]).localeCompare(JSON.stringify([b.place, b.placeProvider, b.age])))
    for (const date of dates) {
      const from = yearBefore(date)
      expect(byGroup(await onPg(post.groups, { date })), date).toEqual(byGroup(sqlite.prepare(lite.groups).all({ date }) as Record<string, unknown>[]))
      expect(await onPg(post.stock, { date })).toEqual(sqlite.prepare(lite.stock).all({ date }))
      expect(await onPg(post.threePlus, { date, from })).toEqual([sqlite.prepare(lite.threePlus).get({ date, from })])
      expect(await onPg(post.flows, { date, from })).toEqual([sqlite.prepare(lite.flows).get({ date, from })])
      expect(await onPg(post.ended, { date })).toEqual([sqlite.prepare(lite.ended).get({ date })])
      // Date arithmetic differs at month ends between the engines' dialects; these dates agree.
      if (!date.endsWith('-02-29')) expect(await onPg(post.longTerm, { date })).toEqual([sqlite.prepare(lite.longTerm).get({ date })])
    }
    const ends = monthEndsFrom('2022-12-31', 16)
    const datesJson = JSON.stringify(ends)
    const pgRows = (await onPg(post.spans, { dates: datesJson })) as unknown as SpanRow[]
    expect(pgRows.length).toBeGreaterThan(0)
    expect(observe(statesFrom(pgRows, ends, '2024-03-31'), ends)).toEqual(
      observe(statesFrom(sqlite.prepare(lite.spans).all({ dates: datesJson }) as SpanRow[], ends, '2024-03-31'), ends)
    )
    expect(await onPg(post.pending, {})).toEqual([{ pending: 0 }])
  })

  it('never return a child ID or name', async () => {
    const post = replacement('postgres')
    const text = JSON.stringify([
      await onPg('SELECT * FROM commissioning_episode', {}),
      await onPg(`SELECT * FROM ${lookedAfterOn('postgres')} s`, { date: '2023-03-31' }),
      await onPg(`SELECT * FROM ${finalEpisodesOn('postgres')} s`, { date: '2024-03-31' }),
      await onPg(`SELECT * FROM ${spansOver('postgres')} s`, { dates: JSON.stringify(['2023-03-31']) }),
      await onPg(post.groups, { date: '2023-03-31' })
    ])
    expect(text.length).toBeGreaterThan(10_000)
    expect(/SYN\d{5}|Synthetic|Child\d/.test(text)).toBe(false)
  })
})
