import { forEachSeries, mapSeries } from '../../../src/main/core/util/series'
import type { Db } from '../../../src/main/core/store/db'
import type { EpisodeFacts, EventOutcome, PermanenceEvent, PlacementCarers } from '../../../src/main/core/tracker/rules'

/** A child's care history written compactly for rule tests. */
export interface History {
  /** [DECOM, DEC or null, RNE, LS], in import order. */
  episodes: [string, string | null, string, string][]
  /** `carers`: names of the carers the decision is about (added to the register as needed). */
  decisions?: { date: string; outcome: EventOutcome; recordedAt?: string; superseded?: boolean; carers?: string[] }[]
  oversight?: { date: string; recordedAt?: string }[]
  /** [placement start (the placement's first DECOM), carer name]: carers linked to a placement. */
  carers?: [string, string][]
}

/** The register id of the carer called `name`, adding them if new. */
export async function carerId(db: Db, name: string): Promise<number> {
  const found = (await db.prepare('SELECT id FROM carer WHERE name = ?').pluck().get(name)) as number | undefined
  return found ?? Number(await db.prepare("INSERT INTO carer (name, kind) VALUES (?, 'inhouse') RETURNING id").pluck().get(name))
}

/** Writes `history` for `childId` into a migrated database. */
export async function insertHistory(db: Db, childId: string, history: History): Promise<void> {
  await db.prepare('INSERT INTO child (child_id, sex, dob, given_name, family_name) VALUES (?, 1, ?, ?, ?)').run(childId, '2008-05-01', 'Test', childId)
  const nextSeq = (await db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM episode').pluck().get()) as number
  await forEachSeries(
    history.episodes,
    async ([decom, dec, rne, ls], i) =>
      await db.prepare('INSERT INTO episode (child_id, decom, dec, rne, ls, seq) VALUES (?, ?, ?, ?, ?, ?)').run(childId, decom, dec, rne, ls, nextSeq + i)
  )
  for (const d of history.decisions ?? []) {
    const decisionId = await db
      .prepare(
        `INSERT INTO decision (child_id, decision_date, outcome, source, superseded, recorded_by, recorded_at) VALUES (?, ?, ?, 'app', ?, 'tester', ?) RETURNING id`
      )
      .pluck()
      .get(childId, d.date, d.outcome, d.superseded ? 1 : 0, d.recordedAt ?? d.date)
    for (const name of d.carers ?? [])
      await db.prepare('INSERT INTO decision_carer (decision_id, carer_id) VALUES (?, ?)').run(decisionId, await carerId(db, name))
  }
  for (const [start, name] of history.carers ?? []) {
    await db
      .prepare(
        "INSERT INTO placement_carer (child_id, placement_start, carer_id, linked_by, linked_at) VALUES (?, ?, ?, 'tester', 'now') ON CONFLICT DO NOTHING"
      )
      .run(childId, start, await carerId(db, name))
  }
  for (const o of history.oversight ?? []) {
    await db
      .prepare(`INSERT INTO oversight_entry (child_id, entry_date, manager, source, recorded_by, recorded_at) VALUES (?, ?, 'A Manager', 'app', 'tester', ?)`)
      .run(childId, o.date, o.recordedAt ?? o.date)
  }
}

/** Everything the pure rules need about one child, read back from the store. */
export async function readHistory(db: Db, childId: string): Promise<{ episodes: EpisodeFacts[]; events: PermanenceEvent[]; placementCarers: PlacementCarers }> {
  const episodes = (await db.prepare('SELECT id, decom, dec, rne, ls, seq FROM episode WHERE child_id = ? ORDER BY seq').all(childId)) as EpisodeFacts[]
  const named = db.prepare('SELECT carer_id FROM decision_carer WHERE decision_id = ? ORDER BY carer_id').pluck()
  const decisions = (await db
    .prepare('SELECT decision_date AS date, outcome, recorded_at AS "recordedAt", id AS "order" FROM decision WHERE child_id = ? AND superseded = 0')
    .all(childId)) as PermanenceEvent[]
  const placementCarers = new Map<string, number[]>()
  for (const { start, carer } of (await db
    .prepare('SELECT placement_start AS start, carer_id AS carer FROM placement_carer WHERE child_id = ?')
    .all(childId)) as { start: string; carer: number }[]) {
    placementCarers.set(start, [...(placementCarers.get(start) ?? []), carer])
  }
  const events = [
    ...(await mapSeries(decisions, async (d) => ({ ...d, carers: (await named.all(d.order)) as number[] }))),
    ...((await db
      .prepare(`SELECT entry_date AS date, 'oversight' AS outcome, recorded_at AS "recordedAt", id AS "order" FROM oversight_entry WHERE child_id = ?`)
      .all(childId)) as PermanenceEvent[])
  ]
  return { episodes, events, placementCarers }
}
