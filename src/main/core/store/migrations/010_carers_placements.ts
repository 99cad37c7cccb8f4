import { carersPlacement, periodChain, type EpisodeFacts } from '../../tracker/rules'
import type { Migration } from './types'

/**
 * Rebuilds `table` with a new definition, keeping its rows. SQLite cannot change a
 * CHECK constraint in place. Foreign keys pointing at the table are deferred to the
 * commit, by when every row they point at is back under the same id.
 */
function rebuild(db: Parameters<Migration['up']>[0], table: string, definition: string, columns: string, indexes: string[] = []): void {
  db.pragma('defer_foreign_keys = ON')
  db.exec(`
    CREATE TEMP TABLE ${table}_rows AS SELECT ${columns} FROM ${table};
    DROP TABLE ${table};
    ${definition};
    INSERT INTO ${table} (${columns}) SELECT ${columns} FROM temp.${table}_rows;
    DROP TABLE temp.${table}_rows;
    ${indexes.join(';\n')};`)
}

const mark = (childId: string): string =>
  `INSERT INTO tracker_dirty (child_id) SELECT ${childId} WHERE ${childId} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = ${childId});`

/** Every column of the spans, for the grid's covering index. */
const spanColumns = `span_end, span_start, child_id, name, dob, episode_id, ls, ls_group, status, period_start, legal_status_since, placement_start,
  decision_date, last_oversight, last_panel, place, place_provider, moves, carers_key, carers_since, carers_changed`

/**
 * Issue 15: a permanence decision is about the child's carers.
 * - The carers register gains parents as carers, a URN and an address for letters.
 * - Carers are linked to a placement (the child's time with the same carers) by child
 *   and the placement's first DECOM, which survives a 903 re-import replacing the
 *   episodes; the old per-episode carer_id links are carried over.
 * - Decisions record the carers and placement they are about and the support in place.
 * - Care plans per child, discharge applications for children placed with parents,
 *   the PWP review cohort, the s20 "legal permanence secure?" answer, the cohort
 *   definitions a cycle was opened with, and carers imports in the history.
 * - The tracker's spans carry the carers placement and the "carers changed since
 *   decision" flag instead of the episode's carer, and are recomputed for every
 *   child under the new rule.
 */
export const carersPlacements: Migration = {
  version: 10,
  name: 'carers_placements',
  up: (db) => {
    rebuild(
      db,
      'carer',
      `CREATE TABLE carer (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('inhouse', 'ifa', 'kinship', 'residential', 'parent', 'other')),
        provider      TEXT,
        approved_date TEXT,
        urn           TEXT,
        address       TEXT
      ) STRICT`,
      'id, name, kind, provider, approved_date'
    )
    rebuild(
      db,
      'import_batch',
      `CREATE TABLE import_batch (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('903', 'tracker', 'costs', 'demo', 'carers')),
        file_name   TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        inserted    INTEGER NOT NULL DEFAULT 0,
        updated     INTEGER NOT NULL DEFAULT 0,
        unchanged   INTEGER NOT NULL DEFAULT 0,
        rejected    INTEGER NOT NULL DEFAULT 0,
        report      TEXT
      ) STRICT`,
      'id, kind, file_name, sha256, imported_at, imported_by, inserted, updated, unchanged, rejected, report'
    )
    rebuild(
      db,
      'review_item',
      `CREATE TABLE review_item (
        id           INTEGER PRIMARY KEY,
        cycle_id     INTEGER NOT NULL REFERENCES review_cycle (id) ON DELETE CASCADE,
        child_id     TEXT NOT NULL REFERENCES child (child_id),
        cohort       TEXT NOT NULL CHECK (cohort IN ('FCO', 'S20', 'PWP')),
        snapshot     TEXT NOT NULL,
        outcome      TEXT CHECK (outcome IN ('refer_panel', 'plan_confirmed', 'refer_kdm', 'other')),
        outcome_note TEXT,
        review_date  TEXT,
        next_review_date TEXT,
        reviewed_by  TEXT,
        oversight_entry_id INTEGER REFERENCES oversight_entry (id),
        recorded_at  TEXT,
        legal_permanence_secure INTEGER CHECK (legal_permanence_secure IN (0, 1)),
        UNIQUE (cycle_id, child_id)
      ) STRICT`,
      'id, cycle_id, child_id, cohort, snapshot, outcome, outcome_note, review_date, next_review_date, reviewed_by, oversight_entry_id, recorded_at',
      ['CREATE INDEX review_item_by_child ON review_item (child_id)', 'CREATE INDEX review_item_by_outcome ON review_item (outcome, cycle_id)']
    )
    db.exec(`
      ALTER TABLE review_cycle ADD COLUMN cohort_definitions TEXT CHECK (cohort_definitions IS NULL OR json_valid(cohort_definitions));

      CREATE TABLE placement_carer (
        child_id        TEXT NOT NULL REFERENCES child (child_id) ON DELETE CASCADE,
        placement_start TEXT NOT NULL,
        carer_id        INTEGER NOT NULL REFERENCES carer (id),
        linked_by       TEXT NOT NULL,
        linked_at       TEXT NOT NULL,
        import_batch_id INTEGER REFERENCES import_batch (id),
        PRIMARY KEY (child_id, placement_start, carer_id)
      ) WITHOUT ROWID, STRICT;
      CREATE INDEX placement_carer_by_carer ON placement_carer (carer_id);

      CREATE TABLE decision_carer (
        decision_id INTEGER NOT NULL REFERENCES decision (id),
        carer_id    INTEGER NOT NULL REFERENCES carer (id),
        PRIMARY KEY (decision_id, carer_id)
      ) WITHOUT ROWID, STRICT;
      CREATE INDEX decision_carer_by_carer ON decision_carer (carer_id);

      -- The support-and-training checklist of a decision, and the placement it is about.
      CREATE TABLE decision_support (
        decision_id         INTEGER PRIMARY KEY REFERENCES decision (id),
        placement_start     TEXT,
        support_plan        INTEGER NOT NULL DEFAULT 0 CHECK (support_plan IN (0, 1)),
        training            INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1)),
        allowances          INTEGER NOT NULL DEFAULT 0 CHECK (allowances IN (0, 1)),
        contact             INTEGER NOT NULL DEFAULT 0 CHECK (contact IN (0, 1)),
        delegated_authority INTEGER NOT NULL DEFAULT 0 CHECK (delegated_authority IN (0, 1))
      ) STRICT;

      -- What a decision is about is part of the signed record.
      ${['decision_carer', 'decision_support']
        .map(
          (table) => `
      CREATE TRIGGER ${table}_locked_no_insert BEFORE INSERT ON ${table}
        WHEN (SELECT locked FROM decision WHERE id = NEW.decision_id) = 1
        BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;
      CREATE TRIGGER ${table}_locked_no_update BEFORE UPDATE ON ${table}
        WHEN (SELECT locked FROM decision WHERE id = OLD.decision_id) = 1
        BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;
      CREATE TRIGGER ${table}_locked_no_delete BEFORE DELETE ON ${table}
        WHEN (SELECT locked FROM decision WHERE id = OLD.decision_id) = 1
        BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;`
        )
        .join('\n')}

      CREATE TABLE care_plan (
        child_id       TEXT PRIMARY KEY REFERENCES child (child_id) ON DELETE CASCADE,
        plan           TEXT NOT NULL CHECK (plan IN ('long_term_fostering', 'adoption', 'special_guardianship', 'child_arrangements', 'return_home', 'residential', 'staying_put_independence')),
        confirmed_date TEXT,
        family_finding TEXT NOT NULL DEFAULT 'not_needed' CHECK (family_finding IN ('not_needed', 'not_started', 'searching', 'matched', 'placed')),
        note           TEXT,
        updated_by     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;

      CREATE TABLE discharge_application (
        id           INTEGER PRIMARY KEY,
        child_id     TEXT NOT NULL REFERENCES child (child_id) ON DELETE CASCADE,
        status       TEXT NOT NULL CHECK (status IN ('planned', 'applied', 'granted', 'refused')),
        planned_date TEXT NOT NULL,
        applied_date TEXT,
        decided_date TEXT,
        note         TEXT,
        recorded_by  TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        CHECK (applied_date IS NULL OR applied_date >= planned_date),
        CHECK (decided_date IS NULL OR (applied_date IS NOT NULL AND decided_date >= applied_date))
      ) STRICT;
      CREATE INDEX discharge_application_by_child ON discharge_application (child_id, planned_date);

      -- The tracker reads carers links and the carers a decision names.
      CREATE TRIGGER placement_carer_marks_tracker_insert AFTER INSERT ON placement_carer BEGIN ${mark('NEW.child_id')} END;
      CREATE TRIGGER placement_carer_marks_tracker_delete AFTER DELETE ON placement_carer BEGIN ${mark('OLD.child_id')} END;
      CREATE TRIGGER placement_carer_marks_tracker_update AFTER UPDATE ON placement_carer BEGIN ${mark('OLD.child_id')} ${mark('NEW.child_id')} END;
      CREATE TRIGGER decision_carer_marks_tracker_insert AFTER INSERT ON decision_carer
        BEGIN ${mark('(SELECT child_id FROM decision WHERE id = NEW.decision_id)')} END;
      CREATE TRIGGER decision_carer_marks_tracker_delete AFTER DELETE ON decision_carer
        BEGIN ${mark('(SELECT child_id FROM decision WHERE id = OLD.decision_id)')} END;

      DROP TABLE tracker_span;
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
        moves              INTEGER NOT NULL,
        carers_key         TEXT NOT NULL,
        carers_since       TEXT,
        carers_changed     INTEGER NOT NULL CHECK (carers_changed IN (0, 1)),
        PRIMARY KEY (child_id, span_start),
        CHECK (span_end > span_start)
      ) WITHOUT ROWID, STRICT;
      CREATE INDEX tracker_span_on_day ON tracker_span (${spanColumns});
      CREATE INDEX tracker_span_counts ON tracker_span (span_end, ls_group, status, carers_changed, span_start);
      CREATE INDEX tracker_span_by_start ON tracker_span (span_start, ls_group, status, carers_changed);
    `)
    carryOverEpisodeCarers(db)
    db.exec('DELETE FROM tracker_dirty; INSERT INTO tracker_dirty (child_id) SELECT child_id FROM child;')
  }
}

/** Each episode's carer becomes a link to the placement the episode belongs to. */
function carryOverEpisodeCarers(db: Parameters<Migration['up']>[0]): void {
  const linked = db.prepare('SELECT DISTINCT child_id FROM episode WHERE carer_id IS NOT NULL').pluck().all() as string[]
  const episodes = db.prepare('SELECT id, decom, dec, rne, ls, seq, carer_id AS carerId FROM episode WHERE child_id = ?')
  const link = db.prepare(`INSERT OR IGNORE INTO placement_carer (child_id, placement_start, carer_id, linked_by, linked_at) VALUES (?, ?, ?, 'migration 010', ?)`)
  const now = new Date().toISOString()
  for (const childId of linked) {
    const rows = episodes.all(childId) as (EpisodeFacts & { carerId: number | null })[]
    for (const e of rows) if (e.carerId !== null) link.run(childId, carersPlacement(rows, periodChain(rows, e)).key, e.carerId, now)
  }
}
