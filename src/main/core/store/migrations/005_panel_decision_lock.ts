import type { Migration } from './types'

/**
 * Signed panel decisions are the record. The app refuses to change them, and so does
 * the database: a locked decision can only be marked superseded (by an amendment,
 * which is a new row), never edited or deleted.
 */
export const panelDecisionLock: Migration = {
  version: 5,
  name: 'panel_decision_lock',
  up: (db) => {
    db.exec(`
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
      CREATE TRIGGER decision_locked_no_delete BEFORE DELETE ON decision
        WHEN OLD.locked = 1
        BEGIN SELECT RAISE(ABORT, 'decision is signed off and locked; record an amendment instead'); END;
      CREATE INDEX decision_by_meeting ON decision (meeting_id, agenda_item_id);
      CREATE INDEX action_by_decision ON action (decision_id);
      CREATE INDEX action_by_meeting ON action (meeting_id);
    `)
  }
}
