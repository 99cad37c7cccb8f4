import type { Migration } from './types'

/**
 * What the review needs beyond 001: the oversight entry a "plan confirmed" outcome
 * wrote (so the tracker's evidence points back at the review), when the outcome was
 * recorded, one cycle per label, and lookups by child (the tracker's child page) and
 * by outcome (the panel's agenda candidates read outcome = 'refer_panel').
 */
export const reviewOutcomes: Migration = {
  version: 3,
  name: 'review_outcomes',
  up: (db) => {
    db.exec(`
      ALTER TABLE review_item ADD COLUMN oversight_entry_id INTEGER REFERENCES oversight_entry (id);
      ALTER TABLE review_item ADD COLUMN recorded_at TEXT;
      CREATE UNIQUE INDEX review_cycle_by_label ON review_cycle (label);
      CREATE INDEX review_item_by_child ON review_item (child_id);
      CREATE INDEX review_item_by_outcome ON review_item (outcome, cycle_id);
    `)
  }
}
