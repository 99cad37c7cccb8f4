import type { Statement } from './engine/store'
import type { Context } from '../context'
import { systemClock } from '../clock'
import { auditRowHash, type AuditRow } from './audit-chain'
import type { Db } from './db'

export interface AuditEntry {
  who: string
  action: string
  entity: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
  /** When the change was made (an ISO timestamp); the system clock's now when not given. */
  at?: string
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value))

/** An entry as a stored row (before its id is known). */
export const auditRow = (entry: AuditEntry, at = entry.at ?? systemClock.timestamp()): Omit<AuditRow, 'id'> => ({
  at,
  who: entry.who,
  action: entry.action,
  entity: entry.entity,
  entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
  before: json(entry.before),
  after: json(entry.after)
})

type Prepared = { head: Statement<{ id: number; hash: string }>; insert: Statement; insertMany: Statement }
const statements = new WeakMap<Db, Prepared>()

const auditColumns = ['id', 'at', 'who', 'action', 'entity', 'entity_id', 'before', 'after', 'hash'] as const
/**
 * Rows per multi-row INSERT: an import audits thousands of rows at once, and on
 * PostgreSQL a round trip per row was most of its write (9 values × 200 rows stays far
 * below either engine's limit on parameters).
 */
const rowsPerInsert = 200

function prepared(db: Db): Prepared {
  let s = statements.get(db)
  if (!s) {
    s = {
      head: db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1'),
      insert: db.prepare(
        'INSERT INTO audit_log (id, at, who, action, entity, entity_id, before, after, hash) VALUES (:id, :at, :who, :action, :entity, :entity_id, :before, :after, :hash)'
      ),
      insertMany: db.prepare(
        `INSERT INTO audit_log (${auditColumns.join(', ')}) VALUES ${Array.from({ length: rowsPerInsert }, () => `(${auditColumns.map(() => '?').join(', ')})`).join(', ')}`
      )
    }
    statements.set(db, s)
  }
  return s
}

/**
 * Appends rows to the hash-chained audit log. Reading the chain's head and writing after
 * it must not interleave with another writer, so outside a transaction this takes the
 * write lock first (an immediate transaction).
 */
export async function appendAuditRows(db: Db, rows: readonly Omit<AuditRow, 'id'>[]): Promise<void> {
  const { head, insert, insertMany } = prepared(db)
  const run = async (): Promise<void> => {
    // PostgreSQL: several desks write at once; one writer at a time extends the chain
    // (SQLite's transactions already hold the write lock).
    if (db.engine === 'postgres') await db.exec("SELECT pg_advisory_xact_lock(hashtext('permanence.audit_log'))")
    const last = (await head.get()) ?? { id: 0, hash: '' }
    let previous = last.hash
    let id = last.id
    const chained = rows.map((row) => {
      const full = { ...row, id: ++id }
      previous = auditRowHash(previous, full)
      return { ...full, hash: previous }
    })
    let at = 0
    for (; at + rowsPerInsert <= chained.length; at += rowsPerInsert) {
      await insertMany.run(...chained.slice(at, at + rowsPerInsert).flatMap((row) => auditColumns.map((c) => row[c])))
    }
    for (; at < chained.length; at++) await insert.run(chained[at])
  }
  if (db.inTransaction) await run()
  else await db.transaction(run)()
}

/** Appends to the audit log. Call inside the same transaction as the change it records. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await appendAuditRows(db, [auditRow(entry)])
}

/** Appends to the audit log a change made by the context's user, at the context's clock. */
export async function auditChange(ctx: Pick<Context, 'db' | 'user' | 'clock'>, entry: Omit<AuditEntry, 'who' | 'at'>): Promise<void> {
  await audit(ctx.db, { ...entry, who: ctx.user, at: ctx.clock.timestamp() })
}

/**
 * Records that data about children left the app: who, what and where to (a file path,
 * "download" or "print view"), so a disclosure can always be traced.
 */
export async function auditExport(
  ctx: Context,
  e: { action: string; entity: string; entityId?: string | number | null; what: string; where: string }
): Promise<void> {
  await auditChange(ctx, { action: e.action, entity: e.entity, entityId: e.entityId, after: { what: e.what, where: e.where } })
}
