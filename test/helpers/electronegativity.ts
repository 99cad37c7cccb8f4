import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export interface EngIssue {
  id: string
  file: string
  location: { line: number; column: number }
  description: string
  sample?: string
}

interface EngResult {
  issues: EngIssue[]
  errors: { file: string; message: string; tolerable: boolean }[]
  atomicChecks: number
  globalChecks: number
}

const require = createRequire(import.meta.url)
const engDir = dirname(require.resolve('@doyensec/electronegativity/package.json'))

/**
 * Runs Electronegativity's checks over `input` without touching the network: the tool
 * fetches translations and Electron's release list from the internet on every run,
 * so its HTTP client is replaced by one that always fails (it then uses its bundled
 * English text), and the release-list check is left out (Electron's version is pinned
 * and tested in test/core/packaging.test.ts).
 */
export async function electronegativity(input: string, electronVersion: string): Promise<EngResult> {
  const gotPath = createRequire(join(engDir, 'package.json')).resolve('got')
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: () => Promise.reject(new Error('offline by design'))
  } as unknown as NodeJS.Module
  const run = require(join(engDir, 'dist', 'runner.js')) as (options: Record<string, unknown>) => Promise<EngResult>
  return run({ input, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] })
}
