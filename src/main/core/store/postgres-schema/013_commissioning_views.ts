import { escapeIdentifier } from 'pg'
import { postgresSourcesSql } from '../../costs/sources'
import type { PostgresMigration } from './index'

/**
 * Issue 14 on PostgreSQL: the de-identified commissioning sources (costs/sources.ts), and
 * an audit log whose `who` is always the database login that wrote the row, so no one
 * can record a change in another person's name. Grants are `team init`'s (team/grants.ts).
 */
const auditWhoSql = (schema: string): string => `
CREATE OR REPLACE FUNCTION audit_log_who_is_login() RETURNS trigger
  LANGUAGE plpgsql SET search_path = ${schema}, pg_temp
  AS $fn$
  BEGIN
    IF NEW.who IS DISTINCT FROM session_user THEN
      RAISE EXCEPTION 'audit_log: "who" must be the database login (%), not %', session_user, NEW.who USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  END
  $fn$;
DROP TRIGGER IF EXISTS audit_log_who_is_login ON audit_log;
CREATE TRIGGER audit_log_who_is_login BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_who_is_login();`

export const commissioningViews: PostgresMigration = {
  version: 13,
  name: 'commissioning_views',
  up: async (store) => {
    const [{ schema }] = await store.prepare<{ schema: string }>('SELECT current_schema() AS schema').all()
    await store.exec(`${postgresSourcesSql(escapeIdentifier(schema))}\n${auditWhoSql(escapeIdentifier(schema))}`)
  }
}
