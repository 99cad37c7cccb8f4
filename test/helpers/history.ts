import type { Db } from '../../src/main/core/store/db'

/** One 903 episode of a hand-worked history: when it opened and closed, and how. */
export type Ep = [decom: string, rne: string, ls: string, place: string, provider: string, dec: string | null, rec: string | null]

let seq = 0

/** Stores a child with a name the tests can look for (it must never reach a commissioner) and its episodes. */
export async function child(db: Db, id: string, dob: string, episodes: Ep[]): Promise<void> {
  await db.prepare("INSERT INTO child (child_id, sex, dob, given_name, family_name) VALUES (?, 1, ?, 'Secret', 'Name')").run(id, dob)
  const insert = db.prepare('INSERT INTO episode (child_id, decom, rne, ls, place, place_provider, dec, rec, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  for (const [decom, rne, ls, place, provider, dec, rec] of episodes) await insert.run(id, decom, rne, ls, place, provider, dec, rec, ++seq)
}
