import type { Migration } from './types'

/**
 * Indexes for the permanence tracker (tracker/queries.ts): one covering seek per step
 * when walking a period of care back, a child's permanence events of one kind in a
 * date window, and a child's open actions. (Episodes open on a date are found by one
 * sequential scan: see queries.ts.)
 */
export const trackerIndexes: Migration = {
  version: 2,
  name: 'tracker_indexes',
  up: (db) => {
    db.exec(`
      CREATE INDEX episode_predecessor ON episode (child_id, dec, decom, seq);
      CREATE INDEX decision_events ON decision (child_id, superseded, outcome, decision_date, recorded_at);
      CREATE INDEX action_by_child ON action (child_id, due_date);
    `)
  }
}
