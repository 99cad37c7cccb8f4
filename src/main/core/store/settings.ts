import type { Db } from './db'

/** A value from the `setting` table, or undefined when it has never been set. */
export const readSetting = async (db: Db, key: string): Promise<string | undefined> =>
  (await db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(key)) as string | undefined

/** Set by the demo loader: every child in this database is fictional. */
export const isDemoDatabase = async (db: Db): Promise<boolean> => (await readSetting(db, 'demo')) === '1'

/**
 * The one writer of the `setting` table (a key/value store many capabilities keep their
 * choices in): sets `key`, or removes it when `value` is null. The caller audits the
 * change in the same transaction.
 */
export async function writeSetting(db: Db, key: string, value: string | null): Promise<void> {
  if (value === null) await db.prepare('DELETE FROM setting WHERE key = ?').run(key)
  else await db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
}
