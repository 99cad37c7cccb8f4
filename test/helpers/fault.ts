import type { Db } from '../../src/main/core/store/db'

/**
 * Makes an INSERT into `table` fail with `message` when the new row matches `when` (SQL
 * over NEW), as a full disk or a dropped server would, part-way through a write. On SQLite
 * a TEMP TRIGGER (only the test's connection sees it); on PostgreSQL a trigger on the
 * test's own database. `table`, `when` and `message` are test code, never input.
 */
export async function failInsert(db: Db, table: string, when: string, message: string): Promise<void> {
  const name = `fail_insert_${table}`
  if (db.engine === 'sqlite') {
    await db.exec(`CREATE TEMP TRIGGER ${name} BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, '${message}'); END`)
    return
  }
  await db.exec(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF ${when} THEN RAISE EXCEPTION '${message}'; END IF; RETURN NEW; END $$;
    CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}();
  `)
}

/** Temporary tables left in the database (on PostgreSQL, by any of its sessions). */
export async function tempTables(db: Db): Promise<number> {
  const sql =
    db.engine === 'sqlite'
      ? "SELECT COUNT(*) FROM temp.sqlite_master WHERE type = 'table'"
      : "SELECT COUNT(*) FROM pg_class WHERE relpersistence = 't' AND relkind = 'r'"
  return (await db.prepare(sql).pluck().get()) as number
}
