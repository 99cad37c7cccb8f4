import type { Migration } from './types'

/** Saved views of the permanence tracker (filters and sort as JSON), shared by everyone. */
export const trackerViews: Migration = {
  version: 6,
  name: 'tracker_views',
  up: (db) => {
    db.exec(`
      CREATE TABLE tracker_view (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        definition TEXT NOT NULL CHECK (json_valid(definition)),
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `)
  }
}
