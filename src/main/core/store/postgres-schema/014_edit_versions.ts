import { escapeIdentifier } from 'pg'
import { versionedTables } from '../migrations/014_edit_versions'
import type { PostgresMigration } from './index'

/**
 * SQLite's 014 on PostgreSQL: a version on every row two desks can edit at once.
 *
 * Also what two desks need to save at all. Every audited change moves the audit seal
 * forward through the audit_log_seal trigger, but no role may write audit_seal itself
 * (team/grants.ts), so a chair's first save was refused; and a row inserted with its own
 * id (an undo putting actions back, the demo) moves the id sequence on, which needs more
 * than the USAGE roles have. Both triggers now run with their owner's rights, pinned to
 * the schema; each still only records the row just logged or moves a sequence forward.
 */
export const editVersions: PostgresMigration = {
  version: 14,
  name: 'edit_versions',
  up: async (store) => {
    const [{ schema }] = await store.prepare<{ schema: string }>('SELECT current_schema() AS schema').all()
    await store.exec(
      [
        ...versionedTables.map((t) => `ALTER TABLE ${t} ADD COLUMN version integer NOT NULL DEFAULT 1;`),
        ...['audit_log_seal', 'identity_past_explicit_ids'].map((f) => `ALTER FUNCTION ${f}() SECURITY DEFINER SET search_path = ${escapeIdentifier(schema)}, pg_temp;`)
      ].join('\n')
    )
  }
}
