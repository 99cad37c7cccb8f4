import type { Db } from '../../store/db'
import { bare, createTemp, episodeFields, headerFields, type Staging } from './staging'

const sigOf = (db: Db, alias: string): string =>
  episodeFields
    .slice(1)
    .map((f) => db.sql.quote(`${alias}.${f}`))
    .join(" || ',' || ")

/** Which children change, and how; filled into the plan table. Every join is on an indexed key. */
export async function plan(db: Db, s: Staging): Promise<void> {
  const sig = `${s.plan}_sig`
  const main = db.sql.main
  await db.exec(`
    ${createTemp(db, sig, 'child_id TEXT PRIMARY KEY, staged TEXT, stored TEXT')}
    -- Only children already stored need their episode lists compared: a new child's are all new.
    INSERT INTO ${sig} (child_id, staged)
      SELECT child_id, ${db.sql.groupConcat(sigOf(db, 'e'), ';', 'e.decom, e.ord')} FROM ${s.episode} e
      WHERE e.rejected = 0 AND e.child_id IN (SELECT child_id FROM ${main}child) GROUP BY child_id;
    UPDATE ${sig} SET stored = (SELECT ${db.sql.groupConcat(sigOf(db, 'e'), ';', 'e.decom, e.seq')} FROM ${main}episode e WHERE e.child_id = ${bare(db, sig)}.child_id);
    INSERT INTO ${s.plan} (child_id, is_new, header_changed, episodes_changed)
    WITH touched AS (
      SELECT child_id FROM ${s.child} WHERE rejected = 0
      UNION SELECT child_id FROM ${sig}
    )
    SELECT t.child_id,
           CASE WHEN c.child_id IS NULL THEN 1 ELSE 0 END,
           CASE WHEN h.child_id IS NOT NULL AND (c.child_id IS NULL OR ${headerFields
             .slice(1)
             .map((f) => `h.${f} IS DISTINCT FROM c.${f}`)
             .join(' OR ')}) THEN 1 ELSE 0 END,
           CASE WHEN c.child_id IS NULL THEN (CASE WHEN EXISTS (SELECT 1 FROM ${s.episode} e WHERE e.child_id = t.child_id AND e.rejected = 0) THEN 1 ELSE 0 END)
                WHEN g.child_id IS NOT NULL AND g.staged IS DISTINCT FROM g.stored THEN 1 ELSE 0 END
    FROM touched t
    LEFT JOIN ${main}child c ON c.child_id = t.child_id
    LEFT JOIN ${s.child} h ON h.child_id = t.child_id AND h.rejected = 0
    LEFT JOIN ${sig} g ON g.child_id = t.child_id;
    DROP TABLE ${sig};
  `)
}
