import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { Context } from '../../src/main/core/context'
import { openContext } from '../../src/main/core/session'
import { freshTeamDatabase, testEngine } from './postgres'

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
 */
export async function tempContext(today = '2020-03-31'): Promise<Context> {
  const location = testEngine() === 'postgres' ? await freshTeamDatabase() : join(tempDir(), 'test.db')
  const ctx = await openContext(location, 'cli', 'tester')
  ctx.today = () => today
  // A team database keeps its files in the user's home folder; a test keeps its own.
  if (testEngine() === 'postgres') ctx.dataDir = join(tempDir(), 'files')
  cleanups.unshift(async () => ctx.db.open && await ctx.db.close())
  return ctx
}
