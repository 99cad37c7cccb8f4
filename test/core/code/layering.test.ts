import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/tmp'

const root = join(import.meta.dirname, '..', '..', '..')
const oxlint = join(root, 'node_modules', '.bin', 'oxlint')

/** Lints `files` (path → source) laid out like the repository, with the repository's own rules. */
function lint(files: Record<string, string>): string {
  const dir = tempDir()
  copyFileSync(join(root, '.oxlintrc.json'), join(dir, '.oxlintrc.json'))
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), source)
  }
  try {
    return execFileSync(oxlint, ['--format', 'unix', ...Object.keys(files)], { cwd: dir, encoding: 'utf8' })
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '')
  }
}

describe('layering is enforced by the linter, before anyone reviews it', () => {
  it('refuses electron, the bridge, the CLI or the renderer in the core', () => {
    const out = lint({
      'src/main/core/panel/probe.ts':
        "import { app } from 'electron'\nimport { startBridge } from '../../bridge/server'\nimport { program } from '../../../cli/program'\nexport const x = [app, startBridge, program]\n"
    })
    expect(out).toContain("'electron' import is restricted")
    expect(out).toContain("'../../bridge/server' import is restricted")
    expect(out).toContain("'../../../cli/program' import is restricted")
  })

  it('refuses the main process and Node in the renderer, and anything but zod in the contract', () => {
    const out = lint({
      'src/renderer/src/pages/probe.ts': "import { openDb } from '../../../main/core/store/db'\nexport const y = openDb\n",
      'src/shared/contract/probe.ts': "import { z } from 'zod'\nimport { readFileSync } from 'node:fs'\nexport const z2 = [z, readFileSync]\n"
    })
    expect(out).toContain("'../../../main/core/store/db' import is restricted")
    expect(out).toContain("'node:fs' import is restricted")
    expect(out).not.toContain("'zod' import is restricted")
  })

  it('lets the shells import the core', () => {
    expect(lint({ 'src/main/bridge/probe.ts': "import { dispatch } from '../core/dispatch'\nexport const d = dispatch\n" })).not.toContain('restricted')
  })
})
