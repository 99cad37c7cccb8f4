import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { Context } from '../../src/main/core/context'
import { openContext } from '../../src/main/core/session'
import type { DemoOptions } from '../../src/main/core/demo/generate'
import { freshTeamDatabase, testEngine } from './postgres'
import { copyDemoSqlite, copyMigratedSqlite, demoTeamDatabase } from './templates'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

/** A fresh folder removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'permanence-test-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * A real, migrated database closed after the test: an SQLite file in a temp folder, or
 * with PERMANENCE_TEST_ENGINE=postgres a fresh database on the test PostgreSQL server.
 * Both are copies of one migrated template (test/helpers/templates.ts).
 */
export async function tempContext(today = '2020-03-31'): Promise<Context> {
  if (testEngine() === 'postgres') return await contextAt(await freshTeamDatabase(), today)
  const path = join(tempDir(), 'test.db')
  await copyMigratedSqlite(path)
  return await contextAt(path, today)
}

/**
 * Like tempContext, holding the demo cohort for `demo` as createDemo(…, 'tester') makes it:
 * a copy of a template built once per test run, the test's own to change.
 */
export async function demoContext(demo: DemoOptions, today = demo.asOf): Promise<Context> {
  if (testEngine() === 'postgres') return await contextAt(await demoTeamDatabase(demo), today)
  const path = join(tempDir(), 'demo.db')
  await copyDemoSqlite(demo, path)
  return await contextAt(path, today)
}

/** Where each test context's database is, as it was opened: a team database's URL with its password, which `ctx.dbPath` leaves out. */
const locations = new WeakMap<Context, string>()
export const locationOf = (ctx: Context): string => locations.get(ctx) ?? ctx.dbPath

async function contextAt(location: string, today: string): Promise<Context> {
  const ctx = await openContext(location, 'cli', 'tester')
  locations.set(ctx, location)
  ctx.today = () => today
  // A team database keeps its files in the user's home folder; a test keeps its own.
  if (testEngine() === 'postgres') ctx.dataDir = join(tempDir(), 'files')
  cleanups.unshift(async () => ctx.db.open && (await ctx.db.close()))
  return ctx
}
