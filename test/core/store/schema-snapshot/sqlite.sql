-- table action
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

-- index action_by_child on action
CREATE INDEX action_by_child ON action (child_id, due_date);

-- index action_by_decision on action
CREATE INDEX action_by_decision ON action (decision_id);

-- index action_by_meeting on action
CREATE INDEX action_by_meeting ON action (meeting_id);

-- index action_open on action
CREATE INDEX action_open ON action (done_at, due_date);

-- table agenda_item
CREATE TABLE agenda_item (
  id            INTEGER PRIMARY KEY,
  meeting_id    INTEGER NOT NULL REFERENCES panel_meeting (id) ON DELETE CASCADE,
  child_id      TEXT NOT NULL REFERENCES child (child_id),
  position      INTEGER NOT NULL,
  slot_time     TEXT,
  social_worker TEXT,
  reason        TEXT,
  papers        TEXT NOT NULL DEFAULT '[]', version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (meeting_id, child_id)
  ) STRICT;

-- index agenda_item_by_child on agenda_item
CREATE INDEX agenda_item_by_child ON agenda_item (child_id);

-- trigger audit_log_append_only on audit_log
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
  WHEN NEW.id <= (SELECT COALESCE(MAX(id), 0) FROM audit_log) OR NEW.hash IS NULL OR length(NEW.hash) <> 64
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows are added at the end with their chain hash'); END;

-- trigger audit_log_no_delete on audit_log
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- trigger audit_log_no_update on audit_log
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- trigger audit_log_seal on audit_log
CREATE TRIGGER audit_log_seal AFTER INSERT ON audit_log
  BEGIN UPDATE audit_seal SET last_id = NEW.id, last_hash = NEW.hash, row_count = row_count + 1; END;

-- table audit_log
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  who       TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  before    TEXT,
  after     TEXT
  , hash TEXT) STRICT;

-- index audit_by_entity on audit_log
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);

-- trigger audit_seal_no_delete on audit_seal
CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
  BEGIN SELECT RAISE(ABORT, 'audit_seal cannot be removed'); END;

-- table audit_seal
CREATE TABLE audit_seal (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  last_id   INTEGER NOT NULL,
  last_hash TEXT NOT NULL,
  row_count INTEGER NOT NULL
  ) STRICT;

-- table care_plan
CREATE TABLE care_plan (
  child_id       TEXT PRIMARY KEY REFERENCES child (child_id) ON DELETE CASCADE,
  plan           TEXT NOT NULL CHECK (plan IN ('long_term_fostering', 'adoption', 'special_guardianship', 'child_arrangements', 'return_home', 'residential', 'staying_put_independence')),
  confirmed_date TEXT,
  family_finding TEXT NOT NULL DEFAULT 'not_needed' CHECK (family_finding IN ('not_needed', 'not_started', 'searching', 'matched', 'placed')),
  note           TEXT,
  updated_by     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
  ) STRICT;

-- table carer
CREATE TABLE carer (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('inhouse', 'ifa', 'kinship', 'residential', 'parent', 'other')),
  provider      TEXT,
  approved_date TEXT,
  urn           TEXT,
  address       TEXT
  ) STRICT;

-- trigger child_marks_tracker_update on child
CREATE TRIGGER child_marks_tracker_update AFTER UPDATE OF given_name, family_name, dob ON child
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT NEW.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = NEW.child_id); END;

-- table child
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

-- view commissioning_episode
CREATE VIEW commissioning_episode AS SELECT e.decom, e.dec, e.rne, e.ls, e.cin, e.place, e.place_provider, e.rec, e.reason_place_change, e.seq FROM episode e;

-- table cost_option
CREATE TABLE cost_option (
  code         TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][A-Z0-9_]*' AND length(code) BETWEEN 2 AND 40),
  label        TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
  kind         TEXT NOT NULL CHECK (kind IN ('placement', 'service')),
  position     INTEGER NOT NULL,
  retired_from TEXT
  ) STRICT;

-- table cost_scenario
CREATE TABLE cost_scenario (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
  ) STRICT;

-- trigger decision_locked_no_delete on decision
CREATE TRIGGER decision_locked_no_delete BEFORE DELETE ON decision
  WHEN OLD.locked = 1
  BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;

-- trigger decision_locked_no_update on decision
CREATE TRIGGER decision_locked_no_update BEFORE UPDATE ON decision
  WHEN OLD.locked = 1 AND NOT (
  NEW.superseded = 1 AND OLD.superseded = 0 AND NEW.id IS OLD.id AND NEW.child_id IS OLD.child_id
  AND NEW.meeting_id IS OLD.meeting_id AND NEW.agenda_item_id IS OLD.agenda_item_id AND NEW.decision_date IS OLD.decision_date
  AND NEW.outcome IS OLD.outcome AND NEW.return_date IS OLD.return_date AND NEW.reasons IS OLD.reasons
  AND NEW.conditions IS OLD.conditions AND NEW.support IS OLD.support AND NEW.dissent IS OLD.dissent
  AND NEW.quorate IS OLD.quorate AND NEW.source IS OLD.source AND NEW.locked = 1 AND NEW.amends_id IS OLD.amends_id
  AND NEW.amendment_reason IS OLD.amendment_reason AND NEW.recorded_by IS OLD.recorded_by AND NEW.recorded_at IS OLD.recorded_at
  AND NEW.import_batch_id IS OLD.import_batch_id)
  BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;

-- trigger decision_marks_tracker_delete on decision
CREATE TRIGGER decision_marks_tracker_delete AFTER DELETE ON decision
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT OLD.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = OLD.child_id); END;

-- trigger decision_marks_tracker_insert on decision
CREATE TRIGGER decision_marks_tracker_insert AFTER INSERT ON decision
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT NEW.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = NEW.child_id); END;

-- trigger decision_marks_tracker_update on decision
CREATE TRIGGER decision_marks_tracker_update AFTER UPDATE ON decision
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT OLD.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = OLD.child_id); INSERT INTO tracker_dirty (child_id) SELECT NEW.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = NEW.child_id); END;

-- table decision
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
  , version INTEGER NOT NULL DEFAULT 1) STRICT;

-- index decision_by_child on decision
CREATE INDEX decision_by_child ON decision (child_id, decision_date);

-- index decision_by_meeting on decision
CREATE INDEX decision_by_meeting ON decision (meeting_id, agenda_item_id);

-- index decision_events on decision
CREATE INDEX decision_events ON decision (child_id, superseded, outcome, decision_date, recorded_at);

-- trigger decision_carer_locked_no_delete on decision_carer
CREATE TRIGGER decision_carer_locked_no_delete BEFORE DELETE ON decision_carer
  WHEN (SELECT locked FROM decision WHERE id = OLD.decision_id) = 1
  BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;

-- trigger decision_carer_locked_no_insert on decision_carer
CREATE TRIGGER decision_carer_locked_no_insert BEFORE INSERT ON decision_carer
  WHEN (SELECT locked FROM decision WHERE id = NEW.decision_id) = 1
  BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;

-- trigger decision_carer_locked_no_update on decision_carer
CREATE TRIGGER decision_carer_locked_no_update BEFORE UPDATE ON decision_carer
  WHEN (SELECT locked FROM decision WHERE id = OLD.decision_id) = 1
  BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;

-- trigger decision_carer_marks_tracker_delete on decision_carer
CREATE TRIGGER decision_carer_marks_tracker_delete AFTER DELETE ON decision_carer
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT (SELECT child_id FROM decision WHERE id = OLD.decision_id) WHERE (SELECT child_id FROM decision WHERE id = OLD.decision_id) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = (SELECT child_id FROM decision WHERE id = OLD.decision_id)); END;

-- trigger decision_carer_marks_tracker_insert on decision_carer
CREATE TRIGGER decision_carer_marks_tracker_insert AFTER INSERT ON decision_carer
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT (SELECT child_id FROM decision WHERE id = NEW.decision_id) WHERE (SELECT child_id FROM decision WHERE id = NEW.decision_id) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = (SELECT child_id FROM decision WHERE id = NEW.decision_id)); END;

-- table decision_carer
CREATE TABLE decision_carer (
  decision_id INTEGER NOT NULL REFERENCES decision (id),
  carer_id    INTEGER NOT NULL REFERENCES carer (id),
  PRIMARY KEY (decision_id, carer_id)
  ) WITHOUT ROWID, STRICT;

-- index decision_carer_by_carer on decision_carer
CREATE INDEX decision_carer_by_carer ON decision_carer (carer_id);

-- trigger decision_support_locked_no_delete on decision_support
CREATE TRIGGER decision_support_locked_no_delete BEFORE DELETE ON decision_support
  WHEN (SELECT locked FROM decision WHERE id = OLD.decision_id) = 1
  BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;

-- trigger decision_support_locked_no_insert on decision_support
CREATE TRIGGER decision_support_locked_no_insert BEFORE INSERT ON decision_support
  WHEN (SELECT locked FROM decision WHERE id = NEW.decision_id) = 1
  BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;

-- trigger decision_support_locked_no_update on decision_support
CREATE TRIGGER decision_support_locked_no_update BEFORE UPDATE ON decision_support
  WHEN (SELECT locked FROM decision WHERE id = OLD.decision_id) = 1
  BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;

-- table decision_support
CREATE TABLE decision_support (
  decision_id         INTEGER PRIMARY KEY REFERENCES decision (id),
  placement_start     TEXT,
  support_plan        INTEGER NOT NULL DEFAULT 0 CHECK (support_plan IN (0, 1)),
  training            INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1)),
  allowances          INTEGER NOT NULL DEFAULT 0 CHECK (allowances IN (0, 1)),
  contact             INTEGER NOT NULL DEFAULT 0 CHECK (contact IN (0, 1)),
  delegated_authority INTEGER NOT NULL DEFAULT 0 CHECK (delegated_authority IN (0, 1))
  ) STRICT;

-- table discharge_application
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

-- index discharge_application_by_child on discharge_application
CREATE INDEX discharge_application_by_child ON discharge_application (child_id, planned_date);

-- trigger episode_marks_tracker_delete on episode
CREATE TRIGGER episode_marks_tracker_delete AFTER DELETE ON episode
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT OLD.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = OLD.child_id); END;

-- trigger episode_marks_tracker_insert on episode
CREATE TRIGGER episode_marks_tracker_insert AFTER INSERT ON episode
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT NEW.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = NEW.child_id); END;

-- trigger episode_marks_tracker_update on episode
CREATE TRIGGER episode_marks_tracker_update AFTER UPDATE ON episode
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT OLD.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = OLD.child_id); INSERT INTO tracker_dirty (child_id) SELECT NEW.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = NEW.child_id); END;

-- table episode
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

-- index episode_by_carer on episode
CREATE INDEX episode_by_carer ON episode (carer_id);

-- index episode_by_child on episode
CREATE INDEX episode_by_child ON episode (child_id, decom);

-- index episode_ended_arrangement on episode
CREATE INDEX episode_ended_arrangement ON episode (rec, child_id) WHERE rec IN ('E17', 'E43', 'E44', 'E45', 'E46', 'E47', 'E48');

-- table import_batch
CREATE TABLE import_batch (
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
  ) STRICT;

-- trigger oversight_entry_marks_tracker_delete on oversight_entry
CREATE TRIGGER oversight_entry_marks_tracker_delete AFTER DELETE ON oversight_entry
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT OLD.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = OLD.child_id); END;

-- trigger oversight_entry_marks_tracker_insert on oversight_entry
CREATE TRIGGER oversight_entry_marks_tracker_insert AFTER INSERT ON oversight_entry
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT NEW.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = NEW.child_id); END;

-- trigger oversight_entry_marks_tracker_update on oversight_entry
CREATE TRIGGER oversight_entry_marks_tracker_update AFTER UPDATE ON oversight_entry
  BEGIN INSERT INTO tracker_dirty (child_id) SELECT OLD.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = OLD.child_id); INSERT INTO tracker_dirty (child_id) SELECT NEW.child_id WHERE NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = NEW.child_id); END;

-- table oversight_entry
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

-- index oversight_by_child on oversight_entry
CREATE INDEX oversight_by_child ON oversight_entry (child_id, entry_date);

-- table panel_meeting
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
  , version INTEGER NOT NULL DEFAULT 1) STRICT;

-- table panel_member
CREATE TABLE panel_member (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES panel_meeting (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL,
  attended   INTEGER NOT NULL DEFAULT 0
  ) STRICT;

-- index panel_member_by_meeting on panel_member
CREATE INDEX panel_member_by_meeting ON panel_member (meeting_id);

-- trigger placement_carer_marks_tracker_delete on placement_carer
CREATE TRIGGER placement_carer_marks_tracker_delete AFTER DELETE ON placement_carer BEGIN INSERT INTO tracker_dirty (child_id) SELECT OLD.child_id WHERE OLD.child_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = OLD.child_id); END;

-- trigger placement_carer_marks_tracker_insert on placement_carer
CREATE TRIGGER placement_carer_marks_tracker_insert AFTER INSERT ON placement_carer BEGIN INSERT INTO tracker_dirty (child_id) SELECT NEW.child_id WHERE NEW.child_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = NEW.child_id); END;

-- trigger placement_carer_marks_tracker_update on placement_carer
CREATE TRIGGER placement_carer_marks_tracker_update AFTER UPDATE ON placement_carer BEGIN INSERT INTO tracker_dirty (child_id) SELECT OLD.child_id WHERE OLD.child_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = OLD.child_id); INSERT INTO tracker_dirty (child_id) SELECT NEW.child_id WHERE NEW.child_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tracker_dirty WHERE child_id = NEW.child_id); END;

-- table placement_carer
CREATE TABLE placement_carer (
  child_id        TEXT NOT NULL REFERENCES child (child_id) ON DELETE CASCADE,
  placement_start TEXT NOT NULL,
  carer_id        INTEGER NOT NULL REFERENCES carer (id),
  linked_by       TEXT NOT NULL,
  linked_at       TEXT NOT NULL,
  import_batch_id INTEGER REFERENCES import_batch (id),
  PRIMARY KEY (child_id, placement_start, carer_id)
  ) WITHOUT ROWID, STRICT;

-- index placement_carer_by_carer on placement_carer
CREATE INDEX placement_carer_by_carer ON placement_carer (carer_id);

-- table placement_mapping
CREATE TABLE "placement_mapping" (
  place          TEXT NOT NULL,
  place_provider TEXT NOT NULL,
  age_from       INTEGER NOT NULL DEFAULT 0 CHECK (age_from >= 0),
  age_to         INTEGER NOT NULL DEFAULT 99 CHECK (age_to > age_from),
  option_code    TEXT NOT NULL,
  PRIMARY KEY (place, place_provider, age_from, age_to)
  ) STRICT;

-- table review_cycle
CREATE TABLE review_cycle (
  id          INTEGER PRIMARY KEY,
  label       TEXT NOT NULL,
  start_date  TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  opened_by   TEXT NOT NULL,
  opened_at   TEXT NOT NULL
  , cohort_definitions TEXT CHECK (cohort_definitions IS NULL OR json_valid(cohort_definitions))) STRICT;

-- index review_cycle_by_label on review_cycle
CREATE UNIQUE INDEX review_cycle_by_label ON review_cycle (label);

-- table review_item
CREATE TABLE review_item (
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
  legal_permanence_secure INTEGER CHECK (legal_permanence_secure IN (0, 1)), version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (cycle_id, child_id)
  ) STRICT;

-- index review_item_by_child on review_item
CREATE INDEX review_item_by_child ON review_item (child_id);

-- index review_item_by_outcome on review_item
CREATE INDEX review_item_by_outcome ON review_item (outcome, cycle_id);

-- table schema_migration
CREATE TABLE schema_migration (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;

-- table setting
CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
  ) STRICT;

-- table tracker_dirty
CREATE TABLE tracker_dirty (child_id TEXT PRIMARY KEY) WITHOUT ROWID, STRICT;

-- table tracker_span
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

-- index tracker_span_by_start on tracker_span
CREATE INDEX tracker_span_by_start ON tracker_span (span_start, ls_group, status, carers_changed);

-- index tracker_span_counts on tracker_span
CREATE INDEX tracker_span_counts ON tracker_span (span_end, ls_group, status, carers_changed, span_start);

-- index tracker_span_on_day on tracker_span
CREATE INDEX tracker_span_on_day ON tracker_span (span_end, span_start, child_id, name, dob, episode_id, ls, ls_group, status, period_start, legal_status_since, placement_start,
  decision_date, last_oversight, last_panel, place, place_provider, moves, carers_key, carers_since, carers_changed);

-- table tracker_view
CREATE TABLE tracker_view (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL CHECK (json_valid(definition)),
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
  ) STRICT;

-- table unit_cost
CREATE TABLE unit_cost (
  id             INTEGER PRIMARY KEY,
  option_code    TEXT NOT NULL,
  label          TEXT NOT NULL,
  weekly         REAL NOT NULL CHECK (weekly >= 0),
  effective_from TEXT NOT NULL,
  source         TEXT NOT NULL,
  is_assumption  INTEGER NOT NULL DEFAULT 0, basis TEXT NOT NULL DEFAULT 'per_child' CHECK (basis IN ('per_child', 'per_service', 'per_unit')), capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
  UNIQUE (option_code, effective_from)
  ) STRICT;
