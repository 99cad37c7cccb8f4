import { mapSeries } from '../../src/main/core/util/series'
import type { Db } from '../../src/main/core/store/db'

/** How to list a table's rows in a stable order: rowid, or the primary key of a WITHOUT ROWID table. */
async function orderOf(db: Db, table: string): Promise<string> {
  const withoutRowid = (await db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck().get(table) as number) === 1
  if (!withoutRowid) return 'rowid'
  const key = await db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').pluck().all(table) as string[]
  return key.map((c) => `"${c}"`).join(', ')
}

/** Every row of every table, in key order: two equal dumps mean logically identical databases. */
export async function dumpDb(db: Db): Promise<Record<string, unknown[]>> {
  const tables = await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
  return Object.fromEntries(await mapSeries(tables, async (t) => [t, await db.prepare(`SELECT * FROM "${t}" ORDER BY ${await orderOf(db, t)}`).all()]))
}

/** Tables an import adds to even when it changes no data: its history entry and the audit trail. */
const isHistory = (table: string): boolean => table === 'import_batch' || table.startsWith('audit_')

/** A dump without the import history and audit tables: equal results mean the same data. */
export const withoutHistory = (dump: Record<string, unknown[]>): Record<string, unknown[]> => Object.fromEntries(Object.entries(dump).filter(([table]) => !isHistory(table)))

export const dumpData = async (db: Db): Promise<Record<string, unknown[]>> => withoutHistory(await dumpDb(db))
