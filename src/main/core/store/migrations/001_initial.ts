import type { Migration } from './types'

/**
 * The initial schema. Column names of `child` and `episode` follow the SSDA903
 * Header and Episodes tables (lower-cased); everything else is the app's own.
 * Dates are ISO `YYYY-MM-DD` text so that they sort and compare as strings.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE import_batch (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('903', 'tracker', 'costs', 'demo')),
        file_name   TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        inserted    INTEGER NOT NULL DEFAULT 0,
        updated     INTEGER NOT NULL DEFAULT 0,
        unchanged   INTEGER NOT NULL DEFAULT 0,
        rejected    INTEGER NOT NULL DEFAULT 0,
        report      TEXT
      ) STRICT;

      CREATE TABLE child (
        child_id    TEXT PRIMARY KEY,
        sex         INTEGER CHECK (sex IN (1, 2)),
        dob         TEXT,
        ethnic      TEXT,
        upn         TEXT,
        mother      INTEGER,
        mc_dob      TEXT,
        given_name  TEXT,
        family_name TEXT,
        import_batch_id INTEGER REFERENCES import_batch (id)
      ) STRICT;

      CREATE TABLE carer (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('inhouse', 'kinship', 'ifa', 'residential', 'other')),
        provider      TEXT,
        approved_date TEXT
      ) STRICT;

      -- seq keeps import order: the tracker breaks ties between overlapping episodes with it.
      CREATE TABLE episode (
        id       INTEGER PRIMARY KEY,
        child_id TEXT NOT NULL REFERENCES child (child_id) ON DELETE CASCADE,
        decom    TEXT NOT NULL,
        rne      TEXT,
        ls       TEXT,
        cin      TEXT,
        place    TEXT,
        place_provider TEXT,
        dec      TEXT,
        rec      TEXT,
        reason_place_change TEXT,
        home_post TEXT,
        pl_post  TEXT,
        urn      TEXT,
        carer_id INTEGER REFERENCES carer (id),
        seq      INTEGER NOT NULL,
        import_batch_id INTEGER REFERENCES import_batch (id),
        CHECK (dec IS NULL OR dec >= decom)
      ) STRICT;
      CREATE INDEX episode_by_child ON episode (child_id, decom);
      CREATE INDEX episode_by_carer ON episode (carer_id);

      CREATE TABLE panel_meeting (
        id          INTEGER PRIMARY KEY,
        meeting_date TEXT NOT NULL,
        start_time  TEXT,
        place       TEXT,
        online      INTEGER NOT NULL DEFAULT 0,
        chair       TEXT NOT NULL,
        quorum_rule TEXT NOT NULL DEFAULT '{"minMembers":3,"requireChair":true,"requireRoles":["fostering"]}',
        status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'signed')),
        signed_by   TEXT,
        signed_at   TEXT,
        notes       TEXT
      ) STRICT;

      CREATE TABLE panel_member (
        id         INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES panel_meeting (id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        role       TEXT NOT NULL,
        attended   INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX panel_member_by_meeting ON panel_member (meeting_id);

      CREATE TABLE agenda_item (
        id            INTEGER PRIMARY KEY,
        meeting_id    INTEGER NOT NULL REFERENCES panel_meeting (id) ON DELETE CASCADE,
        child_id      TEXT NOT NULL REFERENCES child (child_id),
        position      INTEGER NOT NULL,
        slot_time     TEXT,
        social_worker TEXT,
        reason        TEXT,
        papers        TEXT NOT NULL DEFAULT '[]',
        UNIQUE (meeting_id, child_id)
      ) STRICT;
      CREATE INDEX agenda_item_by_child ON agenda_item (child_id);

      -- A decision is either recorded at a meeting (agenda_item_id) or imported from a
      -- legacy tracker. Amendments are new rows pointing at the row they correct.
      CREATE TABLE decision (
        id             INTEGER PRIMARY KEY,
        child_id       TEXT NOT NULL REFERENCES child (child_id),
        meeting_id     INTEGER REFERENCES panel_meeting (id),
        agenda_item_id INTEGER REFERENCES agenda_item (id),
        decision_date  TEXT NOT NULL,
        outcome        TEXT NOT NULL CHECK (outcome IN ('agreed', 'not_agreed', 'deferred', 'oversight')),
        return_date    TEXT,
        reasons        TEXT,
        conditions     TEXT,
        support        TEXT,
        dissent        TEXT,
        quorate        INTEGER,
        source         TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'import', 'demo')),
        locked         INTEGER NOT NULL DEFAULT 0,
        amends_id      INTEGER REFERENCES decision (id),
        amendment_reason TEXT,
        superseded     INTEGER NOT NULL DEFAULT 0,
        recorded_by    TEXT NOT NULL,
        recorded_at    TEXT NOT NULL,
        import_batch_id INTEGER REFERENCES import_batch (id)
      ) STRICT;
      CREATE INDEX decision_by_child ON decision (child_id, decision_date);

      CREATE TABLE oversight_entry (
        id          INTEGER PRIMARY KEY,
        child_id    TEXT NOT NULL REFERENCES child (child_id),
        entry_date  TEXT NOT NULL,
        manager     TEXT NOT NULL,
        note        TEXT,
        next_review_date TEXT,
        source      TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'import', 'demo', 'review')),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        import_batch_id INTEGER REFERENCES import_batch (id)
      ) STRICT;
      CREATE INDEX oversight_by_child ON oversight_entry (child_id, entry_date);

      CREATE TABLE action (
        id          INTEGER PRIMARY KEY,
        child_id    TEXT REFERENCES child (child_id),
        decision_id INTEGER REFERENCES decision (id),
        meeting_id  INTEGER REFERENCES panel_meeting (id),
        description TEXT NOT NULL,
        owner       TEXT NOT NULL,
        due_date    TEXT,
        done_at     TEXT,
        created_by  TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX action_open ON action (done_at, due_date);

      CREATE TABLE review_cycle (
        id          INTEGER PRIMARY KEY,
        label       TEXT NOT NULL,
        start_date  TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        opened_by   TEXT NOT NULL,
        opened_at   TEXT NOT NULL
      ) STRICT;

      -- The cohort is snapshotted when the cycle opens so later changes do not move it.
      CREATE TABLE review_item (
        id           INTEGER PRIMARY KEY,
        cycle_id     INTEGER NOT NULL REFERENCES review_cycle (id) ON DELETE CASCADE,
        child_id     TEXT NOT NULL REFERENCES child (child_id),
        cohort       TEXT NOT NULL CHECK (cohort IN ('FCO', 'S20')),
        snapshot     TEXT NOT NULL,
        outcome      TEXT CHECK (outcome IN ('refer_panel', 'plan_confirmed', 'refer_kdm', 'other')),
        outcome_note TEXT,
        review_date  TEXT,
        next_review_date TEXT,
        reviewed_by  TEXT,
        UNIQUE (cycle_id, child_id)
      ) STRICT;

      CREATE TABLE unit_cost (
        id             INTEGER PRIMARY KEY,
        option_code    TEXT NOT NULL,
        label          TEXT NOT NULL,
        weekly         REAL NOT NULL CHECK (weekly >= 0),
        effective_from TEXT NOT NULL,
        source         TEXT NOT NULL,
        is_assumption  INTEGER NOT NULL DEFAULT 0,
        UNIQUE (option_code, effective_from)
      ) STRICT;

      CREATE TABLE placement_mapping (
        place          TEXT NOT NULL,
        place_provider TEXT NOT NULL,
        option_code    TEXT NOT NULL,
        PRIMARY KEY (place, place_provider)
      ) STRICT;

      CREATE TABLE cost_scenario (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        definition TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        who       TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT,
        before    TEXT,
        after     TEXT
      ) STRICT;
      CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `)
  }
}
