import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronegativity } from '../helpers/electronegativity'
import { tempDir } from '../helpers/tmp'
import { defined, itemAt } from '../helpers/defined'

// Electronegativity (Doyensec's Electron security scanner) over the app's sources.
// A finding fails the test unless the flagged line carries an `eng-disable CHECK`
// comment followed by the reason it does not apply.

const root = join(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
const electronVersion = defined(pkg.devDependencies.electron, 'electronVersion')

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|tsx|html)$/.test(e.name) ? [join(dir, e.name)] : []
  )

describe('electronegativity', () => {
  it('finds nothing unjustified in src/ (main, preload, renderer)', async () => {
    const result = await electronegativity(join(root, 'src'), electronVersion)
    expect(result.atomicChecks).toBeGreaterThan(30)
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([])
    expect(result.issues.map((i) => `${i.id} ${i.file}:${i.location.line} ${i.description}`)).toEqual([])
  })

  it('every eng-disable comment says why', () => {
    const justifications = sourceFiles(join(root, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => {
          const m = /eng-disable\s+([A-Z_]+)\W+(.*?)(-->)?$/.exec(line)
          return m ? [{ where: `${file}:${i + 1}`, check: m[1], reason: itemAt(m, 2).trim() }] : []
        })
    )
    expect(justifications.length).toBeGreaterThan(0)
    for (const j of justifications) expect(j.reason.split(/\s+/).length, j.where).toBeGreaterThanOrEqual(5)
  })

  it('does flag an insecure window, so a regression would fail the test', async () => {
    const dir = tempDir()
    writeFileSync(
      join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron')\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } })\n"
    )
    const ids = (await electronegativity(dir, electronVersion)).issues.map((i) => i.id)
    expect(ids).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'])
    )
  })
})
