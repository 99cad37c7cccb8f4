import { issueListLimit, type ImportedFile, type DataImportSummary, type IssueGroup, type RowIssue } from '../../../../shared/api'
import { basename } from 'node:path'
import type { Context } from '../../context'
import { invalidInput } from '../../errors'
import { appendAuditRows, audit } from '../../store/audit'
import type { AuditRow } from '../../store/audit-chain'
import type { Db } from '../../store/db'
import type { Statement } from '../../store/engine/store'
import { sqliteConnection } from '../../store/engine/sqlite'
import { ProgressReporter, type ProgressListener } from '../progress'
import { readRowBatches, sourceSize, sniffKind, type ImportSource, type ReadStats } from '../read'
import { groupExampleCount, IssueGrouper } from '../warnings'
import { detectTable, notA903Table, type TableName } from './tables'
import { readEpisodeRow, readHeaderRow, type EpisodeValues, type HeaderValues } from './validate'

/**
 * SSDA903 import. Files are streamed row by row into TEMP staging tables (which live
 * outside the database file), checked across rows with SQL, compared with what is
 * stored, and — unless this is a dry run — written in ONE transaction. A crash or kill
 * at any point before that transaction commits leaves the database exactly as it was.
 *
 * A child is "inserted" (new), "updated" (Header fields or episode list differ) or
 * "unchanged". A child's episodes are replaced as a whole by the ones in the file, so
 * re-importing the same return changes nothing; if any of a child's episode rows is
 * rejected, none of that child's episodes are replaced (half a history would misstate
 * the child's care), and the other rows say so.
 */
export interface Import903Options {
  dryRun?: boolean
  onProgress?: ProgressListener
}

const headerFields = ['child_id', 'sex', 'dob', 'ethnic', 'upn', 'mother', 'mc_dob'] as const
const episodeFields = [
  'child_id', 'decom', 'rne', 'ls', 'cin', 'place', 'place_provider', 'dec', 'rec', 'reason_place_change', 'home_post', 'pl_post', 'urn'
] as const
// Rows per multi-row INSERT into staging: one statement call per batch instead of per
// row (15 columns × 200 rows stays far below SQLite's variable limit); rows buffered
// between writes to staging.
const batchRows = 200
const flushEvery = 4000
let stagingCounter = 0

/** Buffered rows, written as multi-row INSERTs of `batchRows` rows (the remainder one row at a time). */
class BatchInsert {
  private values: unknown[] = []
  private readonly manySql: string
  private readonly oneSql: string
  private readonly width: number
  constructor(private readonly db: Db, table: string, columns: readonly string[]) {
    const row = `(${columns.map(() => '?').join(', ')})`
    this.width = columns.length
    // Prepared on first write: the staging tables are created after this object.
    this.manySql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: batchRows }, () => row).join(', ')}`
    this.oneSql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${row}`
  }
  private statements?: { many: Statement; one: Statement }
  get rows(): number {
    return this.values.length / this.width
  }
  /** One row's values, in column order. */
  push(...values: unknown[]): void {
    for (const v of values) this.values.push(v)
  }
  async write(): Promise<void> {
    const { values, width } = this
    const { many, one } = (this.statements ??= { many: this.db.prepare(this.manySql), one: this.db.prepare(this.oneSql) })
    const step = batchRows * width
    let at = 0
    for (; at + step <= values.length; at += step) await many.run(...values.slice(at, at + step))
    for (; at < values.length; at += width) await one.run(...values.slice(at, at + width))
    this.values = []
  }
}

class Staging {
  readonly child: string
  readonly episode: string
  readonly issue: string
  readonly plan: string
  private readonly children: BatchInsert
  private readonly episodes: BatchInsert
  private readonly issues: BatchInsert
  private readonly n: string

  /** Creates the staging tables (temporary: only this connection sees them). */
  static async create(db: Db): Promise<Staging> {
    const staging = new Staging(db)
    await staging.createTables()
    return staging
  }

  private constructor(private readonly db: Db) {
    const n = (this.n = `${process.pid}_${++stagingCounter}`)
    this.child = `temp.stage_child_${n}`
    this.episode = `temp.stage_episode_${n}`
    this.issue = `temp.stage_issue_${n}`
    this.plan = `temp.stage_plan_${n}`
    this.children = new BatchInsert(db, this.child, ['file', 'row', ...headerFields])
    this.episodes = new BatchInsert(db, this.episode, ['file', 'row', ...episodeFields])
    this.issues = new BatchInsert(db, this.issue, ['kind', 'file', 'row', 'col', 'value', 'reason', 'child_id'])
  }

  private async createTables(): Promise<void> {
    // Field columns have no declared type, so values stay exactly as read: in a table that
    // is not STRICT, "ANY" means numeric affinity, which turned a postcode or URN such as
    // "012345" into the number 12345 (losing the zero, and making every re-import "updated").
    await this.db.exec(`
      CREATE TABLE ${this.child} (ord INTEGER PRIMARY KEY, file TEXT, row INTEGER, rejected INTEGER NOT NULL DEFAULT 0,
        ${headerFields.join(', ')});
      CREATE TABLE ${this.episode} (ord INTEGER PRIMARY KEY, file TEXT, row INTEGER, rejected INTEGER NOT NULL DEFAULT 0,
        ${episodeFields.join(', ')});
      CREATE TABLE ${this.issue} (id INTEGER PRIMARY KEY, kind TEXT, file TEXT, row INTEGER, col TEXT, value TEXT, reason TEXT, child_id TEXT);
      CREATE TABLE ${this.plan} (child_id TEXT PRIMARY KEY, is_new INTEGER, header_changed INTEGER, episodes_changed INTEGER);
    `)
  }

  async addHeader(file: string, row: number, h: HeaderValues): Promise<void> {
    this.children.push(file, row, h.child_id, h.sex, h.dob, h.ethnic, h.upn, h.mother, h.mc_dob)
    if (this.children.rows >= flushEvery) await this.flush()
  }
  async addEpisode(file: string, row: number, e: EpisodeValues): Promise<void> {
    this.episodes.push(file, row, e.child_id, e.decom, e.rne, e.ls, e.cin, e.place, e.place_provider, e.dec, e.rec, e.reason_place_change, e.home_post, e.pl_post, e.urn)
    if (this.episodes.rows >= flushEvery) await this.flush()
  }
  async addIssues(kind: 'rejected' | 'warning', issues: RowIssue[], childId: string | null): Promise<void> {
    for (const i of issues) this.issues.push(kind, i.file, i.row, i.column, i.value, i.reason, childId)
    if (this.issues.rows >= flushEvery) await this.flush()
  }

  /**
   * Buffered rows go in together, in a transaction that touches only TEMP tables and
   * ends before the next await, so the connection is free for other calls in between.
   */
  async flush(): Promise<void> {
    await this.db.transaction(async () => {
      await this.children.write()
      await this.episodes.write()
      await this.issues.write()
    })()
  }

  /** Indexes for the cross-row checks, built once over the loaded rows (cheaper than keeping them up to date row by row). */
  async index(): Promise<void> {
    await this.db.exec(`
      CREATE INDEX ${this.episode}_by_child ON stage_episode_${this.n} (child_id, decom);
      CREATE INDEX ${this.child}_by_child ON stage_child_${this.n} (child_id);
    `)
  }

  async drop(): Promise<void> {
    for (const table of [this.child, this.episode, this.issue, this.plan]) await this.db.exec(`DROP TABLE IF EXISTS ${table}`)
  }
}

/** Reads every file into staging. Throws (before anything is written) on a file that is not a 903 table. */
async function stageFiles(ctx: Context, sources: readonly ImportSource[], staging: Staging, progress: ProgressReporter): Promise<ImportedFile[]> {
  const files: ImportedFile[] = []
  const totalBytes = sources.reduce((sum, s) => sum + sourceSize(s), 0)
  let bytesBefore = 0
  progress.phase('reading', { totalBytes })
  for (const source of sources) {
    const kind = sniffKind(source)
    const stats: ReadStats = { bytes: 0, totalBytes: sourceSize(source) }
    progress.phase('reading', { file: source.name })
    const perSheet = new Map<string | null, { table: TableName; index: Map<string, number>; rows: number } | 'skip'>()
    const found: { table: TableName; rows: number }[] = []
    const skipped: string[] = []
    for await (const batch of readRowBatches(source, stats)) for (const { sheet, row, cells } of batch) {
      progress.row(bytesBefore + stats.bytes)
      const known = perSheet.get(sheet)
      if (known === undefined) {
        const detected = detectTable(cells)
        const where = sheet === null ? source.name : `${source.name} (sheet "${sheet}")`
        if (detected.table) {
          const entry = { table: detected.table, index: detected.index, rows: 0 }
          perSheet.set(sheet, entry)
          continue
        }
        const problem = notA903Table(where, detected)
        if (kind === 'csv' || detected.missing.length) throw invalidInput(problem)
        perSheet.set(sheet, 'skip')
        skipped.push(problem)
        continue
      }
      if (known === 'skip') continue
      known.rows++
      const input = { file: source.name, row, cells, index: known.index, today: ctx.today() }
      if (known.table === 'Header') {
        const result = readHeaderRow(input)
        if (result.ok) {
          await staging.addHeader(source.name, row, result.values)
          await staging.addIssues('warning', result.warnings, result.values.child_id)
        } else await staging.addIssues('rejected', result.rejected, null)
      } else {
        const result = readEpisodeRow(input)
        if (result.ok) {
          await staging.addEpisode(source.name, row, result.values)
          await staging.addIssues('warning', result.warnings, result.values.child_id)
        } else {
          const i = known.index.get('CHILD')
          const childId = i === undefined ? null : String(cells[i] ?? '').trim() || null
          await staging.addIssues('rejected', result.rejected, childId)
        }
      }
    }
    for (const [, entry] of perSheet) if (entry !== 'skip') found.push(entry)
    if (found.length === 0) throw invalidInput(skipped[0] ?? `${source.name}: has no rows`)
    bytesBefore += stats.bytes
    for (const f of found) files.push({ name: source.name, sha256: stats.sha256 ?? '', table: `903 ${f.table}`, rows: f.rows })
  }
  await staging.flush()
  await staging.index()
  return files
}

/** Rules that need more than one row: duplicates, orphans, partial histories, overlaps. */
async function crossRowChecks(db: Db, s: Staging): Promise<void> {
  await db.exec(`
    -- A child listed twice in Header: the first row wins, later ones are rejected.
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'rejected', c.file, c.row, 'CHILD', c.child_id,
             'CHILD ' || c.child_id || ' is already in Header on row ' || f.row || ' of ' || f.file, c.child_id
      FROM ${s.child} c JOIN ${s.child} f ON f.child_id = c.child_id AND f.ord < c.ord
      WHERE NOT EXISTS (SELECT 1 FROM ${s.child} g WHERE g.child_id = c.child_id AND g.ord < f.ord);
    UPDATE ${s.child} SET rejected = 1 WHERE EXISTS (SELECT 1 FROM ${s.child} f WHERE f.child_id = ${s.child}.child_id AND f.ord < ${s.child}.ord);

    -- Episodes need their child: in this import's Header or already stored.
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'rejected', e.file, e.row, 'CHILD', e.child_id,
             'child ' || e.child_id || ' is not in the Header file (or its Header row was rejected) and is not already stored', e.child_id
      FROM ${s.episode} e
      WHERE NOT EXISTS (SELECT 1 FROM ${s.child} c WHERE c.child_id = e.child_id AND c.rejected = 0)
        AND NOT EXISTS (SELECT 1 FROM main.child c WHERE c.child_id = e.child_id);
    UPDATE ${s.episode} SET rejected = 1 WHERE ord IN (SELECT e.ord FROM ${s.episode} e
      WHERE NOT EXISTS (SELECT 1 FROM ${s.child} c WHERE c.child_id = e.child_id AND c.rejected = 0)
        AND NOT EXISTS (SELECT 1 FROM main.child c WHERE c.child_id = e.child_id));

    -- No care before birth: DECOM (and so DEC, which is never before it) on or after the
    -- child's DOB, from this import's Header or, failing that, as stored.
    CREATE TEMP TABLE IF NOT EXISTS before_birth (ord INTEGER PRIMARY KEY, dob TEXT);
    DELETE FROM before_birth;
    -- (Duplicates were rejected above, so a child has at most one staged Header row left.)
    INSERT INTO before_birth
      SELECT e.ord, COALESCE(c.dob, m.dob) FROM ${s.episode} e
      LEFT JOIN ${s.child} c ON c.child_id = e.child_id AND c.rejected = 0
      LEFT JOIN main.child m ON m.child_id = e.child_id
      WHERE e.rejected = 0 AND e.decom < COALESCE(c.dob, m.dob);
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'rejected', e.file, e.row, 'DECOM', substr(e.decom, 9, 2) || '/' || substr(e.decom, 6, 2) || '/' || substr(e.decom, 1, 4),
             'DECOM is before the child''s DOB (' || substr(b.dob, 9, 2) || '/' || substr(b.dob, 6, 2) || '/' || substr(b.dob, 1, 4) || '): no care before birth', e.child_id
      FROM ${s.episode} e JOIN before_birth b ON b.ord = e.ord;
    UPDATE ${s.episode} SET rejected = 1 WHERE ord IN (SELECT ord FROM before_birth);
    DROP TABLE before_birth;

    -- Never replace a child's history with part of it.
    CREATE TEMP TABLE IF NOT EXISTS partial_child (child_id TEXT PRIMARY KEY);
    DELETE FROM partial_child;
    INSERT OR IGNORE INTO partial_child SELECT DISTINCT child_id FROM ${s.issue} WHERE kind = 'rejected' AND child_id IS NOT NULL
      AND child_id IN (SELECT child_id FROM ${s.episode});
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'rejected', e.file, e.row, 'CHILD', e.child_id,
             'another episode of child ' || e.child_id || ' was rejected, so this child''s episodes were left as they are', e.child_id
      FROM ${s.episode} e JOIN partial_child p ON p.child_id = e.child_id WHERE e.rejected = 0;
    UPDATE ${s.episode} SET rejected = 1 WHERE child_id IN (SELECT child_id FROM partial_child);
    DROP TABLE partial_child;

    -- Overlapping episodes are kept; the tracker's rules decide which one counts.
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'warning', b.file, b.row, 'DECOM', b.decom,
             'episode overlaps the one on row ' || a.row || ' (' || a.decom || ' to ' || COALESCE(a.dec, 'open') || ')', b.child_id
      FROM ${s.episode} a JOIN ${s.episode} b ON b.child_id = a.child_id AND b.ord > a.ord
      WHERE a.rejected = 0 AND b.rejected = 0
        AND a.decom < COALESCE(b.dec, '9999-12-31') AND b.decom < COALESCE(a.dec, '9999-12-31');

    -- 903 rule: X1 means a new episode starts the day this one ends.
    INSERT INTO ${s.issue} (kind, file, row, col, value, reason, child_id)
      SELECT 'warning', e.file, e.row, 'REC', e.rec, 'REC is X1 but no episode of this child starts on DEC (' || e.dec || ')', e.child_id
      FROM ${s.episode} e
      WHERE e.rejected = 0 AND e.rec = 'X1' AND e.dec IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ${s.episode} n WHERE n.child_id = e.child_id AND n.decom = e.dec AND n.rejected = 0);

  `)
}

const sigOf = (alias: string): string => episodeFields.slice(1).map((f) => `quote(${alias}.${f})`).join(" || ',' || ")

/** Which children change, and how; filled into the plan table. Every join is on an indexed key. */
async function plan(db: Db, s: Staging): Promise<void> {
  const sig = `${s.plan}_sig`
  await db.exec(`
    CREATE TABLE ${sig} (child_id TEXT PRIMARY KEY, staged TEXT, stored TEXT);
    -- Only children already stored need their episode lists compared: a new child's are all new.
    INSERT INTO ${sig} (child_id, staged)
      SELECT child_id, group_concat(${sigOf('e')}, ';' ORDER BY e.decom, e.ord) FROM ${s.episode} e
      WHERE e.rejected = 0 AND e.child_id IN (SELECT child_id FROM main.child) GROUP BY child_id;
    UPDATE ${sig} SET stored = (SELECT group_concat(${sigOf('e')}, ';' ORDER BY e.decom, e.seq) FROM main.episode e WHERE e.child_id = ${sig.replace('temp.', '')}.child_id);
    INSERT INTO ${s.plan} (child_id, is_new, header_changed, episodes_changed)
    WITH touched AS (
      SELECT child_id FROM ${s.child} WHERE rejected = 0
      UNION SELECT child_id FROM ${sig}
    )
    SELECT t.child_id,
           c.child_id IS NULL,
           h.child_id IS NOT NULL AND (c.child_id IS NULL OR ${headerFields.slice(1).map((f) => `h.${f} IS NOT c.${f}`).join(' OR ')}),
           CASE WHEN c.child_id IS NULL THEN EXISTS (SELECT 1 FROM ${s.episode} e WHERE e.child_id = t.child_id AND e.rejected = 0)
                ELSE g.child_id IS NOT NULL AND g.staged IS NOT g.stored END
    FROM touched t
    LEFT JOIN main.child c ON c.child_id = t.child_id
    LEFT JOIN ${s.child} h ON h.child_id = t.child_id AND h.rejected = 0
    LEFT JOIN ${sig} g ON g.child_id = t.child_id;
    DROP TABLE ${sig};
  `)
}

/**
 * Every staged warning grouped by rule. SQL first folds identical issues together
 * (keeping the first few rows of each as examples, the first carrying the count), so
 * the grouping walks distinct (column, value, reason) triples, not every row.
 */
async function warningGroupsOf(db: Db, s: Staging): Promise<IssueGroup[]> {
  const grouper = new IssueGrouper()
  const distinct = db.prepare(`SELECT file, row, col AS column, COALESCE(value, '') AS value, reason, CASE WHEN k = 1 THEN n ELSE 0 END AS n FROM (
      SELECT file, row, col, value, reason, COUNT(*) OVER (PARTITION BY col, value, reason) AS n,
             ROW_NUMBER() OVER (PARTITION BY col, value, reason ORDER BY file, row, id) AS k
      FROM ${s.issue} WHERE kind = 'warning') WHERE k <= ${groupExampleCount} ORDER BY file, row`)
  for await (const { n, ...issue } of distinct.iterate() as AsyncIterable<RowIssue & { n: number }>) grouper.add(issue, n)
  return grouper.result()
}

async function issuesOf(db: Db, s: Staging, kind: 'rejected' | 'warning'): Promise<RowIssue[]> {
  return await db
    .prepare(`SELECT file, row, col AS column, COALESCE(value, '') AS value, reason FROM ${s.issue} WHERE kind = ? ORDER BY file, row, id LIMIT ?`)
    .all(kind, issueListLimit) as RowIssue[]
}

const childJson = (alias: string): string =>
  `json_object(${headerFields.map((f) => `'${f}', ${alias}.${f}`).join(', ')}, 'episodes', (SELECT COUNT(*) FROM main.episode x WHERE x.child_id = ${alias}.child_id))`

/**
 * Set-based writes, a chunk of children at a time so progress can be reported, all
 * inside ONE transaction: a kill part-way leaves nothing behind. Each changed child
 * gets an audit row with its Header fields and episode count before and after.
 */
async function write(ctx: Context, s: Staging, files: ImportedFile[], summary: DataImportSummary, progress: ProgressReporter): Promise<number> {
  const { db } = ctx
  // Chunks are small and staging is large: CROSS JOIN keeps the chunk as the outer loop.
  const chunk = `${s.plan}_chunk`
  const old = `${s.plan}_old`
  await db.exec(`
    CREATE TABLE ${chunk} (child_id TEXT PRIMARY KEY, is_new INTEGER, header_changed INTEGER, episodes_changed INTEGER, before TEXT);
    CREATE TABLE ${old} (child_id TEXT, decom TEXT, place TEXT, place_provider TEXT, carer_id INTEGER);
    CREATE INDEX ${old}_by_child ON ${old.replace('temp.', '')} (child_id, decom);
  `)
  const fill = db.prepare(`INSERT INTO ${chunk}
    SELECT p.child_id, p.is_new, p.header_changed, p.episodes_changed,
           CASE WHEN p.is_new THEN NULL ELSE (SELECT ${childJson('c')} FROM main.child c WHERE c.child_id = p.child_id) END
    FROM ${s.plan} p WHERE (p.is_new OR p.header_changed OR p.episodes_changed) AND p.child_id > ? ORDER BY p.child_id LIMIT ?`)
  const lastInChunk = db.prepare(`SELECT MAX(child_id) FROM ${chunk}`).pluck()
  const upsert = db.prepare(`INSERT INTO main.child (${headerFields.join(', ')}, import_batch_id)
      SELECT ${headerFields.map((f) => `h.${f}`).join(', ')}, @batch FROM ${chunk} k CROSS JOIN ${s.child} h ON h.child_id = k.child_id
      WHERE k.header_changed = 1 AND h.rejected = 0
    ON CONFLICT (child_id) DO UPDATE SET ${headerFields.slice(1).map((f) => `${f} = excluded.${f}`).join(', ')}, import_batch_id = excluded.import_batch_id`)
  // Carer links are the app's own: keep them on episodes that are the same placement.
  const saveOld = db.prepare(`INSERT INTO ${old} SELECT e.child_id, e.decom, e.place, e.place_provider, e.carer_id
    FROM ${chunk} k CROSS JOIN main.episode e ON e.child_id = k.child_id WHERE k.episodes_changed = 1 AND e.carer_id IS NOT NULL`)
  const remove = db.prepare(`DELETE FROM main.episode WHERE child_id IN (SELECT child_id FROM ${chunk} WHERE episodes_changed = 1)`)
  const insertEpisodes = db.prepare(`INSERT INTO main.episode (${episodeFields.join(', ')}, carer_id, seq, import_batch_id)
    SELECT ${episodeFields.map((f) => `e.${f}`).join(', ')},
           (SELECT o.carer_id FROM ${old} o WHERE o.child_id = e.child_id AND o.decom = e.decom AND o.place IS e.place AND o.place_provider IS e.place_provider LIMIT 1),
           @base + e.ord, @batch
    FROM ${chunk} k CROSS JOIN ${s.episode} e ON e.child_id = k.child_id WHERE k.episodes_changed = 1 AND e.rejected = 0 ORDER BY e.ord`)
  const auditChunk = db.prepare(`SELECT @at AS at, @who AS who, CASE WHEN k.is_new THEN 'import.903.insert' ELSE 'import.903.update' END AS action, 'child' AS entity,
           k.child_id AS entity_id, k.before AS before, (SELECT ${childJson('c')} FROM main.child c WHERE c.child_id = k.child_id) AS after
    FROM ${chunk} k ORDER BY k.child_id`)
  const clear = db.prepare(`DELETE FROM ${chunk}`)
  const clearOld = db.prepare(`DELETE FROM ${old}`)
  const now = new Date().toISOString()
  const rejectedRows = summary.totals.rejectedRows
  const chunkSize = 1000

  let batchId = 0
  try {
    await db.transaction(async () => {
      batchId = Number(
        await db.prepare(`INSERT INTO import_batch (kind, file_name, sha256, imported_at, imported_by, inserted, updated, unchanged, rejected, report)
          VALUES ('903', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`).pluck().get(
          [...new Set(files.map((f) => f.name))].join(', '), [...new Set(files.map((f) => f.sha256))].join(','), now, ctx.user,
          summary.inserted, summary.updated, summary.unchanged, rejectedRows,
          JSON.stringify({ files, rejected: summary.rejected, warnings: summary.warnings })
        )
      )
      const base = await db.prepare('SELECT COALESCE(MAX(seq), 0) FROM main.episode').pluck().get() as number
      let written = 0
      let removed = 0
      let last = ''
      for (;;) {
        await clear.run()
        await clearOld.run()
        const n = (await fill.run(last, chunkSize)).changes
        if (n === 0) break
        last = await lastInChunk.get() as string
        await upsert.run({ batch: batchId })
        await saveOld.run()
        removed += (await remove.run()).changes
        written += (await insertEpisodes.run({ base, batch: batchId })).changes
        await appendAuditRows(db, await auditChunk.all({ at: now, who: ctx.user }) as Omit<AuditRow, 'id'>[])
        progress.wrote(n)
      }
      summary.episodes = { written, removed }
      await audit(db, { who: ctx.user, action: 'import.903', entity: 'import_batch', entityId: batchId, after: { files, inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged, rejectedRows } })
    })()
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${chunk}; DROP TABLE IF EXISTS ${old}`)
  }
  return batchId
}

/**
 * A bigger page cache for the import's connection while it runs: the staging tables and
 * the indexes the write updates stay in memory instead of spilling to temp files. It is
 * a fixed ceiling (memory stays flat as files grow) and changes nothing about durability.
 */
const importCacheKb = 32 * 1024
function roomyCaches(store: Db): () => void {
  if (store.engine !== 'sqlite') return () => {}
  const db = sqliteConnection(store, 'cache_size')
  const before = { main: db.pragma('main.cache_size', { simple: true }), temp: db.pragma('temp.cache_size', { simple: true }) }
  db.pragma(`main.cache_size = -${importCacheKb}`)
  db.pragma(`temp.cache_size = -${importCacheKb}`)
  return () => {
    if (!db.open) return
    db.pragma(`main.cache_size = ${Number(before.main)}`)
    db.pragma(`temp.cache_size = ${Number(before.temp)}`)
  }
}

/** Imports SSDA903 Header / Episodes files (CSV or xlsx). The entry point for the CLI, the API and benchmarks. */
export async function import903(ctx: Context, sources: readonly ImportSource[], options: Import903Options = {}): Promise<DataImportSummary> {
  if (sources.length === 0) throw invalidInput('No files to import')
  const progress = new ProgressReporter(options.onProgress)
  for (const source of sources) sniffKind(source)
  const restore = roomyCaches(ctx.db)
  const staging = await Staging.create(ctx.db)
  try {
    const files = await stageFiles(ctx, sources, staging, progress)
    progress.phase('checking')
    await crossRowChecks(ctx.db, staging)
    await plan(ctx.db, staging)
    const counts = await ctx.db.prepare(`SELECT COALESCE(SUM(is_new), 0) AS inserted,
        COALESCE(SUM(is_new = 0 AND (header_changed OR episodes_changed)), 0) AS updated,
        COALESCE(SUM(is_new = 0 AND NOT header_changed AND NOT episodes_changed), 0) AS unchanged FROM ${staging.plan}`).get() as {
      inserted: number; updated: number; unchanged: number
    }
    const summary: DataImportSummary = {
      kind: '903', dryRun: options.dryRun ?? false, ...counts,
      rejected: await issuesOf(ctx.db, staging, 'rejected'), warnings: await issuesOf(ctx.db, staging, 'warning'), warningGroups: await warningGroupsOf(ctx.db, staging), files, batchId: null,
      totals: await ctx.db.prepare(`SELECT COUNT(DISTINCT CASE WHEN kind = 'rejected' THEN file || ':' || row END) AS rejectedRows,
          COALESCE(SUM(kind = 'rejected'), 0) AS rejected, COALESCE(SUM(kind = 'warning'), 0) AS warnings FROM ${staging.issue}`).get() as DataImportSummary['totals']
    }
    // An import that changes nothing is still recorded, so its report can be downloaded.
    if (!options.dryRun) {
      progress.phase('writing', { written: 0, of: counts.inserted + counts.updated })
      summary.batchId = await write(ctx, staging, files, summary, progress)
    }
    progress.phase('done')
    return summary
  } finally {
    await staging.drop()
    restore()
  }
}

/** The same for files on disk, by path: what the CLI and the benchmarks call. */
export const import903Paths = async (ctx: Context, paths: readonly string[], options: Import903Options = {}): Promise<DataImportSummary> =>
  await import903(ctx, paths.map((path) => ({ name: basename(path), path })), options)
