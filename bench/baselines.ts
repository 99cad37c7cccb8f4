/**
 * Hand-written SQL a developer would write for the tracker's questions, without the
 * app's general machinery (recursive period walk, shared CTEs, extra columns). The
 * bench checks that each baseline returns the same answer as the app on its data
 * before comparing their speed.
 */
const groupCase = `CASE ls WHEN 'C2' THEN 'FCO' WHEN 'C1' THEN 'ICO' WHEN 'V2' THEN 'S20' WHEN 'E1' THEN 'PO' WHEN 'D1' THEN 'PO'
  WHEN 'J1' THEN 'REMAND' WHEN 'J2' THEN 'REMAND' WHEN 'J3' THEN 'REMAND' ELSE 'OTHER' END`

export const baselineStatusRows = `
  WITH cur AS (
    SELECT child_id, decom, ls FROM (
      SELECT child_id, decom, ls, ROW_NUMBER() OVER (PARTITION BY child_id ORDER BY decom DESC, seq DESC) AS rn
      FROM episode WHERE decom <= :d AND (dec IS NULL OR dec > :d) AND (ls IS NULL OR ls NOT IN ('V3', 'V4')))
    WHERE rn = 1),
  started AS MATERIALIZED (
    SELECT c.child_id, c.ls,
      (SELECT MAX(s.decom) FROM episode s WHERE s.child_id = c.child_id AND s.decom <= c.decom
         AND (s.rne = 'S' OR NOT EXISTS (SELECT 1 FROM episode p WHERE p.child_id = s.child_id AND p.dec = s.decom AND p.decom < s.decom))) AS start
    FROM cur c)
  SELECT child_id, ${groupCase} AS grp,
    COALESCE(
      (SELECT outcome FROM decision d WHERE d.child_id = s.child_id AND d.superseded = 0 AND d.outcome IN ('agreed', 'not_agreed')
         AND d.decision_date >= COALESCE(s.start, '') AND d.decision_date <= :d
       ORDER BY d.decision_date DESC, d.recorded_at DESC, d.id DESC LIMIT 1),
      CASE WHEN EXISTS (SELECT 1 FROM oversight_entry o WHERE o.child_id = s.child_id AND o.entry_date >= COALESCE(s.start, '') AND o.entry_date <= :d)
             OR EXISTS (SELECT 1 FROM decision d WHERE d.child_id = s.child_id AND d.superseded = 0 AND d.outcome = 'oversight'
                          AND d.decision_date >= COALESCE(s.start, '') AND d.decision_date <= :d)
           THEN 'oversight' ELSE 'none' END) AS status
  FROM started s`

export const baselineCounts = `SELECT grp, status, COUNT(*) AS n FROM (${baselineStatusRows}) GROUP BY grp, status`
