import type { Migration } from './types'

/** The rows two people can edit at once; each save checks and bumps its version (store/versioned.ts). */
export const versionedTables = ['panel_meeting', 'agenda_item', 'decision', 'review_item'] as const

/**
 * Issue 14: optimistic versioning. A save names the version the user saw; a save made
 * against an older one is refused as a conflict instead of silently overwriting the
 * other person's change. Existing rows start at version 1.
 */
export const editVersions: Migration = {
  version: 14,
  name: 'edit_versions',
  up: (db) => {
    db.exec(versionedTables.map((t) => `ALTER TABLE ${t} ADD COLUMN version INTEGER NOT NULL DEFAULT 1;`).join('\n'))
  }
}
