import { parse } from 'csv-parse'
import Database from 'better-sqlite3'
import { createReadStream, readFileSync } from 'node:fs'
import type { Db } from '../src/main/core/store/db'

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
    SELECT c.child_id, c.ls, c.decom,
      (SELECT MAX(s.decom) FROM episode s WHERE s.child_id = c.child_id AND s.decom <= c.decom
         AND (s.rne = 'S' OR NOT EXISTS (SELECT 1 FROM episode p WHERE p.child_id = s.child_id AND p.dec = s.decom AND p.decom < s.decom))) AS start
    FROM cur c),
  -- The current carers' placement: the latest S/P/B episode of the period.
  carers AS MATERIALIZED (
    SELECT s.*, COALESCE((SELECT MAX(e.decom) FROM episode e WHERE e.child_id = s.child_id AND e.decom <= s.decom AND e.decom >= COALESCE(s.start, '')
      AND e.rne IN ('S', 'P', 'B') AND (e.ls IS NULL OR e.ls NOT IN ('V3', 'V4'))), s.start) AS since
    FROM started s),
  decided AS (
    SELECT k.*,
      (SELECT outcome FROM decision d WHERE d.child_id = k.child_id AND d.superseded = 0 AND d.outcome IN ('agreed', 'not_agreed')
         AND d.decision_date >= COALESCE(k.start, '') AND d.decision_date <= :d
         AND CASE WHEN EXISTS (SELECT 1 FROM decision_carer n WHERE n.decision_id = d.id)
                  THEN NOT EXISTS (SELECT 1 FROM decision_carer n WHERE n.decision_id = d.id AND NOT EXISTS (
                         SELECT 1 FROM placement_carer l WHERE l.child_id = k.child_id AND l.placement_start = k.since AND l.carer_id = n.carer_id))
                  ELSE d.decision_date >= COALESCE(k.since, '') END
       ORDER BY d.decision_date DESC, d.recorded_at DESC, d.id DESC LIMIT 1) AS outcome
    FROM carers k)
  SELECT child_id, ${groupCase} AS grp,
    COALESCE(k.outcome,
      CASE WHEN EXISTS (SELECT 1 FROM oversight_entry o WHERE o.child_id = k.child_id AND o.entry_date >= COALESCE(k.start, '') AND o.entry_date <= :d)
             OR EXISTS (SELECT 1 FROM decision d WHERE d.child_id = k.child_id AND d.superseded = 0 AND d.outcome = 'oversight'
                          AND d.decision_date >= COALESCE(k.start, '') AND d.decision_date <= :d)
           THEN 'oversight' ELSE 'none' END) AS status,
    k.outcome IS NULL AND EXISTS (SELECT 1 FROM decision d WHERE d.child_id = k.child_id AND d.superseded = 0 AND d.outcome IN ('agreed', 'not_agreed')
      AND d.decision_date >= COALESCE(k.start, '') AND d.decision_date <= :d) AS changed
  FROM decided k`

/** The tracker grid's first page at its leanest: the first 100 children looked after on :d, by child ID. */
export const baselineFirstPage = 'SELECT child_id FROM tracker_span WHERE span_end > :d AND span_start <= :d ORDER BY child_id LIMIT 100'

export const baselineCounts = `SELECT grp, status, changed, COUNT(*) AS n FROM (${baselineStatusRows}) GROUP BY grp, status, changed`

// A short row has missing cells: stored as blank, like empty ones.
const iso = (d: string | undefined): string | null => (d === undefined || d === '' ? null : `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}`)
const blank = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s)

/**
 * The fastest plain way to load a 903 return: stream-parse both CSVs with csv-parse and
 * insert each row with a prepared statement in one transaction. No validation, no
 * comparison with stored data, no audit; dates are only reshaped to ISO so the stored
 * rows are the same as the app's. Assumes the app's own export (columns in 903 order).
 */
export async function rawImport903(db: Db, headerPath: string, episodesPath: string): Promise<void> {
  const child = db.prepare('INSERT INTO child (child_id, sex, dob, ethnic, upn, mother, mc_dob) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const episode =
    db.prepare(`INSERT INTO episode (child_id, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, home_post, pl_post, urn, seq)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const rows = (path: string) => createReadStream(path).pipe(parse({ bom: true, from_line: 2 })) as AsyncIterable<string[]>
  await db.exec('BEGIN')
  try {
    for await (const r of rows(headerPath))
      await child.run(r[0], Number(r[1]), iso(r[2]), blank(r[3]), blank(r[4]), r[5] === '' ? null : Number(r[5]), iso(r[6]))
    let seq = 0
    for await (const r of rows(episodesPath)) {
      await episode.run(
        r[0],
        iso(r[1]),
        r[2],
        r[3],
        r[4],
        r[5],
        blank(r[6]),
        iso(r[7]),
        blank(r[8]),
        blank(r[9]),
        blank(r[10]),
        blank(r[11]),
        blank(r[12]),
        ++seq
      )
    }
    await db.exec('COMMIT')
  } catch (error) {
    await db.exec('ROLLBACK')
    throw error
  }
}

/** A CSV's data rows by plain splitting: the app's own export quotes no field, so no CSV parser is needed. */
function* splitRows(path: string): Generator<string[]> {
  const lines = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
  for (const raw of lines.slice(1)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (line !== '') yield line.split(',')
  }
}

/**
 * The physical limit of loading a 903 return: read both CSVs whole and split them on
 * newlines and commas, then insert each row with a prepared statement into child and
 * episode tables that have no indexes, constraints or triggers, in one transaction,
 * straight through better-sqlite3. No validation, no comparison, no audit, no tracker.
 */
export function leanImport903(path: string, headerPath: string, episodesPath: string): { children: number; episodes: number } {
  const db = new Database(path)
  try {
    db.exec(`CREATE TABLE child (child_id TEXT, sex INTEGER, dob TEXT, ethnic TEXT, upn TEXT, mother INTEGER, mc_dob TEXT);
      CREATE TABLE episode (child_id TEXT, decom TEXT, rne TEXT, ls TEXT, cin TEXT, place TEXT, place_provider TEXT, dec TEXT, rec TEXT,
        reason_place_change TEXT, home_post TEXT, pl_post TEXT, urn TEXT, seq INTEGER)`)
    const child = db.prepare('INSERT INTO child VALUES (?, ?, ?, ?, ?, ?, ?)')
    const episode = db.prepare('INSERT INTO episode VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    db.transaction(() => {
      for (const r of splitRows(headerPath)) child.run(r[0], Number(r[1]), iso(r[2]), blank(r[3]), blank(r[4]), r[5] === '' ? null : Number(r[5]), iso(r[6]))
      let seq = 0
      for (const r of splitRows(episodesPath)) {
        episode.run(r[0], iso(r[1]), r[2], r[3], r[4], r[5], blank(r[6]), iso(r[7]), blank(r[8]), blank(r[9]), blank(r[10]), blank(r[11]), blank(r[12]), ++seq)
      }
    })()
    return db.prepare('SELECT (SELECT COUNT(*) FROM child) AS children, (SELECT COUNT(*) FROM episode) AS episodes').get() as {
      children: number
      episodes: number
    }
  } finally {
    db.close()
  }
}
