import { mapSeries } from '../../src/main/core/util/series'
import type { Db } from '../../src/main/core/store/db'

/**
 * How to list a table's rows in a stable order: rowid, or the primary key of a WITHOUT
 * ROWID table; on PostgreSQL the primary key, or every column of a table without one.
 */
async function orderOf(db: Db, table: string): Promise<string> {
  if (db.engine === 'postgres') return await postgresOrderOf(db, table)
  const withoutRowid = ((await db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck().get(table)) as number) === 1
  if (!withoutRowid) return 'rowid'
  const key = (await db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').pluck().all(table)) as string[]
  return key.map((c) => `"${c}"`).join(', ')
}

async function postgresOrderOf(db: Db, table: string): Promise<string> {
  const key = (await db
    .prepare(
      `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = CAST(CAST(? AS text) AS regclass) AND i.indisprimary ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)`
    )
    .pluck()
    .all(table)) as string[]
  const columns =
    key.length > 0
      ? key
      : ((await db
          .prepare(
            `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`
          )
          .pluck()
          .all(table)) as string[])
  return columns.map((c) => `"${c}"`).join(', ')
}

const tablesSql = {
  sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  postgres: `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
    ORDER BY table_name COLLATE "C"`
}

/** Every row of every table, in key order: two equal dumps mean logically identical databases. */
export async function dumpDb(db: Db): Promise<Record<string, unknown[]>> {
  const tables = (await db.prepare(tablesSql[db.engine]).pluck().all()) as string[]
  return Object.fromEntries(await mapSeries(tables, async (t) => [t, await db.prepare(`SELECT * FROM "${t}" ORDER BY ${await orderOf(db, t)}`).all()]))
}

/** Tables an import adds to even when it changes no data: its history entry and the audit trail. */
const isHistory = (table: string): boolean => table === 'import_batch' || table.startsWith('audit_')

/** A dump without the import history and audit tables: equal results mean the same data. */
export const withoutHistory = (dump: Record<string, unknown[]>): Record<string, unknown[]> =>
  Object.fromEntries(Object.entries(dump).filter(([table]) => !isHistory(table)))

export const dumpData = async (db: Db): Promise<Record<string, unknown[]>> => withoutHistory(await dumpDb(db))
