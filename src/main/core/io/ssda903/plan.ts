import type { Db } from '../../store/db'
import { ukDateSql } from './checks'
import { bare, createTemp, episodeFields, headerFields, type Staging } from './staging'

const sigOf = (db: Db, alias: string): string =>
  episodeFields
    .slice(1)
    .map((f) => db.sql.quote(`${alias}.${f}`))
    .join(" || ',' || ")

/**
 * A stored episode `e` that ended on or before `from`, the child's first DECOM in the files:
 * earlier history, which the import keeps. A 903 return holds the episodes open at some
 * time in its collection year, not the years before, so replacing a child's whole history
 * with the return's would lose those; a file with the whole history starts at its first
 * episode and so still replaces every episode.
 */
export const earlierEpisode = (e: string, from: string): string => `(${e}.decom < ${from} AND ${e}.dec IS NOT NULL AND ${e}.dec <= ${from})`

/**
 * Which children change, and how; filled into the plan table, with each child's first
 * staged DECOM and how many stored episodes the import replaces and keeps. Every join is
 * on an indexed key.
 */
export async function plan(db: Db, s: Staging): Promise<void> {
  const sig = `${s.plan}_sig`
  const main = db.sql.main
  const earlier = earlierEpisode('e', `${bare(db, sig)}.from_decom`)
  await db.exec(`
    ${createTemp(db, sig, 'child_id TEXT PRIMARY KEY, from_decom TEXT, staged_n INTEGER, staged TEXT, stored TEXT, replaced_n INTEGER, kept_n INTEGER')}
    -- Only children already stored need their episode lists compared: a new child's are all new.
    INSERT INTO ${sig} (child_id, from_decom, staged_n, staged)
      SELECT child_id, MIN(e.decom), COUNT(*), ${db.sql.groupConcat(sigOf(db, 'e'), ';', 'e.decom, e.ord')} FROM ${s.episode} e
      WHERE e.rejected = 0 AND e.child_id IN (SELECT child_id FROM ${main}child) GROUP BY child_id;
    -- Compared with the stored episodes the import would replace (those from the file's first
    -- on), counted with the earlier ones it keeps: one pass over each child's stored episodes.
    UPDATE ${sig} SET (stored, replaced_n, kept_n) = (
      SELECT ${db.sql.groupConcat(`CASE WHEN NOT ${earlier} THEN ${sigOf(db, 'e')} END`, ';', 'e.decom, e.seq')},
             COALESCE(SUM(CASE WHEN ${earlier} THEN 0 ELSE 1 END), 0), COALESCE(SUM(CASE WHEN ${earlier} THEN 1 ELSE 0 END), 0)
      FROM ${main}episode e WHERE e.child_id = ${bare(db, sig)}.child_id);
    INSERT INTO ${s.plan} (child_id, is_new, header_changed, episodes_changed, episodes_from, episodes_staged, episodes_replaced, episodes_kept)
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
                WHEN g.child_id IS NOT NULL AND g.staged IS DISTINCT FROM g.stored THEN 1 ELSE 0 END,
           g.from_decom, g.staged_n, g.replaced_n, g.kept_n
    FROM touched t
    LEFT JOIN ${main}child c ON c.child_id = t.child_id
    LEFT JOIN ${s.child} h ON h.child_id = t.child_id AND h.rejected = 0
    LEFT JOIN ${sig} g ON g.child_id = t.child_id;
    DROP TABLE ${sig};
  `)
  await laterEpisodesWarning(db, s)
  await dobChangeWarning(db, s)
}

/**
 * A warning for each stored child whose date of birth the files change. A date of birth is
 * seldom corrected, and a file saved with month-first dates changes many at once (those
 * whose day is 12 or less), so the preview says which, before anything is written.
 */
async function dobChangeWarning(db: Db, s: Staging): Promise<void> {
  await db.exec(`
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'warning', h.file, h.row, 'DOB', ${ukDateSql('h.dob')},
             'DOB changes (stored ' || ${ukDateSql('c.dob')} || ', in the file ' || ${ukDateSql('h.dob')}
               || '): a date of birth is seldom corrected; check the file''s dates are DD/MM/YYYY', h.child_id
      FROM ${s.plan} p
      JOIN ${s.child} h ON h.child_id = p.child_id AND h.rejected = 0
      JOIN ${db.sql.main}child c ON c.child_id = p.child_id
      WHERE p.is_new = 0 AND p.header_changed = 1 AND h.dob <> c.dob;
  `)
}

/**
 * A warning, before anything is written, for each child whose stored episodes begin after
 * the last date in the files: the import replaces them with the files' own, which is what
 * an older return imported after a newer one would do.
 */
async function laterEpisodesWarning(db: Db, s: Staging): Promise<void> {
  const main = db.sql.main
  const last = `(SELECT MAX(CASE WHEN x.dec IS NOT NULL AND x.dec > x.decom THEN x.dec ELSE x.decom END) FROM ${s.episode} x WHERE x.rejected = 0)`
  await db.exec(`
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'warning', e.file, e.row, 'DECOM', later.child_id,
             'episodes already stored for this child begin after the last date in these files (' || later.n || ' from ' || ${ukDateSql('later.first')}
               || '; the files end on ' || ${ukDateSql('later.file_last')} || '): importing replaces them with the files'' own. Is this an older return?',
             later.child_id
      FROM (SELECT p.child_id, COUNT(*) AS n, MIN(se.decom) AS first, f.last AS file_last
            FROM ${s.plan} p CROSS JOIN (SELECT ${last} AS last) f
            JOIN ${main}episode se ON se.child_id = p.child_id AND se.decom > f.last
            WHERE p.episodes_changed = 1 AND p.is_new = 0
            GROUP BY p.child_id, f.last) later
      JOIN ${s.episode} e ON e.child_id = later.child_id AND e.rejected = 0
        AND e.ord = (SELECT MAX(y.ord) FROM ${s.episode} y WHERE y.child_id = later.child_id AND y.rejected = 0);
  `)
}
