import type { Db } from '../../src/main/core/store/db'

/** How to list a table's rows in a stable order: rowid, or the primary key of a WITHOUT ROWID table. */
function orderOf(db: Db, table: string): string {
  const withoutRowid = (db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck().get(table) as number) === 1
  if (!withoutRowid) return 'rowid'
  const key = db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').pluck().all(table) as string[]
  return key.map((c) => `"${c}"`).join(', ')
}

/** Every row of every table, in key order: two equal dumps mean logically identical databases. */
export function dumpDb(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY ${orderOf(db, t)}`).all()]))
}

/** Tables an import adds to even when it changes no data: its history entry and the audit trail. */
const isHistory = (table: string): boolean => table === 'import_batch' || table.startsWith('audit_')

/** A dump without the import history and audit tables: equal results mean the same data. */
export const withoutHistory = (dump: Record<string, unknown[]>): Record<string, unknown[]> => Object.fromEntries(Object.entries(dump).filter(([table]) => !isHistory(table)))

export const dumpData = (db: Db): Record<string, unknown[]> => withoutHistory(dumpDb(db))
