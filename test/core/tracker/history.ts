import type { Db } from '../../../src/main/core/store/db'
import type { EpisodeFacts, EventOutcome, PermanenceEvent } from '../../../src/main/core/tracker/rules'

/** A child's care history written compactly for rule tests. */
export interface History {
  /** [DECOM, DEC or null, RNE, LS], in import order. */
  episodes: [string, string | null, string, string][]
  decisions?: { date: string; outcome: EventOutcome; recordedAt?: string; superseded?: boolean }[]
  oversight?: { date: string; recordedAt?: string }[]
}

/** Writes `history` for `childId` into a migrated database. */
export function insertHistory(db: Db, childId: string, history: History): void {
  db.prepare('INSERT INTO child (child_id, sex, dob, given_name, family_name) VALUES (?, 1, ?, ?, ?)').run(childId, '2008-05-01', 'Test', childId)
  const nextSeq = (db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM episode').pluck().get() as number)
  history.episodes.forEach(([decom, dec, rne, ls], i) =>
    db.prepare('INSERT INTO episode (child_id, decom, dec, rne, ls, seq) VALUES (?, ?, ?, ?, ?, ?)').run(childId, decom, dec, rne, ls, nextSeq + i)
  )
  for (const d of history.decisions ?? []) {
    db.prepare(
      `INSERT INTO decision (child_id, decision_date, outcome, source, superseded, recorded_by, recorded_at) VALUES (?, ?, ?, 'app', ?, 'tester', ?)`
    ).run(childId, d.date, d.outcome, d.superseded ? 1 : 0, d.recordedAt ?? d.date)
  }
  for (const o of history.oversight ?? []) {
    db.prepare(`INSERT INTO oversight_entry (child_id, entry_date, manager, source, recorded_by, recorded_at) VALUES (?, ?, 'A Manager', 'app', 'tester', ?)`).run(
      childId,
      o.date,
      o.recordedAt ?? o.date
    )
  }
}

/** Everything the pure rules need about one child, read back from the store. */
export function readHistory(db: Db, childId: string): { episodes: EpisodeFacts[]; events: PermanenceEvent[] } {
  const episodes = db.prepare('SELECT id, decom, dec, rne, ls, seq FROM episode WHERE child_id = ? ORDER BY seq').all(childId) as EpisodeFacts[]
  const events = [
    ...(db
      .prepare('SELECT decision_date AS date, outcome, recorded_at AS recordedAt, id AS "order" FROM decision WHERE child_id = ? AND superseded = 0')
      .all(childId) as PermanenceEvent[]),
    ...(db
      .prepare(`SELECT entry_date AS date, 'oversight' AS outcome, recorded_at AS recordedAt, id AS "order" FROM oversight_entry WHERE child_id = ?`)
      .all(childId) as PermanenceEvent[])
  ]
  return { episodes, events }
}
