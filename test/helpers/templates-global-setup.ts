import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const sqliteTemplatesEnv = 'PERMANENCE_TEST_TEMPLATES'

/**
 * vitest global setup: one folder for the SQLite template databases of a whole run
 * (test/helpers/templates.ts), so every test file copies the same ones; removed at the end.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'permanence-templates-'))
  process.env[sqliteTemplatesEnv] = dir
  return () => rmSync(dir, { recursive: true, force: true })
}
