/// <reference lib="dom" />
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { firstScreenAssets } from '../../scripts/first-screen.mjs'
import { startBridge } from '../../src/main/bridge/server'
import { dispatch } from '../../src/main/core/dispatch'
import { openContext } from '../../src/main/core/session'
import { noncePlaceholder } from '../../src/main/shell/csp'
import { benchAsOf, type BuiltScale } from '../scale'
import type { CaseResult } from '../report'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const rendererDir = join(import.meta.dirname, '..', '..', 'out', 'renderer')
const firstScreenBudget = 500_000

interface Load {
  /** From navigation start to the frame that draws the first tile number. */
  meaningful: number
  /** First contentful paint: the boot screen in index.html, before any script runs. */
  firstPaint: number
  /** Script bytes the page had fetched by the meaningful paint. */
  scriptBytes: number
}

/**
 * Runs before any page script (playwright injects it; CSP does not apply) and records the
 * frame in which a tile number first shows, so the browser, not the test's polling, times it.
 * A string, because tsx would wrap a function's inner helpers in its own `__name`, unknown in the page.
 */
const watchForTiles = `
  const observer = new MutationObserver(() => {
    if (![...document.querySelectorAll('.tile-number')].some((e) => /\\d/.test(e.textContent ?? ''))) return
    observer.disconnect()
    requestAnimationFrame(() => { window.meaningfulPaint = performance.now() })
  })
  observer.observe(document, { childList: true, subtree: true, characterData: true })
`

async function load(context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage()
  try {
    page.setDefaultTimeout(120_000)
    await page.addInitScript(watchForTiles)
    await page.goto(url)
    await page.waitForFunction(() => 'meaningfulPaint' in window)
    return await page.evaluate(() => {
      const at = (window as unknown as { meaningfulPaint: number }).meaningfulPaint
      const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.endsWith('.js') && r.responseEnd <= at)
      return {
        meaningful: at,
        firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        scriptBytes: scripts.reduce((sum, r) => sum + r.decodedBodySize, 0)
      }
    })
  } finally {
    await page.close()
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`

/**
 * Opening the app in Chromium over the loopback bridge until Home shows today's counts,
 * against the same screen saved as a static page (scripts removed, same styles) and served
 * by a second bridge in the same run: what any page from this server costs to show.
 */
export async function startCases(built: BuiltScale, runs: number): Promise<CaseResult[]> {
  const base = {
    scale: built.scale.name,
    children: built.children,
    episodes: built.episodes,
    limit: 'the same home screen as a static page from the same bridge'
  }
  if (!existsSync(chromiumPath)) {
    return [
      {
        ...base,
        case: 'renderer first meaningful paint',
        ms: Number.NaN,
        target: 'needs Chromium (apt-get install chromium, or CHROMIUM_PATH)',
        note: 'not measured'
      }
    ]
  }
  const assets = firstScreenAssets(rendererDir)
  const ctx = await openContext(built.dbPath, 'browser', 'bench')
  ctx.today = () => benchAsOf
  const database = { dispatch: (name: string, input: unknown) => dispatch(ctx, name, input) }
  const app = await startBridge({ database, staticDir: rendererDir })
  const staticDir = mkdtempSync(join(tmpdir(), 'permanence-static-'))
  // Cookies ignore the port: both bridges share one token so each accepts the other's cookie.
  const still = await startBridge({ database, staticDir, token: app.token })
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    page.setDefaultTimeout(120_000)
    await page.goto(app.launchUrl)
    await page.waitForFunction(() => [...document.querySelectorAll('.tile-number')].some((e) => /\d/.test(e.textContent ?? '')))
    // The browser hides nonces from the DOM; the bridge fills a fresh one in for the placeholder.
    const html = (await page.content())
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
      .replace(/<link[^>]*rel="modulepreload"[^>]*>/g, '')
      .replace(/nonce="[^"]*"/g, `nonce="${noncePlaceholder}"`)
    await page.close()
    writeFileSync(join(staticDir, 'index.html'), html)
    mkdirSync(join(staticDir, 'assets'))
    for (const file of readdirSync(join(rendererDir, 'assets')).filter((f) => f.endsWith('.css')))
      copyFileSync(join(rendererDir, 'assets', file), join(staticDir, 'assets', file))

    const apps: Load[] = []
    const statics: Load[] = []
    // Alternate the two so both see the same machine; the first pair warms up.
    for (let i = 0; i <= runs; i++) {
      const a = await load(context, `${app.url}/#/`)
      const s = await load(context, `${still.url}/`)
      if (i === 0) continue
      apps.push(a)
      statics.push(s)
    }
    const loaded = median(apps.map((a) => a.scriptBytes))
    const scriptFiles = assets.files.filter((f) => f.file.endsWith('.js')).length
    return [
      {
        ...base,
        case: 'renderer first meaningful paint',
        ms: median(apps.map((a) => a.meaningful)),
        baselineMs: median(statics.map((s) => s.meaningful)),
        baseline: 'the home screen as static HTML, same bridge',
        target: '< 1,000 ms',
        targetMs: 1000,
        targetScale: base.scale,
        note:
          `boot screen drawn at ${median(apps.map((a) => a.firstPaint)).toFixed(0)} ms; ` +
          `first screen's script ${kb(assets.scriptBytes)} in ${scriptFiles} file${scriptFiles === 1 ? '' : 's'} (budget ${kb(firstScreenBudget)}${assets.scriptBytes > firstScreenBudget ? ', OVER' : ''}) and ${kb(assets.styleBytes)} of styles, ` +
          `${kb(loaded)} fetched before the tiles`
      }
    ]
  } finally {
    await browser.close()
    await app.close()
    await still.close()
    await ctx.db.close()
    rmSync(staticDir, { recursive: true, force: true })
  }
}
