/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startBridge } from '../../src/main/bridge/server'
import { openContext } from '../../src/main/core/session'
import { startDatabaseWorker } from '../../src/main/core/worker/db-client'
import { trackerCounts } from '../../src/main/core/tracker/queries'
import { benchAsOf, type BuiltScale } from '../scale'
import type { CaseResult } from '../report'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const staticDir = join(import.meta.dirname, '..', '..', 'out', 'renderer')

/**
 * The real renderer in Chromium over the loopback bridge: time from opening a page to its
 * paged grid showing its first rows and the total, then scrolling it two ways (jumps
 * across it, and a screen at a time), each step timed until the rows in view are loaded
 * and painted. Absolute targets: these have no baseline.
 */
export async function rendererCases(built: BuiltScale): Promise<CaseResult[]> {
  const base = {
    scale: built.scale.name,
    children: built.children,
    episodes: built.episodes,
    limit: 'none: absolute targets for a screen (shown within a second, a 60 Hz frame is 16.7 ms)',
    // A screen's target holds at every scale, not only the largest.
    targetScale: built.scale.name
  }
  if (!existsSync(chromiumPath)) {
    return [
      {
        ...base,
        case: 'renderer: grid first paint and scroll',
        ms: Number.NaN,
        target: 'needs Chromium (apt-get install chromium, or CHROMIUM_PATH)',
        note: 'not measured'
      }
    ]
  }
  // The expected totals, read on a connection of the bench's own.
  const ctx = await openContext(built.dbPath, 'browser', 'bench')
  // As browser mode runs (`permanence serve`): the calls answered on the database worker's
  // thread, so SQL never holds up the bridge, nor this process's Chromium driver and clock.
  const database = await startDatabaseWorker({ location: built.dbPath, shell: 'browser', user: 'bench', today: benchAsOf })
  let waiting = 0
  const bridge = await startBridge({
    database: {
      dispatch: async (name, input) => {
        waiting++
        try {
          return await database.dispatch(name, input)
        } finally {
          waiting--
        }
      }
    },
    staticDir
  })
  /** Until every call made so far is answered: a page's late calls would otherwise queue ahead of the next page's. */
  const answered = async (): Promise<void> => {
    while (waiting > 0) await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    page.setDefaultTimeout(120_000)
    await page.goto(bridge.launchUrl)
    await page.waitForSelector('text=Permanence Desk')

    const results: CaseResult[] = []
    // Opens the page, does `trigger` (which loads the grid's first block), and times until
    // the first rows are on screen and the row count shows the query's total.
    const measure = async (name: string, open: () => Promise<void>, trigger: () => Promise<void>, expected: number): Promise<void> => {
      await open()
      const start = Date.now()
      await trigger()
      const label = `${expected.toLocaleString('en-GB')} rows`
      await page.waitForFunction((text) => [...document.querySelectorAll('[data-testid="row-count"]')].some((e) => e.textContent === text), label)
      // ag-grid's infinite row model draws a row still loading empty, with no class to say so
      // (its .ag-row-loading is for other row models) and no row-id: a row with one is loaded.
      await page.waitForSelector('.ag-row[row-id]')
      const paint = Date.now() - start
      // The page's later calls (the tracker's tiles and trend) answered before the scrolling starts.
      await answered()
      // Two ways through the grid, each step timed from the scroll until the frame that shows
      // the new rows in view, loaded, is painted (a task queued from the frame's animation callbacks runs
      // once that frame is painted): 40 jumps across the whole grid, each landing where no
      // block is loaded yet, so each waits for a fetch; and 120 steps of one screen down from
      // the top, as a reader scrolls or presses Page Down, where the next block is read ahead.
      // (No named functions inside: tsx would wrap them in a helper the page does not have.)
      const scroll = async (mode: 'jumps' | 'screens'): Promise<{ p95: number; median: number; steps: number }> =>
        await page.evaluate(async (mode) => {
          const viewport = document.querySelector('.ag-grid-viewport') as HTMLElement
          viewport.scrollTop = 0
          await new Promise((resolve) => setTimeout(resolve, 500))
          const times: number[] = []
          const steps = mode === 'jumps' ? 40 : 120
          for (let i = 1; i <= steps; i++) {
            const shownFirst = Math.min(...[...document.querySelectorAll('.ag-row')].map((row) => Number(row.getAttribute('row-index'))))
            const before = performance.now()
            const top = viewport.scrollTop
            if (mode === 'jumps') viewport.scrollTop = ((viewport.scrollHeight - viewport.clientHeight) * i) / steps
            else viewport.scrollTop += viewport.clientHeight
            // A grid shorter than the walk ends it at the last screen.
            if (viewport.scrollTop === top) break
            // Done when the rows drawn are the new place's (the old ones stay until the grid draws
            // in a later frame) and all are loaded (each has its row-id).
            for (;;) {
              await new Promise((resolve) => requestAnimationFrame(resolve))
              const rows = [...document.querySelectorAll('.ag-row')]
              const shown = rows.map((row) => Number(row.getAttribute('row-index')))
              if (shown.length > 0 && Math.min(...shown) !== shownFirst && rows.every((row) => row.hasAttribute('row-id'))) break
            }
            await new Promise((resolve) => setTimeout(resolve, 0))
            times.push(performance.now() - before)
          }
          times.sort((a, b) => a - b)
          // Runs in the page, where nothing can be imported: NaN would mark a missing measurement.
          return { p95: times[Math.floor(times.length * 0.95)] ?? NaN, median: times[Math.floor(times.length / 2)] ?? NaN, steps: times.length }
        }, mode)
      const jumps = await scroll('jumps')
      const screens = await scroll('screens')
      results.push({ ...base, case: `renderer: ${name} first paint (first rows)`, ms: paint, rows: expected, target: '< 1,000 ms', targetMs: 1000 })
      results.push(
        {
          ...base,
          case: `renderer: ${name} scroll (p95 of 40 jumps, blocks loaded)`,
          ms: jumps.p95,
          note: `median ${jumps.median.toFixed(1)} ms of ${jumps.steps} jumps`,
          target: '< 50 ms',
          targetMs: 50
        },
        {
          ...base,
          case: `renderer: ${name} scroll (p95 of 120 screens down)`,
          ms: screens.p95,
          note: `median ${screens.median.toFixed(1)} ms of ${screens.steps} screens`,
          target: '< 50 ms',
          targetMs: 50
        }
      )
    }
    const allChildren = (await ctx.db.prepare('SELECT COUNT(*) FROM child').pluck().get()) as number
    const home = async (): Promise<void> => {
      await page.goto(`${bridge.url}/#/`)
      await page.waitForSelector('.tile')
      // The home screen's dashboards (seconds of SQL at 100k) finish before the tracker is opened.
      await answered()
    }
    await measure(
      'all children grid',
      async () => {
        await page.goto(`${bridge.url}/#/children`)
        await page.waitForSelector('.ag-row')
      },
      () => page.getByLabel('Currently looked after only').uncheck(),
      allChildren
    )
    await measure(
      'tracker page',
      home,
      () => page.evaluate(() => void (window.location.hash = '#/tracker')),
      (await trackerCounts(ctx.db, benchAsOf)).lookedAfter
    )
    return results
  } finally {
    await browser.close()
    await bridge.close()
    await database.close()
    await ctx.db.close()
  }
}
