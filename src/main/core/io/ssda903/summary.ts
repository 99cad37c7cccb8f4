import { issueListLimit, type DataImportSummary, type ImportedFile, type IssueGroup, type RowIssue } from '../../../../shared/api'
import type { Db } from '../../store/db'
import { groupExampleCount, IssueGrouper } from '../warnings'
import type { Staging } from './staging'

/**
 * Every staged warning grouped by rule. SQL first folds identical issues together
 * (keeping the first few rows of each as examples, the first carrying the count), so
 * the grouping walks distinct (column, value, reason) triples, not every row.
 */
async function warningGroupsOf(db: Db, s: Staging): Promise<IssueGroup[]> {
  const grouper = new IssueGrouper()
  const distinct = db.prepare(`SELECT file, row, col AS "column", COALESCE(value, '') AS value, reason, CASE WHEN k = 1 THEN n ELSE 0 END AS n FROM (
      SELECT id, file, row, col, value, reason, COUNT(*) OVER (PARTITION BY col, value, reason) AS n,
             ROW_NUMBER() OVER (PARTITION BY col, value, reason ORDER BY file, row, id) AS k
      FROM ${s.issue} WHERE kind = 'warning') numbered WHERE k <= ${groupExampleCount} ORDER BY file, row, id`)
  for await (const { n, ...issue } of distinct.iterate() as AsyncIterable<RowIssue & { n: number }>) grouper.add(issue, n)
  return grouper.result()
}

async function issuesOf(db: Db, s: Staging, kind: 'rejected' | 'warning'): Promise<RowIssue[]> {
  return (await db
    .prepare(`SELECT file, row, col AS "column", COALESCE(value, '') AS value, reason FROM ${s.issue} WHERE kind = ? ORDER BY file, row, id LIMIT ?`)
    .all(kind, issueListLimit)) as RowIssue[]
}

/** What the import found: children inserted/updated/unchanged (from the plan), the issues and their totals. */
export async function summarise(db: Db, staging: Staging, files: ImportedFile[], dryRun: boolean): Promise<DataImportSummary> {
  const counts = (await db
    .prepare(
      `SELECT COALESCE(SUM(is_new), 0) AS inserted,
      COALESCE(SUM(CASE WHEN is_new = 0 AND (header_changed = 1 OR episodes_changed = 1) THEN 1 ELSE 0 END), 0) AS updated,
      COALESCE(SUM(CASE WHEN is_new = 0 AND header_changed = 0 AND episodes_changed = 0 THEN 1 ELSE 0 END), 0) AS unchanged FROM ${staging.plan}`
    )
    .get()) as {
    inserted: number
    updated: number
    unchanged: number
  }
  // Episodes the import writes, the stored ones it replaces and the earlier ones it keeps (plan.ts),
  // so the preview says what will happen to each changed child's history, not only the result.
  const episodes = (await db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM ${staging.episode} WHERE rejected = 0)
                - COALESCE(SUM(CASE WHEN episodes_changed = 0 THEN episodes_staged ELSE 0 END), 0) AS written,
              COALESCE(SUM(CASE WHEN episodes_changed = 1 THEN episodes_replaced ELSE 0 END), 0) AS removed,
              COALESCE(SUM(CASE WHEN episodes_changed = 1 THEN episodes_kept ELSE 0 END), 0) AS kept FROM ${staging.plan}`
    )
    .get()) as { written: number; removed: number; kept: number }
  return {
    kind: '903',
    dryRun,
    ...counts,
    episodes,
    rejected: await issuesOf(db, staging, 'rejected'),
    warnings: await issuesOf(db, staging, 'warning'),
    warningGroups: await warningGroupsOf(db, staging),
    files,
    batchId: null,
    totals: (await db
      .prepare(
        `SELECT COUNT(DISTINCT CASE WHEN kind = 'rejected' THEN file || ':' || row END) AS "rejectedRows",
        COALESCE(SUM(CASE WHEN kind = 'rejected' THEN 1 ELSE 0 END), 0) AS rejected,
        COALESCE(SUM(CASE WHEN kind = 'warning' THEN 1 ELSE 0 END), 0) AS warnings FROM ${staging.issue}`
      )
      .get()) as DataImportSummary['totals']
  }
}
