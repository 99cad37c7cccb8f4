import type { Db } from './db'

/** A value from the `setting` table, or undefined when it has never been set. */
export const readSetting = async (db: Db, key: string): Promise<string | undefined> => await db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(key) as string | undefined

/** Set by the demo loader: every child in this database is fictional. */
export const isDemoDatabase = async (db: Db): Promise<boolean> => await readSetting(db, 'demo') === '1'
