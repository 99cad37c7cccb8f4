import type { Migration } from './types'

/**
 * The cost baseline counts Staying Put and SGO arrangements from episodes that ended
 * with those reasons (costs/baseline.ts). A partial index holds only those few rows,
 * so the count no longer reads every episode, and imports barely notice it.
 */
export const endedArrangementsIndex: Migration = {
  version: 8,
  name: 'ended_arrangements_index',
  up: (db) => {
    db.exec(`CREATE INDEX episode_ended_arrangement ON episode (rec, child_id) WHERE rec IN ('E17', 'E45', 'E46', 'E47', 'E48')`)
  }
}
