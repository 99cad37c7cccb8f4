import { auditRowHash, auditTriggers, type AuditRow } from '../audit-chain'
import type { Migration } from './types'

/**
 * Makes the audit log tamper-evident: every row gets a hash chained to the row before,
 * existing rows included (in id order); a seal records the newest row; and a trigger
 * refuses inserts that are not appended at the end, which also stops INSERT OR REPLACE
 * from rewriting a row (its implicit delete never fires the delete trigger).
 */
export const auditChain: Migration = {
  version: 9,
  name: 'audit_chain',
  up: (db) => {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      CREATE TABLE audit_seal (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        last_id   INTEGER NOT NULL,
        last_hash TEXT NOT NULL,
        row_count INTEGER NOT NULL
      ) STRICT;
      DROP TRIGGER audit_log_no_update;
    `)
    const set = db.prepare('UPDATE audit_log SET hash = ? WHERE id = ?')
    let previous = ''
    let lastId = 0
    let rows = 0
    for (const row of db.prepare('SELECT id, at, who, action, entity, entity_id, before, after FROM audit_log ORDER BY id').all() as AuditRow[]) {
      previous = auditRowHash(previous, row)
      set.run(previous, row.id)
      lastId = row.id
      rows++
    }
    db.prepare('INSERT INTO audit_seal (id, last_id, last_hash, row_count) VALUES (1, ?, ?, ?)').run(lastId, previous, rows)
    db.exec('DROP TRIGGER audit_log_no_delete')
    for (const sql of Object.values(auditTriggers)) db.exec(sql)
  }
}
