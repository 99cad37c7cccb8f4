import { versionedTables } from '../migrations/014_edit_versions'
import type { PostgresMigration } from './index'

/** SQLite's 014 on PostgreSQL: a version on every row two desks can edit at once. */
export const editVersions: PostgresMigration = {
  version: 14,
  name: 'edit_versions',
  up: async (store) => {
    await store.exec(versionedTables.map((t) => `ALTER TABLE ${t} ADD COLUMN version integer NOT NULL DEFAULT 1;`).join('\n'))
  }
}
