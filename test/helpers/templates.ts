import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDemo } from '../../src/main/core/demo/load'
import type { DemoOptions } from '../../src/main/core/demo/generate'
import { openContext } from '../../src/main/core/session'
import { openDb } from '../../src/main/core/store/db'
import { teamDatabaseFrom } from './postgres'
import { sqliteTemplatesEnv } from './templates-global-setup'

/**
 * Template databases: built once per test run, copied for each test that needs one, so a
 * test that reads the demo cohort copies a file (or, on PostgreSQL, runs CREATE DATABASE …
 * TEMPLATE) instead of migrating and loading it again. Each copy is the test's own to change.
 */

let ownDir: string | undefined
/** The run's folder (templates-global-setup.ts), else one for this process alone. */
function templatesDir(): string {
  const shared = process.env[sqliteTemplatesEnv]
  if (shared) return shared
  if (!ownDir) {
    const dir = mkdtempSync(join(tmpdir(), 'permanence-templates-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    ownDir = dir
  }
  return ownDir
}

const built = new Map<string, Promise<string>>()

/** The template file `fill` makes from an empty path, built by whichever test file asks first. */
function sqliteTemplate(key: string, fill: (path: string) => Promise<void>): Promise<string> {
  const path = join(templatesDir(), `${key}.db`)
  if (!built.has(path)) {
    built.set(
      path,
      (async () => {
        if (existsSync(path)) return path
        // Built under a name of its own and renamed into place whole: files built in parallel
        // by two test files are the same, and a reader never sees one half-written.
        const building = join(templatesDir(), `${key}.${process.pid}.building`)
        await fill(building)
        renameSync(building, path)
        return path
      })()
    )
  }
  return built.get(path)!
}

/** A copy of a freshly migrated SQLite database at `path`. */
export async function copyMigratedSqlite(path: string): Promise<void> {
  copyFileSync(await sqliteTemplate('migrated', async (at) => await (await openDb(at)).close()), path)
}

const demoKey = (options: DemoOptions): string =>
  `demo_${createHash('sha256')
    .update(JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b))))
    .digest('hex')
    .slice(0, 12)}`

/** Fills the database at `location` with the demo cohort for `options`, recorded as by 'tester'. */
async function fillDemo(location: string, options: DemoOptions): Promise<void> {
  const ctx = await openContext(location, 'cli', 'tester')
  try {
    await createDemo(ctx.db, options, 'tester')
  } finally {
    // Closing checkpoints SQLite's WAL into the file, so copying the file copies everything.
    await ctx.db.close()
  }
}

/** A copy of the demo cohort for `options`: an SQLite file written at `path`. */
export async function copyDemoSqlite(options: DemoOptions, path: string): Promise<void> {
  copyFileSync(await sqliteTemplate(demoKey(options), (at) => fillDemo(at, options)), path)
}

/** A copy of the demo cohort for `options` on the test PostgreSQL server; its URL. */
export const demoTeamDatabase = (options: DemoOptions): Promise<string> => teamDatabaseFrom(demoKey(options), (url) => fillDemo(url, options))
