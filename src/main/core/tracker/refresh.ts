/**
 * Keeps tracker_span (migration 007) in step with the records: recomputes the spans of
 * the children that triggers marked in tracker_dirty, with the pure rules (spans.ts).
 * Every tracker read calls ensureTrackerSpans first, so the spans are never stale.
 */
import { AppError } from '../errors'
import type { Db } from '../store/db'
import type { EventOutcome, PermanenceEvent } from './rules'
import { statusSpans, type SpanEpisode } from './spans'

const openEnd = '9999-12-31'

/** Above this share of all children, one scan of every table beats a seek per child. */
const fullScanShare = 0.1

type EpisodeRow = [number, string, string | null, string | null, string | null, number, string | null, string | null]
type DecisionRow = [string, EventOutcome, string, number]
type OversightRow = [string, string, number]
type ChildRow = [string, string, string | null]
type PlacementCarerRow = [string, number]
type DecisionCarerRow = [number, number]

const dirtyOnly = (scan: boolean): string => (scan ? '' : 'child_id IN (SELECT child_id FROM tracker_dirty)')
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
  const rows = (await db.prepare(`SELECT child_id, ${db.sql.jsonGroupArray(db.sql.jsonArray([columns]))} FROM ${table} ${filter} GROUP BY child_id`).raw().all()) as [string, string][]
  return new Map(rows.map(([childId, json]) => [childId, JSON.parse(json) as T[]]))
}

/** Recomputes the spans of every marked child, in one transaction; returns how many children. */
export async function refreshTrackerSpans(db: Db): Promise<number> {
  return await db.transaction(async () => {
    const marked = await db.prepare('SELECT COUNT(*) FROM tracker_dirty').pluck().get() as number
    if (marked === 0) return 0
    const all = await db.prepare('SELECT COUNT(*) FROM child').pluck().get() as number
    const scan = marked >= all * fullScanShare
    const filter = dirtyOnly(scan)
    const episodes = await byChild<EpisodeRow>(db, 'episode', 'id, decom, dec, rne, ls, seq, place, place_provider', where(filter))
    const decisions = await byChild<DecisionRow>(db, 'decision', 'decision_date, outcome, recorded_at, id', where(filter, 'superseded = 0'))
    const oversight = await byChild<OversightRow>(db, 'oversight_entry', 'entry_date, recorded_at, id', where(filter))
    const links = await byChild<PlacementCarerRow>(db, 'placement_carer', 'placement_start, carer_id', where(filter))
    const named = await byChild<DecisionCarerRow>(
      db,
      '(SELECT d.child_id, c.decision_id, c.carer_id FROM decision_carer c JOIN decision d ON d.id = c.decision_id) named',
      'decision_id, carer_id',
      where(filter)
    )
    const people = new Map(
      (await db.prepare(`SELECT child_id, TRIM(COALESCE(given_name, '') || ' ' || COALESCE(family_name, '')), dob FROM child ${where(filter)}`).raw().all() as ChildRow[]).map(
        ([id, name, dob]) => [id, { name, dob }]
      )
    )

    // Rebuilding every span: drop the indexes and build them again afterwards by
    // sorting, far faster than inserting a million rows into each of them.
    const indexes =
      scan && db.engine === 'sqlite'
        ? ((await db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tracker_span' AND sql IS NOT NULL").all()) as { name: string; sql: string }[])
        : []
    for (const { name } of indexes) await db.exec(`DROP INDEX ${name}`)
    if (scan) await db.prepare('DELETE FROM tracker_span').run()
    else await db.prepare(`DELETE FROM tracker_span ${where(filter)}`).run()
    const insert = db.prepare(`INSERT INTO tracker_span (child_id, span_start, span_end, name, dob, episode_id, ls, ls_group, status, period_start,
      legal_status_since, placement_start, decision_date, last_oversight, last_panel, place, place_provider, moves, carers_key, carers_since, carers_changed)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    // Children in key order, so the spans append to the table's b-tree.
    for (const childId of [...episodes.keys()].sort()) {
      const person = people.get(childId)!
      const facts: SpanEpisode[] = episodes.get(childId)!.map(([id, decom, dec, rne, ls, seq, place, placeProvider]) => ({
        id, decom, dec, rne, ls, seq, place, placeProvider
      }))
      const panel = decisions.get(childId) ?? []
      const carersOf = new Map<number, number[]>()
      for (const [decisionId, carerId] of named.get(childId) ?? []) carersOf.set(decisionId, [...(carersOf.get(decisionId) ?? []), carerId])
      const events: PermanenceEvent[] = panel.map(([date, outcome, recordedAt, order]) => ({ date, outcome, recordedAt, order, carers: carersOf.get(order) }))
      for (const [date, recordedAt, order] of oversight.get(childId) ?? []) events.push({ date, outcome: 'oversight', recordedAt, order })
      const placementCarers = new Map<string, number[]>()
      for (const [start, carerId] of links.get(childId) ?? []) placementCarers.set(start, [...(placementCarers.get(start) ?? []), carerId])
      for (const s of statusSpans(facts, events, panel.map((d) => d[0]), placementCarers)) {
        await insert.run(childId, s.start, s.end ?? openEnd, person.name, person.dob, s.episode.id, s.episode.ls, s.legalStatusGroup, s.status, s.periodStart,
          s.legalStatusSince, s.placementStart, s.decisionDate, s.lastOversight, s.lastPanel, s.episode.place, s.episode.placeProvider, s.moves,
          s.carers.key, s.carers.since, s.carersChanged ? 1 : 0)
      }
    }
    for (const { sql } of indexes) await db.exec(sql)
    await db.prepare('DELETE FROM tracker_dirty').run()
    return marked
  })()
}

/**
 * Brings the spans up to date if any record changed since they were computed: one
 * cheap probe when nothing did. A read-only connection cannot write them.
 */
export async function ensureTrackerSpans(db: Db): Promise<void> {
  if ((await db.prepare('SELECT EXISTS (SELECT 1 FROM tracker_dirty)').pluck().get()) === 0) return
  // On the team database a login that may not write the spans (a panel member, a
  // commissioner) reads them as the last writer left them; every writer's next read refreshes.
  if (db.engine === 'postgres' && (await db.prepare("SELECT has_table_privilege('tracker_span', 'INSERT')").pluck().get()) !== 1) return
  if (db.readonly) {
    throw new AppError('bad_database', 'The tracker needs recomputing after changes to care records, which a read-only connection cannot do. Open the database with write access once.')
  }
  await refreshTrackerSpans(db)
}
