import type { Db } from './db'

export interface AuditEntry {
  who: string
  action: string
  entity: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value))

/** Appends to the audit log. Call inside the same transaction as the change it records. */
export function audit(db: Db, entry: AuditEntry): void {
  db.prepare('INSERT INTO audit_log (at, who, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    new Date().toISOString(),
    entry.who,
    entry.action,
    entry.entity,
    entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    json(entry.before),
    json(entry.after)
  )
}
