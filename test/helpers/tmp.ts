import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { Context } from '../../src/main/core/context'
import { openContext } from '../../src/main/core/session'

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

/** A real SQLite file in a temp folder, migrated, closed after the test. */
export async function tempContext(today = '2020-03-31'): Promise<Context> {
  const ctx = await openContext(join(tempDir(), 'test.db'), 'cli', 'tester')
  ctx.today = () => today
  cleanups.unshift(async () => ctx.db.open && await ctx.db.close())
  return ctx
}
