import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { trackerCounts } from '../../src/main/core/tracker/queries'
import { startApp, type RunningApp } from '../helpers/browser'

describe('app shell in Chromium over the loopback bridge', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp()
  })
  afterAll(async () => app?.close())

  it('loads, trades the token for a cookie and shows the navigation', async () => {
    const { page } = app
    await page.waitForSelector('text=Permanence Desk')
    // The sidebar follows the desk's roles, which load with the app.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link').first().waitFor()
    expect(new URL(page.url()).searchParams.get('token')).toBeNull()
    for (const label of ['Permanence Panel', 'Permanence tracker', 'Head of Service review', 'Placement costs', 'Import & export']) {
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).count()).resolves.toBe(1)
    }
    await expect(page.getByText('Demo data: fictional children').count()).resolves.toBe(1)
    await expect(page.getByText('Browser mode (this computer only)').count()).resolves.toBe(1)
  })

  it("opens on today's permanence counts, the same as the core's", async () => {
    const { page, ctx } = app
    const counts = await trackerCounts(ctx.db, ctx.today())
    const tiles = page.getByLabel('Permanence status today')
    const { agreed, notAgreed, oversight, none } = counts.permanence
    // The statuses after the first tile add up to it.
    expect(agreed + notAgreed + oversight + none).toBe(counts.lookedAfter)
    await expect
      .poll(() => tiles.locator('.tile-number').allTextContents())
      .toEqual([counts.lookedAfter, agreed, notAgreed, oversight, none].map((v) => v.toLocaleString('en-GB')))
    // The sum reads as one line on a desktop window, not with its last term wrapped below.
    const tops = await tiles.locator('.tile').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)))
    expect(new Set(tops).size).toBe(1)
    await app.screenshot('home')
  })

  it('lists the demo children in the grid', async () => {
    const { page, ctx } = app
    await page.getByRole('navigation').getByRole('link', { name: 'Children', exact: true }).click()
    await page.waitForSelector('.ag-row[row-id]')
    const lookedAfter = (await ctx.db.prepare('SELECT COUNT(DISTINCT child_id) FROM episode WHERE dec IS NULL').pluck().get()) as number
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(`${lookedAfter} rows`)
    const firstId = await page.locator('.ag-row[row-index="0"] [col-id="childId"]').first().textContent()
    expect(firstId).toMatch(/^DEMO\d{6}$/)
    const path = await app.screenshot('children')
    expect(existsSync(path)).toBe(true)
  })

  it('filters with the search box and opens a child with the keyboard', async () => {
    const { page } = app
    await page.getByLabel('Search children').fill('DEMO000001')
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('1 row')
    await page.locator('.ag-cell[col-id="childId"]', { hasText: 'DEMO000001' }).click()
    await page.keyboard.press('Enter')
    await page.waitForSelector('h2:has-text("Care episodes")')
    await expect(page.locator('h1').textContent()).resolves.toContain('DEMO000001')
    await app.screenshot('child')
  })

  it('shows a short page saying what to open when the token is missing', async () => {
    const fresh = await app.browser.newPage()
    const response = await fresh.goto(app.bridge.url)
    expect(response?.status()).toBe(401)
    await expect(fresh.getByText('Open the address printed by npm start').count()).resolves.toBe(1)
    await fresh.close()
  })

  it('opens with nothing missing and no errors in the console (its icon included)', async () => {
    const context = await app.browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(app.bridge.launchUrl)
    await page.getByLabel('Permanence status today').locator('.tile-number').first().waitFor()
    const icon = await page.locator('link[rel="icon"]').getAttribute('href')
    expect((await page.request.get(new URL(icon!, page.url()).href)).status()).toBe(200)
    await page.waitForLoadState('networkidle')
    expect(errors).toEqual([])
    await context.close()
  })

  it('loads when opened on localhost instead of 127.0.0.1', async () => {
    const context = await app.browser.newContext()
    const page = await context.newPage()
    await page.goto(app.bridge.launchUrl.replace('127.0.0.1', 'localhost'))
    expect(new URL(page.url()).host).toBe(`localhost:${app.bridge.port}`)
    await page.getByLabel('Permanence status today').locator('.tile-number').first().waitFor()
    await expect.poll(() => page.getByLabel('Permanence status today').locator('.tile-number').first().textContent()).toMatch(/^\d/)
    await context.close()
  })

  it('runs every page under the CSP without unsafe-inline styles, with no violation reported', async () => {
    const { page } = app
    for (const label of ['Permanence Panel', 'Permanence tracker', 'Head of Service review', 'Placement costs', 'Import & export', 'Children']) {
      await page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click()
      await page.waitForLoadState('networkidle')
    }
    await page.waitForSelector('.ag-root')
    // ag-grid's theme is injected as <style> elements carrying the page's nonce.
    const gridStyles = await page.locator('style[data-ag-css]').count()
    expect(gridStyles).toBeGreaterThan(0)
    const csp = (await page.request.get(app.bridge.url + '/')).headers()['content-security-policy']
    expect(csp).not.toContain('unsafe-inline')
    expect(app.cspViolations).toEqual([])
  })
})
