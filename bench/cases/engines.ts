import { createWriteStream, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { newContext, type Context } from '../../src/main/core/context'
import { import903 } from '../../src/main/core/io/ssda903/import'
import { export903, type Export903Result } from '../../src/main/core/io/ssda903/export'
import { openPostgres } from '../../src/main/core/store/engine/postgres'
import type { Store } from '../../src/main/core/store/engine/store'
import { openDb } from '../../src/main/core/store/db'
import { migratePostgres } from '../../src/main/core/store/postgres-schema'
import { copyFromSqlite } from '../../src/main/core/team/copy'
import { sessionUser } from '../../src/main/core/team/roles'
import { trackerCounts } from '../../src/main/core/tracker/queries'
import { trackerView } from '../../src/main/core/tracker/view'
import { writeTrackerWorkbook } from '../../src/main/core/tracker/export'
import { startPostgres } from '../../test/helpers/postgres'
import { timeMedian, timeOnce } from '../measure'
import type { CaseResult } from '../report'
import { benchAsOf, type BuiltScale } from '../scale'

// On PostgreSQL the audit log records the login (a trigger insists), so the context's user is it.
const contextOf = async (db: Store, dir: string): Promise<Context> =>
  newContext({ db, dbPath: db.location, user: (await sessionUser(db)) ?? 'bench', shell: 'cli', dataDir: dir })

/**
 * The same work on both engines in the same run: the team database (PostgreSQL 15 on this
 * machine, over loopback) against the embedded SQLite file. Each PostgreSQL case is
 * reported as a ratio to SQLite doing the same work, with the answers compared first.
 */
export async function engineCases(built: BuiltScale, dir: string, runs: number): Promise<CaseResult[]> {
  const base = { scale: built.scale.name, children: built.children, episodes: built.episodes }
  if (!existsSync('/usr/lib/postgresql')) {
    return [
      { ...base, case: 'engines: PostgreSQL against SQLite', ms: Number.NaN, target: 'needs PostgreSQL (apt-get install postgresql)', note: 'not measured' }
    ]
  }
  const server = await startPostgres()
  const stores: Store[] = []
  const open = async (name: string): Promise<Store> => {
    const store = await openPostgres(await server.createDatabase(name), { migrate: (db) => migratePostgres(db) })
    stores.push(store)
    return store
  }
  try {
    const results: CaseResult[] = []
    const team = await open('bench')
    const copy = await timeOnce(() => copyFromSqlite(built.dbPath, team))
    results.push({
      ...base,
      case: 'team copy-from (desk file into PostgreSQL, verified)',
      ms: copy.ms,
      rows: copy.result.rows,
      limit: 'none: a one-off move, reported',
      sameAnswer: true,
      target: 'reported (one-off move of a desk database)'
    })
    // The spans were copied too; both engines now answer from the same records.
    const pgCounts = await timeMedian(async () => await trackerCounts(team, benchAsOf), runs)
    const sqliteCounts = await timeMedian(async () => await trackerCounts(built.db, benchAsOf), runs)
    results.push({
      ...base,
      case: 'engines: tracker counts for one date',
      ms: pgCounts.ms,
      baselineMs: sqliteCounts.ms,
      baseline: 'the same call on SQLite',
      limit: 'the same call on the in-process SQLite file',
      sameAnswer: isDeepStrictEqual(pgCounts.result, sqliteCounts.result),
      target: 'ratio ≤ 3 (a server round trip against an in-process file)',
      targetRatio: 3
    })
    const pgView = await timeMedian(async () => await trackerView(team, benchAsOf), Math.max(1, Math.floor(runs / 2)))
    const sqliteView = await timeMedian(async () => await trackerView(built.db, benchAsOf), Math.max(1, Math.floor(runs / 2)))
    results.push({
      ...base,
      case: 'engines: tracker grid data for one date',
      ms: pgView.ms,
      baselineMs: sqliteView.ms,
      baseline: 'the same call on SQLite',
      rows: sqliteView.result.rows.length,
      limit: 'the same call on the in-process SQLite file',
      sameAnswer: isDeepStrictEqual(pgView.result, sqliteView.result),
      target: 'ratio ≤ 3',
      targetRatio: 3
    })

    // The tracker workbook (query and formatted xlsx) from each engine: the same view, then the same writer.
    const workbook = async (db: Store, engine: string): Promise<number> => {
      const view = await trackerView(db, benchAsOf)
      const out = join(dir, `engines-tracker-${engine}-${built.scale.name}.xlsx`)
      await writeTrackerWorkbook(view, { generatedBy: 'bench', generatedAt: new Date(0), demo: true }, createWriteStream(out))
      return view.rows.length
    }
    // timeMedian runs each once untimed first, so loading exceljs is not on either side.
    const pgWorkbook = await timeMedian(() => workbook(team, 'postgres'), Math.max(1, Math.floor(runs / 2)))
    const sqliteWorkbook = await timeMedian(() => workbook(built.db, 'sqlite'), Math.max(1, Math.floor(runs / 2)))
    results.push({
      ...base,
      case: 'engines: tracker workbook export for one date',
      ms: pgWorkbook.ms,
      baselineMs: sqliteWorkbook.ms,
      baseline: 'the same export from SQLite',
      limit: 'the same export from the in-process SQLite file',
      rows: sqliteWorkbook.result,
      // The views were compared above; here both wrote every row.
      sameAnswer: pgWorkbook.result === sqliteWorkbook.result,
      target: 'ratio ≤ 3',
      targetRatio: 3
    })

    // The 903 return written from each engine: the same CSV files, byte for byte.
    const pg903 = await timeMedian(async () => await export903(await contextOf(team, dir), join(dir, `903-engines-pg-${built.scale.name}`)), 1)
    const sqlite903 = await timeMedian(async () => await export903(await contextOf(built.db, dir), join(dir, `903-engines-${built.scale.name}`)), 1)
    const sameFiles = (a: Export903Result, b: Export903Result): boolean =>
      readFileSync(a.header).equals(readFileSync(b.header)) && readFileSync(a.episodes).equals(readFileSync(b.episodes))
    results.push({
      ...base,
      case: 'engines: 903 CSV export',
      ms: pg903.ms,
      baselineMs: sqlite903.ms,
      baseline: 'the same export from SQLite',
      limit: 'the same export from the in-process SQLite file',
      rows: sqlite903.result.children + sqlite903.result.episodeRows,
      sameAnswer: sameFiles(pg903.result, sqlite903.result),
      target: 'ratio ≤ 3',
      targetRatio: 3
    })

    // The 903 import of the scale's own export into an empty database of each engine.
    const files = sqlite903.result
    const sources = [
      { name: 'Header.csv', path: files.header },
      { name: 'Episodes.csv', path: files.episodes }
    ]
    const fresh = await open('import')
    const pgContext = await contextOf(fresh, dir)
    const pgImport = await timeOnce(() => import903(pgContext, sources))
    const sqliteDb = await openDb(join(dir, `engines-import-${built.scale.name}.db`))
    const sqliteContext = await contextOf(sqliteDb, dir)
    const sqliteImport = await timeOnce(() => import903(sqliteContext, sources))
    await sqliteDb.close()
    results.push({
      ...base,
      case: 'engines: 903 CSV import into an empty database',
      ms: pgImport.ms,
      baselineMs: sqliteImport.ms,
      baseline: 'the same import into SQLite',
      limit: 'the same import into SQLite',
      rows: files.children + files.episodeRows,
      sameAnswer: pgImport.result.inserted === sqliteImport.result.inserted && pgImport.result.inserted === files.children,
      target: 'ratio ≤ 3',
      targetRatio: 3
    })
    return results
  } finally {
    for (const store of stores) await store.close()
    await server.stop()
  }
}
