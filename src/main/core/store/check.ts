import type { Db } from './db'
import { sqliteConnection } from './engine/sqlite'
import { verifyAuditChain, type AuditVerification } from './audit-chain'
import { compareWithNewestBackup } from '../backup/anchor'
import { schemaVersion } from './db'

export const countedTables = [
  'child',
  'episode',
  'carer',
  'panel_meeting',
  'agenda_item',
  'decision',
  'action',
  'oversight_entry',
  'review_cycle',
  'review_item',
  'unit_cost',
  'cost_scenario',
  'import_batch',
  'audit_log'
] as const

export interface CheckResult {
  ok: boolean
  schemaVersion: number
  integrity: string[]
  foreignKeyViolations: { table: string; rowid: number; parent: string }[]
  counts: Record<string, number>
  /** The audit log's hash chain, triggers and seal, recomputed. */
  audit: AuditVerification
}

const camel = (name: string): string => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())

/**
 * Rows in each of the main tables: cheap, unlike the full checks below. On a team
 * database only the tables this login may read: a commissioner may not even count the
 * children, and every screen's appInfo must still answer them.
 */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const readable =
    db.engine === 'postgres'
      ? new Set(
          (await db
            .prepare(
              "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND has_table_privilege(oid, 'SELECT')"
            )
            .pluck()
            .all()) as string[]
        )
      : null
  const counts: Record<string, number> = {}
  for (const table of countedTables) {
    if (readable && !readable.has(table)) continue
    counts[table === 'child' ? 'children' : table === 'episode' ? 'episodes' : camel(table)] = (
      (await db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()) as { n: number }
    ).n
  }
  return counts
}

/**
 * SQLite's integrity and foreign-key checks, the audit chain (and, given an SQLite
 * database's path, the newest backup's seal), plus row counts, for `permanence check`.
 * On PostgreSQL the audit chain is verified the same way; backups are SQLite's alone.
 */
export async function checkDb(db: Db, dbPath?: string): Promise<CheckResult> {
  // PostgreSQL enforces its own integrity and foreign keys as it writes; SQLite is asked.
  const raw = db.engine === 'sqlite' ? sqliteConnection(db, 'integrity_check') : null
  const integrity = raw ? (raw.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check) : ['ok']
  const foreignKeyViolations = (raw ? (raw.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]) : []).map(
    ({ table, rowid, parent }) => ({ table, rowid, parent })
  )
  const counts = await rowCounts(db)
  const integrityOk = integrity.length === 1 && integrity[0] === 'ok'
  const version = await schemaVersion(db)
  const chain = await verifyAuditChain(db, version)
  const anchor = dbPath && db.engine === 'sqlite' && chain.chained ? await compareWithNewestBackup(db, dbPath) : null
  const auditResult: AuditVerification = anchor
    ? {
        ...chain,
        ok: chain.ok && anchor.ok,
        problems: anchor.problem ? [...chain.problems, anchor.problem] : chain.problems,
        comparedWithBackup: anchor.backup
      }
    : chain
  return {
    ok: integrityOk && foreignKeyViolations.length === 0 && auditResult.ok,
    schemaVersion: version,
    integrity,
    foreignKeyViolations,
    counts,
    audit: auditResult
  }
}
