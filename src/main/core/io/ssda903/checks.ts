import type { Db } from '../../store/db'
import type { Staging } from './staging'

/** An ISO date column as DD/MM/YYYY, for the values and reasons a data officer reads. */
export const ukDateSql = (iso: string): string => `substr(${iso}, 9, 2) || '/' || substr(${iso}, 6, 2) || '/' || substr(${iso}, 1, 4)`

/** Rules that need more than one row: duplicates, orphans, partial histories, overlaps. */
export async function crossRowChecks(db: Db, s: Staging): Promise<void> {
  const main = db.sql.main
  await db.exec(`
    -- A child listed twice in Header: the first row wins, later ones are rejected.
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'rejected', c.file, c.row, 'CHILD', c.child_id,
             'CHILD ' || c.child_id || ' is already in Header on row ' || f.row || ' of ' || f.file, c.child_id
      FROM ${s.child} c JOIN ${s.child} f ON f.child_id = c.child_id AND f.ord < c.ord
      WHERE NOT EXISTS (SELECT 1 FROM ${s.child} g WHERE g.child_id = c.child_id AND g.ord < f.ord);
    UPDATE ${s.child} SET rejected = 1 WHERE EXISTS (SELECT 1 FROM ${s.child} f WHERE f.child_id = ${s.child}.child_id AND f.ord < ${s.child}.ord);

    -- Episodes need their child: in this import's Header or already stored. Asked once
    -- per child rather than per episode (a million episodes, a tenth as many children).
    CREATE TEMP TABLE IF NOT EXISTS orphan_child (child_id TEXT PRIMARY KEY);
    DELETE FROM orphan_child;
    INSERT INTO orphan_child
      SELECT d.child_id FROM (SELECT DISTINCT child_id FROM ${s.episode}) d
      WHERE NOT EXISTS (SELECT 1 FROM ${s.child} c WHERE c.child_id = d.child_id AND c.rejected = 0)
        AND NOT EXISTS (SELECT 1 FROM ${main}child c WHERE c.child_id = d.child_id);
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'rejected', e.file, e.row, 'CHILD', e.child_id,
             'child ' || e.child_id || ' is not in the Header file (or its Header row was rejected) and is not already stored', e.child_id
      FROM ${s.episode} e JOIN orphan_child o ON o.child_id = e.child_id;
    UPDATE ${s.episode} SET rejected = 1 WHERE child_id IN (SELECT child_id FROM orphan_child);
    DROP TABLE orphan_child;

    -- No care before birth: DECOM (and so DEC, which is never before it) on or after the
    -- child's DOB, from this import's Header or, failing that, as stored. Only a child
    -- whose first episode starts before that has any such episode. (The rule above
    -- rejected whole children, none with a DOB, so the first episode may include theirs.)
    CREATE TEMP TABLE IF NOT EXISTS before_birth (ord INTEGER PRIMARY KEY, dob TEXT);
    DELETE FROM before_birth;
    -- (Duplicates were rejected above, so a child has at most one staged Header row left.)
    INSERT INTO before_birth
      SELECT e.ord, f.dob FROM (
        SELECT x.child_id, COALESCE(c.dob, m.dob) AS dob
        FROM (SELECT child_id, MIN(decom) AS first_decom FROM ${s.episode} GROUP BY child_id) x
        LEFT JOIN ${s.child} c ON c.child_id = x.child_id AND c.rejected = 0
        LEFT JOIN ${main}child m ON m.child_id = x.child_id
        WHERE x.first_decom < COALESCE(c.dob, m.dob)) f
      JOIN ${s.episode} e ON e.child_id = f.child_id
      WHERE e.rejected = 0 AND e.decom < f.dob;
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'rejected', e.file, e.row, 'DECOM', ${ukDateSql('e.decom')},
             'DECOM is before the child''s DOB (' || ${ukDateSql('b.dob')} || '): no care before birth', e.child_id
      FROM ${s.episode} e JOIN before_birth b ON b.ord = e.ord;
    UPDATE ${s.episode} SET rejected = 1 WHERE ord IN (SELECT ord FROM before_birth);
    DROP TABLE before_birth;

    -- Never replace a child's history with part of it.
    CREATE TEMP TABLE IF NOT EXISTS partial_child (child_id TEXT PRIMARY KEY);
    DELETE FROM partial_child;
    INSERT INTO partial_child SELECT DISTINCT child_id FROM ${s.issue} WHERE kind = 'rejected' AND child_id IS NOT NULL
      AND child_id IN (SELECT child_id FROM ${s.episode}) ON CONFLICT (child_id) DO NOTHING;
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'rejected', e.file, e.row, 'CHILD', e.child_id,
             'another episode of child ' || e.child_id || ' was rejected, so this child''s episodes were left as they are', e.child_id
      FROM ${s.episode} e JOIN partial_child p ON p.child_id = e.child_id WHERE e.rejected = 0;
    UPDATE ${s.episode} SET rejected = 1 WHERE child_id IN (SELECT child_id FROM partial_child);
    DROP TABLE partial_child;

    -- Overlapping episodes are kept; the tracker's rules decide which one counts.
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'warning', b.file, b.row, 'DECOM', ${ukDateSql('b.decom')},
             'episode overlaps the one on row ' || a.row || ' (' || ${ukDateSql('a.decom')} || ' to ' || COALESCE(${ukDateSql('a.dec')}, 'open') || ')', b.child_id
      FROM ${s.episode} a JOIN ${s.episode} b ON b.child_id = a.child_id AND b.ord > a.ord
      WHERE a.rejected = 0 AND b.rejected = 0
        AND a.decom < COALESCE(b.dec, '9999-12-31') AND b.decom < COALESCE(a.dec, '9999-12-31');

    -- 903 rule: X1 means a new episode starts the day this one ends.
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'warning', e.file, e.row, 'REC', e.rec, 'REC is X1 but no episode of this child starts on DEC (' || ${ukDateSql('e.dec')} || ')', e.child_id
      FROM ${s.episode} e
      WHERE e.rejected = 0 AND e.rec = 'X1' AND e.dec IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ${s.episode} n WHERE n.child_id = e.child_id AND n.decom = e.dec AND n.rejected = 0);

  `)
}
