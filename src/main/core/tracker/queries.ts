/**
 * The tracker rules of rules.ts as set-based SQL, for every child and any number of
 * dates in one statement (the trend runs one pass, not one query per month). The
 * indexes these rely on are created by migration 002.
 */
import {
  legalStatusGroups,
  type ByLegalStatus,
  type LegalStatusGroup,
  type PermanenceStatus,
  type TrackerCounts,
  type TrackerRow
} from '../../../shared/contract/tracker'
import { addMonths, ageOn } from '../util/days'
import type { Db } from '../store/db'
import { legalStatusGroup } from './rules'

/** The LS → group mapping of rules.ts, as a SQL CASE over `column`. */
const groupCase = (column: string): string => {
  const codes = ['C2', 'C1', 'V2', 'E1', 'D1', 'J1', 'J2', 'J3']
  return `CASE ${column} ${codes.map((ls) => `WHEN '${ls}' THEN '${legalStatusGroup(ls)}'`).join(' ')} ELSE 'OTHER' END`
}

/** The next step of the walk back (rules.ts periodChain); NULL where the walk stops. */
const predecessorOf = (alias: string): string => `CASE WHEN ${alias}.rne IS NOT 'S' THEN (
  SELECT e.id FROM episode e WHERE e.child_id = ${alias}.child_id AND e.dec = ${alias}.decom AND e.decom < ${alias}.decom
  ORDER BY e.decom DESC, e.seq DESC LIMIT 1) END`

/**
 * CTEs shared by every tracker query, over the dates in the JSON array `:dates`:
 * - current_episode: per date and child, the care episode open that day (latest DECOM,
 *   then latest import);
 * - chain: the current period walked back from each current episode (itself included),
 *   `pred` being the next step back (NULL on the period's first episode) and `same_ls`
 *   whether every step so far kept the current legal status;
 * - period: its start (NULL when the records begin mid-period);
 * - tracked: per date and child, the episode, group, period start and status.
 * Episodes are read in one sequential pass whatever the number of dates: an index on
 * DECOM or DEC helps only at one end of the history and its random row lookups cost
 * far more than the scan (for one child, its index is used). Each chain step is one
 * seek on (child_id, dec, decom, seq).
 */
const trackedCtes = (scope: 'all' | 'child'): string => `
  dates(as_of) AS (SELECT DISTINCT value FROM json_each(:dates)),
  open_episode AS (
    SELECT d.as_of, e.child_id, e.id, e.decom, e.rne, e.ls, e.carer_id, e.place, e.place_provider,
           ROW_NUMBER() OVER (PARTITION BY d.as_of, e.child_id ORDER BY e.decom DESC, e.seq DESC) AS rn
    FROM ${scope === 'all' ? 'episode e NOT INDEXED CROSS JOIN dates d' : 'episode e JOIN dates d ON e.child_id = :childId'}
    WHERE e.decom <= d.as_of AND (e.dec IS NULL OR e.dec > d.as_of) AND (e.ls IS NULL OR e.ls NOT IN ('V3', 'V4'))
  ),
  current_episode AS (SELECT * FROM open_episode WHERE rn = 1),
  chain(head_id, child_id, decom, rne, head_ls, same_ls, pred) AS (
    SELECT h.id, h.child_id, h.decom, h.rne, h.ls, 1, ${predecessorOf('h')}
    FROM (SELECT DISTINCT id, child_id, decom, rne, ls FROM current_episode) h
    UNION ALL
    SELECT c.head_id, c.child_id, p.decom, p.rne, c.head_ls, c.same_ls AND p.ls IS c.head_ls, ${predecessorOf('p')}
    FROM chain c JOIN episode p ON p.id = c.pred
  ),
  period AS MATERIALIZED (
    SELECT f.head_id,
           CASE WHEN f.rne = 'S' OR EXISTS (SELECT 1 FROM episode x WHERE x.child_id = f.child_id AND x.decom < f.decom)
                THEN f.decom END AS period_start
    FROM chain f
    WHERE f.pred IS NULL
  ),
  with_period AS (
    SELECT c.*, p.period_start, ${groupCase('c.ls')} AS ls_group
    FROM current_episode c JOIN period p ON p.head_id = c.id
  ),
  tracked AS MATERIALIZED (
    SELECT w.*,
      (SELECT d.outcome || '|' || d.decision_date FROM decision d
        WHERE d.child_id = w.child_id AND d.superseded = 0 AND d.outcome IN ('agreed', 'not_agreed')
          AND d.decision_date <= w.as_of AND d.decision_date >= COALESCE(w.period_start, '')
        ORDER BY d.decision_date DESC, d.recorded_at DESC, d.id DESC LIMIT 1) AS decided,
      -- Multi-argument MAX is NULL if any argument is, hence the COALESCE / NULLIF.
      NULLIF(MAX(
        COALESCE((SELECT MAX(o.entry_date) FROM oversight_entry o
          WHERE o.child_id = w.child_id AND o.entry_date <= w.as_of AND o.entry_date >= COALESCE(w.period_start, '')), ''),
        COALESCE((SELECT MAX(d.decision_date) FROM decision d
          WHERE d.child_id = w.child_id AND d.superseded = 0 AND d.outcome = 'oversight'
            AND d.decision_date <= w.as_of AND d.decision_date >= COALESCE(w.period_start, '')), '')
      ), '') AS last_oversight
    FROM with_period w
  )`

const statusSql = `CASE WHEN decided IS NOT NULL THEN substr(decided, 1, instr(decided, '|') - 1)
  WHEN last_oversight IS NOT NULL THEN 'oversight' ELSE 'none' END`

const emptyGroups = (): ByLegalStatus => Object.fromEntries(legalStatusGroups.map((g) => [g, 0])) as ByLegalStatus

const emptyCounts = (asOf: string): TrackerCounts => ({
  asOf,
  lookedAfter: 0,
  byLegalStatus: emptyGroups(),
  permanence: { agreed: 0, notAgreed: 0, oversight: 0, none: 0 },
  noDecisionByLegalStatus: emptyGroups()
})

const statusKey = { agreed: 'agreed', not_agreed: 'notAgreed', oversight: 'oversight', none: 'none' } as const

/** The tracker's counts on each of `dates` (any order, duplicates ignored), in date order. */
export function trackerCountsOn(db: Db, dates: readonly string[]): TrackerCounts[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE ${trackedCtes('all')}
       SELECT as_of AS asOf, ls_group AS grp, ${statusSql} AS status, COUNT(*) AS n
       FROM tracked GROUP BY as_of, ls_group, status`
    )
    .all({ dates: JSON.stringify(dates) }) as { asOf: string; grp: LegalStatusGroup; status: PermanenceStatus; n: number }[]
  const byDate = new Map([...new Set(dates)].sort().map((d) => [d, emptyCounts(d)]))
  for (const r of rows) add(byDate.get(r.asOf)!, r.grp, r.status, r.n)
  return [...byDate.values()]
}

export const trackerCounts = (db: Db, asOf: string): TrackerCounts => trackerCountsOn(db, [asOf])[0]

/** The counts of rows already fetched for `asOf`, saving a second pass over the store. */
export function countRows(asOf: string, rows: readonly Pick<TrackerRow, 'legalStatusGroup' | 'status'>[]): TrackerCounts {
  const counts = emptyCounts(asOf)
  for (const r of rows) add(counts, r.legalStatusGroup, r.status, 1)
  return counts
}

function add(counts: TrackerCounts, group: LegalStatusGroup, status: PermanenceStatus, n: number): void {
  counts.lookedAfter += n
  counts.byLegalStatus[group] += n
  counts.permanence[statusKey[status]] += n
  if (status === 'none') counts.noDecisionByLegalStatus[group] += n
}

interface RowRecord extends Omit<TrackerRow, 'age' | 'status' | 'decisionDate' | 'legalStatusGroup'> {
  grp: LegalStatusGroup
  status: PermanenceStatus
  decided: string | null
}

/** Every child looked after on `asOf` (or just `childId`), with the tracker's columns, by child ID. */
export function trackerRows(db: Db, asOf: string, options: { childId?: string } = {}): TrackerRow[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE ${trackedCtes(options.childId === undefined ? 'all' : 'child')},
       -- DECOM falls at every step back, so the latest qualifying DECOM is the nearest.
       chain_facts AS (
         SELECT head_id,
                MAX(CASE WHEN rne IS NOT 'L' THEN decom END) AS placement_start,
                MIN(CASE WHEN same_ls THEN decom END) AS legal_status_since
         FROM chain GROUP BY head_id
       )
       SELECT t.child_id AS childId,
              TRIM(COALESCE(k.given_name, '') || ' ' || COALESCE(k.family_name, '')) AS name,
              k.dob, t.ls, t.ls_group AS grp,
              f.legal_status_since AS legalStatusSince,
              t.place AS placement, t.place_provider AS placementProvider, r.name AS carer,
              t.period_start AS periodStart,
              f.placement_start AS placementStart,
              (SELECT COUNT(*) FROM episode e
                WHERE e.child_id = t.child_id AND e.decom > :yearAgo AND e.decom <= t.as_of AND e.rne IS NOT 'L'
                  AND (e.ls IS NULL OR e.ls NOT IN ('V3', 'V4')))
                + EXISTS (SELECT 1 FROM episode e
                  WHERE e.child_id = t.child_id AND e.decom <= :yearAgo AND (e.dec IS NULL OR e.dec > :yearAgo)
                    AND (e.ls IS NULL OR e.ls NOT IN ('V3', 'V4'))) AS placementsLast12Months,
              ${statusSql} AS status, t.decided,
              (SELECT MAX(d.decision_date) FROM decision d
                WHERE d.child_id = t.child_id AND d.superseded = 0 AND d.decision_date <= t.as_of) AS lastPanelDate,
              t.last_oversight AS lastOversightDate,
              a.description AS nextAction, a.due_date AS nextActionDue,
              t.id AS episodeId
       FROM tracked t
       JOIN child k ON k.child_id = t.child_id
       JOIN chain_facts f ON f.head_id = t.id
       LEFT JOIN carer r ON r.id = t.carer_id
       LEFT JOIN action a ON a.id = (
         SELECT x.id FROM action x
         WHERE x.child_id = t.child_id AND substr(x.created_at, 1, 10) <= t.as_of AND (x.done_at IS NULL OR substr(x.done_at, 1, 10) > t.as_of)
         ORDER BY x.due_date IS NULL, x.due_date, x.id LIMIT 1)
       ORDER BY t.child_id`
    )
    .all({ dates: JSON.stringify([asOf]), yearAgo: addMonths(asOf, -12), ...(options.childId === undefined ? {} : { childId: options.childId }) }) as RowRecord[]
  return rows.map(({ grp, decided, ...r }) => ({
    ...r,
    age: r.dob === null ? null : ageOn(r.dob, asOf),
    legalStatusGroup: grp,
    decisionDate: decided === null ? null : decided.slice(decided.indexOf('|') + 1)
  }))
}
