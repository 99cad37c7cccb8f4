import { escapeIdentifier } from 'pg'
import { versionedTables } from '../migrations/014_edit_versions'
import type { PostgresMigration } from './index'

/**
 * SQLite's 014 on PostgreSQL: a version on every row two desks can edit at once.
 *
 * Also what two desks need to save at all: every audited change moves the audit seal
 * forward through the audit_log_seal trigger, but no role may write audit_seal itself
 * (team/grants.ts), so a chair's first save was refused. The trigger now runs with its
 * owner's rights, pinned to the schema, and still only ever records the row just logged.
 */
export const editVersions: PostgresMigration = {
  version: 14,
  name: 'edit_versions',
  up: async (store) => {
    const [{ schema }] = await store.prepare<{ schema: string }>('SELECT current_schema() AS schema').all()
    await store.exec(
      [
        ...versionedTables.map((t) => `ALTER TABLE ${t} ADD COLUMN version integer NOT NULL DEFAULT 1;`),
        `ALTER FUNCTION audit_log_seal() SECURITY DEFINER SET search_path = ${escapeIdentifier(schema)}, pg_temp;`
      ].join('\n')
    )
  }
}
