/**
 * Builds the stored status spans (tracker_span) of a set of children from their
 * records, with the pure rules (spans.ts). Both writers of spans use it: the refresh of
 * the children that triggers marked (refresh.ts) and the 903 import, which builds the
 * spans of the children it writes in the same transaction (io/ssda903/write.ts).
 */
import { availableParallelism } from 'node:os'
import { childNameSql } from '../children/name-sql'
import type { Db } from '../store/db'
import { PostgresStore } from '../store/engine/postgres'
import type { EventOutcome, PermanenceEvent } from './rules'
import { statusSpans, type SpanEpisode } from './spans'

const openEnd = '9999-12-31'

type EpisodeRow = [number, string, string | null, string | null, string | null, number, string | null, string | null]
type DecisionRow = [string, EventOutcome, string, number]
type OversightRow = [string, string, number]
type ChildRow = [string, string, string | null]
type PlacementCarerRow = [string, number]
type DecisionCarerRow = [number, number]

const where = (...terms: string[]): string => {
  const used = terms.filter((t) => t !== '')
  return used.length === 0 ? '' : `WHERE ${used.join(' AND ')}`
}

/**
 * `columns` of `table` as one JSON array per child. Across a million rows, SQLite
 * writing JSON and JSON.parse reading it is about three times faster than handing the
 * values over one by one.
 */
async function byChild<T>(db: Db, table: string, columns: string, filter: string): Promise<Map<string, T[]>> {
  const rows = (await db
    .prepare(`SELECT child_id, ${db.sql.jsonGroupArray(db.sql.jsonArray([columns]))} FROM ${table} ${filter} GROUP BY child_id`)
    .raw()
    .all()) as [string, string][]
  return new Map(rows.map(([childId, json]) => [childId, JSON.parse(json) as T[]]))
}

const spanColumns = [
  'child_id',
  'span_start',
  'span_end',
  'name',
  'dob',
  'episode_id',
  'ls',
  'ls_group',
  'status',
  'period_start',
  'legal_status_since',
  'placement_start',
  'decision_date',
  'last_oversight',
  'last_panel',
  'place',
  'place_provider',
  'moves',
  'carers_key',
  'carers_since',
  'carers_changed'
] as const

/** One value per column of spanColumns, in order. */
type SpanRow = unknown[]

/** Spans sent to PostgreSQL per COPY: a few MB of text at most. */
const postgresBatch = 5000

/**
 * Writes span rows. SQLite runs in process, so a prepared INSERT per row costs
 * microseconds (measured: no faster with 40 rows per statement). On PostgreSQL each
 * statement is a round trip, so rows are sent `postgresBatch` at a time with COPY, the
 * way the import stages its rows. (One INSERT … SELECT FROM unnest(…) per batch took a
 * full refresh of a 9,975-child demo cohort from 25–28 s to 3–4.5 s; with COPY, a 10k-child
 * 903 import took 7.5–8.4 s against 8.6–9.7 s.)
 */
function spanWriter(db: Db): { add(row: SpanRow): Promise<void>; flush(): Promise<void> } {
  if (!(db instanceof PostgresStore)) {
    const insert = db.prepare(`INSERT INTO tracker_span (${spanColumns.join(', ')}) VALUES (${spanColumns.map(() => '?').join(', ')})`)
    return { add: async (row) => void (await insert.run(row)), flush: async () => undefined }
  }
  let pending: SpanRow[] = []
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return
    const rows = pending
    pending = []
    await db.copyFrom('tracker_span', spanColumns, rows)
  }
  return {
    add: async (row) => {
      pending.push(row)
      if (pending.length >= postgresBatch) await flush()
    },
    flush
  }
}

/**
 * Replaces the spans of the children `childFilter` selects (an SQL condition on
 * `child_id`, or '' for every child) with spans computed from their records as stored
 * now. Runs inside the caller's transaction.
 */
export async function rebuildSpans(db: Db, childFilter: string): Promise<void> {
  const episodes = await byChild<EpisodeRow>(db, 'episode', 'id, decom, dec, rne, ls, seq, place, place_provider', where(childFilter))
  const decisions = await byChild<DecisionRow>(db, 'decision', 'decision_date, outcome, recorded_at, id', where(childFilter, 'superseded = 0'))
  const oversight = await byChild<OversightRow>(db, 'oversight_entry', 'entry_date, recorded_at, id', where(childFilter))
  const links = await byChild<PlacementCarerRow>(db, 'placement_carer', 'placement_start, carer_id', where(childFilter))
  const named = await byChild<DecisionCarerRow>(
    db,
    '(SELECT d.child_id, c.decision_id, c.carer_id FROM decision_carer c JOIN decision d ON d.id = c.decision_id) named',
    'decision_id, carer_id',
    where(childFilter)
  )
  const people = new Map(
    (
      (await db
        .prepare(`SELECT child_id, ${childNameSql()}, dob FROM child ${where(childFilter)}`)
        .raw()
        .all()) as ChildRow[]
    ).map(([id, name, dob]) => [id, { name, dob }])
  )
  await db.prepare(`DELETE FROM tracker_span ${where(childFilter)}`).run()
  const spans = spanWriter(db)
  // Children in key order, so the spans append to the table's b-tree.
  for (const childId of [...episodes.keys()].sort()) {
    const person = people.get(childId)!
    const facts: SpanEpisode[] = episodes.get(childId)!.map(([id, decom, dec, rne, ls, seq, place, placeProvider]) => ({
      id,
      decom,
      dec,
      rne,
      ls,
      seq,
      place,
      placeProvider
    }))
    const panel = decisions.get(childId) ?? []
    const carersOf = new Map<number, number[]>()
    for (const [decisionId, carerId] of named.get(childId) ?? []) carersOf.set(decisionId, [...(carersOf.get(decisionId) ?? []), carerId])
    const events: PermanenceEvent[] = panel.map(([date, outcome, recordedAt, order]) => ({ date, outcome, recordedAt, order, carers: carersOf.get(order) }))
    for (const [date, recordedAt, order] of oversight.get(childId) ?? []) events.push({ date, outcome: 'oversight', recordedAt, order })
    const placementCarers = new Map<string, number[]>()
    for (const [start, carerId] of links.get(childId) ?? []) placementCarers.set(start, [...(placementCarers.get(start) ?? []), carerId])
    for (const s of statusSpans(
      facts,
      events,
      panel.map((d) => d[0]),
      placementCarers
    )) {
      await spans.add([
        childId,
        s.start,
        s.end ?? openEnd,
        person.name,
        person.dob,
        s.episode.id,
        s.episode.ls,
        s.legalStatusGroup,
        s.status,
        s.periodStart,
        s.legalStatusSince,
        s.placementStart,
        s.decisionDate,
        s.lastOversight,
        s.lastPanel,
        s.episode.place,
        s.episode.placeProvider,
        s.moves,
        s.carers.key,
        s.carers.since,
        s.carersChanged ? 1 : 0
      ])
    }
  }
  await spans.flush()
}

/**
 * For rebuilding most spans: drops tracker_span's indexes (SQLite; inside the caller's
 * transaction, so a failure puts them back) and returns what builds them again,
 * by sorting once, far faster than inserting a million rows into each of them.
 * PostgreSQL's app roles do not own the table, so there it keeps its indexes.
 */
export async function withoutSpanIndexes(db: Db): Promise<() => Promise<void>> {
  if (db.engine !== 'sqlite') return async () => undefined
  const indexes = (await db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tracker_span' AND sql IS NOT NULL").all()) as {
    name: string
    sql: string
  }[]
  for (const { name } of indexes) await db.exec(`DROP INDEX ${name}`)
  return async () => {
    // SQLite's sorter may use helper threads; it uses none unless asked. At a million
    // spans, on a quiet 2-core machine, the three indexes took 4.9–5.0 s to build without
    // helpers, 3.8–3.9 s with one and 3.6 s with two.
    const threads = (await db.prepare('PRAGMA threads').pluck().get()) as number
    await db.exec(`PRAGMA threads = ${sortThreads}`)
    try {
      for (const { sql } of indexes) await db.exec(sql)
    } finally {
      await db.exec(`PRAGMA threads = ${threads}`)
    }
  }
}

/** Helper threads for sorting index entries: one per core, up to four. */
const sortThreads = Math.min(4, availableParallelism())

/**
 * For a bulk load that rebuilds the spans of every child it writes: drops the triggers
 * on `tables` that mark a written row's child in tracker_dirty, and returns what
 * creates them again (SQLite, inside the caller's transaction, so a failure puts them
 * back). PostgreSQL's app roles do not own the tables, so there the triggers stay.
 */
export async function withoutDirtyMarks(db: Db, tables: readonly string[]): Promise<() => Promise<void>> {
  if (db.engine !== 'sqlite') return async () => undefined
  const triggers = (await db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_marks\\_tracker\\_%' ESCAPE '\\' AND tbl_name IN (${tables.map(() => '?').join(', ')})`
    )
    .all(...tables)) as { name: string; sql: string }[]
  for (const { name } of triggers) await db.exec(`DROP TRIGGER ${name}`)
  return async () => {
    for (const { sql } of triggers) await db.exec(sql)
  }
}
