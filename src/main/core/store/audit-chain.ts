import { createHash } from 'node:crypto'
import type { Db } from './db'

/** One audit row as stored, without its hash. */
export interface AuditRow {
  id: number
  at: string
  who: string
  action: string
  entity: string
  entity_id: string | null
  before: string | null
  after: string | null
}

/** The schema version whose migration (009) added the chain; older databases have none. */
export const chainedFromVersion = 9

/**
 * Each row's hash covers its own content (id included, so rows cannot be reordered) and
 * the previous row's hash, so changing, removing or inserting any row breaks every hash
 * after it. The first row chains from the empty string.
 */
export function auditRowHash(previous: string, row: AuditRow): string {
  return createHash('sha256')
    .update(JSON.stringify([previous, row.id, row.at, row.who, row.action, row.entity, row.entity_id, row.before, row.after]))
    .digest('hex')
}

/**
 * The triggers that keep the log append-only, exactly as migration 009 leaves them.
 * `check` compares the database's own trigger SQL with these, so dropping or weakening
 * one is reported even if the rows were then put back.
 */
export const auditTriggers: Record<string, string> = {
  audit_log_no_update: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  audit_log_no_delete: `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  // INSERT OR REPLACE deletes the row it replaces without firing delete triggers; refusing
  // any id that is not past the end (and any row without a hash) closes that door too.
  audit_log_append_only: `CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
        WHEN NEW.id <= (SELECT COALESCE(MAX(id), 0) FROM audit_log) OR NEW.hash IS NULL OR length(NEW.hash) <> 64
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows are added at the end with their chain hash'); END`,
  // The seal remembers the newest row, so removing rows from the end is noticed too.
  audit_log_seal: `CREATE TRIGGER audit_log_seal AFTER INSERT ON audit_log
        BEGIN UPDATE audit_seal SET last_id = NEW.id, last_hash = NEW.hash, row_count = row_count + 1; END`,
  audit_seal_no_delete: `CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
        BEGIN SELECT RAISE(ABORT, 'audit_seal cannot be removed'); END`
}

const normalise = (sql: string): string => sql.replace(/\s+/g, ' ').trim()

export interface AuditVerification {
  ok: boolean
  /** False for a database from before the chain (schema version < 9): nothing to verify yet. */
  chained: boolean
  rows: number
  /** What is wrong, in words an administrator can act on; at most the first 20. */
  problems: string[]
  /** `check` only: the backup whose sealed row was found (or not) in this log. */
  comparedWithBackup?: string | null
}

/** Recomputes the whole chain and compares triggers and seal: what `check` and startup run. */
export async function verifyAuditChain(db: Db, schemaVersion: number): Promise<AuditVerification> {
  const rows = (await db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()) as number
  // The columns decide, not only the recorded version: deleting migration 9's record must not switch the check off.
  const hasHash =
    db.engine === 'postgres' || ((await db.prepare("SELECT COUNT(*) FROM pragma_table_info('audit_log') WHERE name = 'hash'").pluck().get()) as number) > 0
  if (schemaVersion < chainedFromVersion && !hasHash) return { ok: true, chained: false, rows, problems: [] }
  const problems: string[] = []
  const note = (problem: string): void => {
    if (problems.length < 20) problems.push(problem)
  }

  if (db.engine === 'sqlite') {
    const triggers = new Map(
      (
        (await db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_log', 'audit_seal')").all()) as {
          name: string
          sql: string
        }[]
      ).map((t) => [t.name, t.sql])
    )
    for (const [name, sql] of Object.entries(auditTriggers)) {
      const found = triggers.get(name)
      if (found === undefined) note(`The audit trigger ${name} is missing: the log could have been changed.`)
      else if (normalise(found) !== normalise(sql)) note(`The audit trigger ${name} has been altered: the log could have been changed.`)
    }
    for (const name of triggers.keys()) if (!(name in auditTriggers)) note(`An unexpected trigger ${name} is defined on the audit log.`)
  } else {
    // PostgreSQL: the same triggers by name (their bodies are plpgsql functions owned by the
    // schema's owner role, which no login holds); a disabled one counts as missing.
    const present = new Set(
      (await db
        .prepare(
          "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relname IN ('audit_log', 'audit_seal') AND NOT t.tgisinternal AND t.tgenabled <> 'D'"
        )
        .pluck()
        .all()) as string[]
    )
    for (const name of Object.keys(auditTriggers))
      if (!present.has(name)) note(`The audit trigger ${name} is missing or disabled: the log could have been changed.`)
  }

  let previous = ''
  let lastId = 0
  for await (const row of db
    .prepare('SELECT id, at, who, action, entity, entity_id, before, after, hash FROM audit_log ORDER BY id')
    .iterate() as AsyncIterable<AuditRow & { hash: string | null }>) {
    if (row.hash !== auditRowHash(previous, row)) {
      note(`Audit row ${row.id} (${row.action}, ${row.at}) does not match the chain: it was edited, or a row before it was removed or inserted.`)
    }
    previous = row.hash ?? ''
    lastId = row.id
  }
  const seal = (await db.prepare('SELECT last_id, last_hash, row_count AS rows FROM audit_seal').all()) as {
    last_id: number
    last_hash: string
    rows: number
  }[]
  const sealed = seal.length === 1 ? seal[0] : undefined
  if (sealed === undefined) note('The audit seal is missing: rows at the end of the log could have been removed.')
  else if (sealed.last_id !== lastId || sealed.last_hash !== previous || sealed.rows !== rows) {
    note(
      `The audit log ends at row ${lastId} with ${rows} rows, but it was sealed at row ${sealed.last_id} with ${sealed.rows}: rows were removed or added outside the app.`
    )
  }
  return { ok: problems.length === 0, chained: true, rows, problems }
}
