import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { childrenPage, listChildren } from '../../src/main/core/children/queries'
import { childrenPageInput } from '../../src/shared/contract/children'
import { startApp, type RunningApp } from '../helpers/browser'
import { tempDir } from '../helpers/tmp'

const number = (text: string | null): number => Number((text ?? '').replace(/[^0-9]/g, ''))

describe('all-children grid in Chromium (paged)', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp({ lookedAfter: 250 })
  })
  afterAll(async () => app?.close())

  const rowCount = async (): Promise<string | null> => await app.page.getByTestId('row-count').textContent()
  const firstIds = async (n: number): Promise<string[]> =>
    await app.page.evaluate(
      (count) => Array.from({ length: count }, (_, i) => document.querySelector(`.ag-row[row-index="${i}"] [col-id="childId"]`)?.textContent ?? ''),
      n
    )

  it('shows the first block with the true total, the whole list when unticked, and scrolls to the last child', async () => {
    const { page, ctx } = app
    await page.goto(`${app.bridge.url}/#/children`)
    const lookedAfter = (await listChildren(ctx.db, { lookedAfterOnly: true })).length
    await expect.poll(rowCount).toBe(`${lookedAfter} rows`)
    await page.waitForSelector('.ag-row[row-id]')
    await app.screenshot('children')
    await page.getByLabel('Currently looked after only').uncheck()
    const all = await listChildren(ctx.db, {})
    expect(all.length).toBeGreaterThan(250)
    await expect.poll(async () => number(await rowCount())).toBe(all.length)
    // The grid asks for the blocks it scrolls to: the last row is the list's last child.
    await page.locator('.ag-grid-viewport').evaluate((e) => (e.scrollTop = e.scrollHeight))
    await expect
      .poll(() =>
        page
          .locator(`[row-index="${all.length - 1}"] [col-id="childId"]`)
          .first()
          .textContent()
      )
      .toBe(all.at(-1)!.childId)
  })

  it("shows a placement code's meaning when the pointer rests on it", async () => {
    const { page } = app
    const cell = page.locator('.ag-row[row-id] [col-id="placement"]').filter({ hasText: /^U\d$/ }).first()
    const code = (await cell.textContent())!
    await cell.hover()
    await expect.poll(() => page.locator('.ag-tooltip').textContent()).toMatch(new RegExp(`^\\S.* \\(${code}\\)$`))
  })

  it('sorts in the database when a header is clicked, and searches', async () => {
    const { page, ctx } = app
    await page.goto(`${app.bridge.url}/#/children`)
    await page.waitForSelector('.ag-row[row-id]')
    await page.locator('.ag-header-cell[col-id="episodes"]').click()
    const ascending = await childrenPage(
      ctx.db,
      childrenPageInput.parse({ filters: { lookedAfterOnly: true }, sort: [{ column: 'episodes', direction: 'asc' }], limit: 5 })
    )
    await expect.poll(() => firstIds(5)).toEqual(ascending.rows.map((c) => c.childId))
    await page.getByLabel('Search children').fill('demo00001')
    const found = await childrenPage(ctx.db, childrenPageInput.parse({ filters: { lookedAfterOnly: true }, search: 'demo00001' }))
    await expect.poll(rowCount).toBe(`${found.total} rows`)
    await page.getByLabel('Search children').fill('nobody at all')
    await expect.poll(() => page.getByText('No child matches “nobody at all”.').isVisible()).toBe(true)
  })

  it('opens a child with Enter from the keyboard', async () => {
    const { page } = app
    // Still on the page the last test left, with no match: clearing the search brings the rows back.
    await page.getByLabel('Search children').fill('')
    await page.waitForSelector('.ag-row[row-id]')
    await page.locator('.ag-row[row-index="0"] [col-id="childId"]').click()
    // Down past the first screen: the grid draws no rows beyond it, so each is drawn as focus reaches it.
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown')
    const focused = page.locator('.ag-row[row-index="30"] [col-id="childId"]')
    await expect.poll(() => focused.evaluate((cell) => cell.classList.contains('ag-cell-focus') && cell === document.activeElement)).toBe(true)
    const id = await focused.textContent()
    expect(id).toMatch(/^DEMO/)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/child/${id}`)
  })

  it('keeps the whole list, the search and the order when going back from a child', async () => {
    const { page, ctx } = app
    await page.goto(`${app.bridge.url}/#/children`)
    await page.waitForSelector('.ag-row[row-id]')
    await page.getByLabel('Currently looked after only').uncheck()
    await page.getByLabel('Search children').fill('demo0001')
    const found = await childrenPage(ctx.db, childrenPageInput.parse({ filters: { lookedAfterOnly: false }, search: 'demo0001' }))
    await expect.poll(rowCount).toBe(`${found.total.toLocaleString('en-GB')} rows`)
    await page.locator('.ag-header-cell[col-id="dob"]').click()
    const byBirth = await childrenPage(
      ctx.db,
      childrenPageInput.parse({ filters: { lookedAfterOnly: false }, search: 'demo0001', sort: [{ column: 'dob', direction: 'asc' }], limit: 5 })
    )
    await expect.poll(() => firstIds(5)).toEqual(byBirth.rows.map((c) => c.childId))
    await page.locator('.ag-row[row-index="0"] [col-id="childId"]').click()
    await page.keyboard.press('Enter')
    await page.waitForURL(/#\/child\//)
    await page.goBack()
    await expect.poll(() => page.getByLabel('Search children').inputValue()).toBe('demo0001')
    await expect(page.getByLabel('Currently looked after only').isChecked()).resolves.toBe(false)
    await expect.poll(rowCount).toBe(`${found.total.toLocaleString('en-GB')} rows`)
    await expect.poll(() => firstIds(5)).toEqual(byBirth.rows.map((c) => c.childId))
  })

  it('says on paper how to print the list, instead of an empty grid and a row count', async () => {
    const { page } = app
    await page.goto(`${app.bridge.url}/#/children`)
    await page.waitForSelector('.ag-row[row-id]')
    const count = await rowCount()
    expect(count).toMatch(/^[\d,]+ rows$/)
    const pdf = join(tempDir(), 'children.pdf')
    await page.pdf({ path: pdf, format: 'A4' })
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain(`Children: ${count}, not printed from this page. To print the children looked after on a date`)
    // The grid's window is not on paper: no part of a screenful of children.
    const [first] = await firstIds(1)
    expect(first).toMatch(/\S/)
    expect(text).not.toContain(first)
  })
})
