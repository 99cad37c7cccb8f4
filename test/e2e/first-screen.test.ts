import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { firstScreenAssets } from '../../scripts/first-screen.mjs'

const rendererDir = 'out/renderer'

describe("the built renderer's first screen", () => {
  const assets = firstScreenAssets(rendererDir)
  const scripts = assets.files.filter((f) => f.file.endsWith('.js'))

  it('loads the entry index.html names, and what it imports', () => {
    const entry = /<script[^>]*src="\.\/([^"]+)"/.exec(readFileSync(join(rendererDir, 'index.html'), 'utf8'))?.[1]
    expect(entry).toMatch(/^assets\/index-[\w-]+\.js$/)
    expect(scripts.map((f) => f.file)).toContain(entry)
  })

  it('keeps its script under 500 KB (issue 16)', () => {
    expect(assets.scriptBytes).toBe(scripts.reduce((sum, f) => sum + f.bytes, 0))
    expect(assets.scriptBytes).toBeLessThan(500_000)
  })

  it('leaves the zod contract, ag-grid and chart.js to the pages that use them', () => {
    const code = scripts.map((f) => readFileSync(join(rendererDir, f.file), 'utf8')).join('\n')
    // Strings each library's bundle keeps after minification: its error class, its grid's root class, a chart type.
    expect(code).not.toContain('ZodError')
    expect(code).not.toContain('ag-root-wrapper')
    expect(code).not.toContain('doughnut')
  })
})
