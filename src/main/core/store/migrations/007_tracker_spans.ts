import type { Migration } from './types'

/**
 * The grid reads every column of the spans containing a date from one index (no table
 * seeks); the counts read a narrow one; the trend also walks span starts.
 */
const spanIndexes = `
      CREATE INDEX tracker_span_on_day ON tracker_span (span_end, span_start, child_id, name, dob, episode_id, ls, ls_group, status, period_start,
        legal_status_since, placement_start, decision_date, last_oversight, last_panel, place, place_provider, carer_id, moves);
      CREATE INDEX tracker_span_counts ON tracker_span (span_end, ls_group, status, span_start);
      CREATE INDEX tracker_span_by_start ON tracker_span (span_start, ls_group, status);`

/**
 * Marks the row's child. Not INSERT OR IGNORE: inside a trigger the outer statement's
 * conflict handling wins, so under an upsert an already-marked child would abort it.
 */
const mark = (row: 'NEW' | 'OLD'): string =>
  `INSERT INTO tracker_dirty (child_id) SELECT ${row}.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = ${row}.child_id);`

/** The tables the spans are computed from. */
const sources = ['episode', 'decision', 'oversight_entry']

/**
 * The tracker's status spans (tracker/spans.ts): per child, the days on which it is
 * looked after cut where its answer changes, so a date question is one range scan.
 * Spans are derived data: triggers on every table they read mark the child in
 * tracker_dirty, and the tracker recomputes those children before it reads
 * (tracker/refresh.ts), so no writer can leave them stale. Open-ended spans end on
 * 9999-12-31 so `span_start <= :d AND span_end > :d` needs no NULL test.
 */
export const trackerSpans: Migration = {
  version: 7,
  name: 'tracker_spans',
  up: (db) => {
    db.exec(`
      CREATE TABLE tracker_span (
        child_id           TEXT NOT NULL,
        span_start         TEXT NOT NULL,
        span_end           TEXT NOT NULL,
        name               TEXT NOT NULL,
        dob                TEXT,
        episode_id         INTEGER NOT NULL,
        ls                 TEXT,
        ls_group           TEXT NOT NULL,
        status             TEXT NOT NULL CHECK (status IN ('agreed', 'not_agreed', 'oversight', 'none')),
        period_start       TEXT,
        legal_status_since TEXT NOT NULL,
        placement_start    TEXT,
        decision_date      TEXT,
        last_oversight     TEXT,
        last_panel         TEXT,
        place              TEXT,
        place_provider     TEXT,
        carer_id           INTEGER,
        moves              INTEGER NOT NULL,
        PRIMARY KEY (child_id, span_start),
        CHECK (span_end > span_start)
      ) WITHOUT ROWID, STRICT;
      ${spanIndexes}

      -- Only the tracker's recursive walk back through a period used it; the walk is now
      -- done per child when spans are computed, and every import would keep paying for it.
      DROP INDEX episode_predecessor;

      CREATE TABLE tracker_dirty (child_id TEXT PRIMARY KEY) WITHOUT ROWID, STRICT;
      INSERT INTO tracker_dirty (child_id) SELECT child_id FROM child;
      -- The spans carry the child's name and date of birth.
      CREATE TRIGGER child_marks_tracker_update AFTER UPDATE OF given_name, family_name, dob ON child
        BEGIN ${mark('NEW')} END;
      ${sources
        .map(
          (table) => `
      CREATE TRIGGER ${table}_marks_tracker_insert AFTER INSERT ON ${table}
        BEGIN ${mark('NEW')} END;
      CREATE TRIGGER ${table}_marks_tracker_delete AFTER DELETE ON ${table}
        BEGIN ${mark('OLD')} END;
      CREATE TRIGGER ${table}_marks_tracker_update AFTER UPDATE ON ${table}
        BEGIN ${mark('OLD')} ${mark('NEW')} END;`
        )
        .join('\n')}
    `)
  }
}
