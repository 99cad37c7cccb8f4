import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startBridge, type Bridge } from '../../src/main/bridge/server'
import type { Context } from '../../src/main/core/context'
import { createDemo } from '../../src/main/core/demo/load'
import { openContext } from '../../src/main/core/session'
import { startDatabaseWorker, type DatabaseWorker } from '../../src/main/core/worker/db-client'
import { tempDir } from './tmp'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const screenshotDir = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots')

export interface RunningApp {
  /** The test's own connection to the app's database, for setting up and checking data. */
  ctx: Context
  /** The app's database worker, which answers the bridge's calls as in browser mode. */
  database: DatabaseWorker
  bridge: Bridge
  browser: Browser
  page: Page
  /** Console reports of Content Security Policy violations on `page` (each a refused style or script). */
  cspViolations: string[]
  /** Full-page PNG under test-results/screenshots/. */
  screenshot: (name: string) => Promise<string>
  close: () => Promise<void>
}

export interface AppOptions {
  demo?: boolean
  today?: string
  /** The date the demo cohort is generated for (its records run to it): today unless given. */
  demoAsOf?: string
  lookedAfter?: number
  /**
   * An existing database instead of a fresh SQLite file, e.g. a team database as one
   * person: `postgresql://chair1:password@127.0.0.1:port/team` (no demo unless `demo: true`).
   */
  location?: string
  /** Who the desk acts as on SQLite (on PostgreSQL the login in `location`). */
  user?: string
  /** Share one Chromium between several people's desks (each gets its own context, so its own cookie); closed by its owner. */
  browser?: Browser
}

/**
 * The app as a user gets it in browser mode: a fresh database (the demo cohort unless
 * `demo: false`), its database worker, the bridge on a random loopback port, and real
 * Chromium on the token URL.
 * "Today" is pinned so the pages' default dates and the assertions agree.
 */
export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const today = options.today ?? '2020-03-31'
  const user = options.user ?? 'e2e-tester'
  // The worker creates the database, as on a first run (so no daily backup of it yet); the demo goes in through the test's own connection.
  const dbPath = options.location ?? join(tempDir(), 'e2e.db')
  const database = await startDatabaseWorker({ location: dbPath, shell: 'browser', user, today })
  const ctx = await openContext(dbPath, 'browser', user)
  ctx.today = () => today
  if (options.demo ?? options.location === undefined) await createDemo(ctx.db, { asOf: options.demoAsOf ?? today, lookedAfter: options.lookedAfter }, ctx.user)
  const bridge = await startBridge({ database, staticDir: join(import.meta.dirname, '..', '..', 'out', 'renderer') })
  const browser = options.browser ?? (await launchChromium())
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.setDefaultTimeout(15_000)
  page.on('pageerror', (error) => console.error('[page error]', error))
  const cspViolations: string[] = []
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text())
    // ag-grid names a module a grid uses but does not register (each grid registers its own).
    if (message.text().includes('AG Grid')) console.error('[ag-grid]', message.text())
  })
  await page.goto(bridge.launchUrl)
  mkdirSync(screenshotDir, { recursive: true })
  return {
    ctx,
    database,
    bridge,
    browser,
    page,
    cspViolations,
    screenshot: async (name) => {
      const path = join(screenshotDir, `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      return path
    },
    close: async () => {
      if (options.browser) await page.context().close()
      else await browser.close()
      await bridge.close()
      await database.close()
      await ctx.db.close()
      // A refused style or script is a part of a page the user never sees: fail the file that caused it.
      if (cspViolations.length) throw new Error(`Content Security Policy violations:\n${cspViolations.join('\n')}`)
    }
  }
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic'
    ]
  })
