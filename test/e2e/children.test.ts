import ExcelJS from 'exceljs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { childrenPage, listChildren } from '../../src/main/core/children/queries'
import { childrenPageInput } from '../../src/shared/contract/children'
import { screenshotDir, startApp, type RunningApp } from '../helpers/browser'
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

  it("prints which children, how many and when, then every one of them in the grid's order under its headings on each page", async () => {
    const { page, ctx } = app
    // From another page, so the list opens as the address says (the test before left it unticked).
    await page.goto(`${app.bridge.url}/#/`)
    await page.waitForSelector('main h1')
    await page.goto(`${app.bridge.url}/#/children?q=demo0001&sort=dob.desc`)
    await page.waitForSelector('.ag-row[row-id]')
    const listed = await childrenPage(
      ctx.db,
      childrenPageInput.parse({ filters: { lookedAfterOnly: true }, search: 'demo0001', sort: [{ column: 'dob', direction: 'desc' }], limit: 1000 })
    )
    expect(listed.total).toBeGreaterThan(60)
    await expect.poll(rowCount).toBe(`${listed.total} rows`)
    const pdf = join(tempDir(), 'children.pdf')
    // The rows are read for paper once the grid's first block is in: a PDF made before they are says so.
    await expect
      .poll(async () => {
        await page.pdf({ path: pdf, format: 'A4' })
        return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).match(/DEMO\d+/g)?.length ?? 0
      })
      .toBe(listed.total)
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
    expect(text.replace(/\s+/g, ' ')).toContain(
      `Children Children currently looked after, matching “demo0001”: ${listed.total} children. Printed on 31/03/2020.`
    )
    expect(text.match(/DEMO\d+/g)).toEqual(listed.rows.map((c) => c.childId))
    const pages = text.split('\f').filter((p) => p.trim())
    expect(pages.length).toBeGreaterThan(1)
    for (const p of pages) expect(p.replace(/\s+/g, ' ')).toContain('ID Name Sex Date of birth Looked after Legal status Placement Provider Carer Episodes')
    // Cells as the screen writes them: dates the UK way, Yes for looked after.
    const first = listed.rows[0]!
    expect(text.replace(/\s+/g, ' ')).toContain(`${first.sex} ${first.dob!.split('-').reverse().join('/')} Yes ${first.legalStatus}`)
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(screenshotDir, 'children-print')])
    expect(text).not.toContain('Print list')
    // The desktop app's menu has no Print: the page's button prints it.
    await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')))
    await page.getByRole('button', { name: 'Print list' }).click()
    await expect(page.locator('body').getAttribute('data-printed')).resolves.toBe('yes')
  })

  it('exports every child the grid holds to Excel, all of them, in the order a header click chose', async () => {
    const { page, ctx } = app
    await page.goto(`${app.bridge.url}/#/`)
    await page.waitForSelector('main h1')
    await page.goto(`${app.bridge.url}/#/children?all=1`)
    await page.waitForSelector('.ag-row[row-id]')
    // Twice: newest born first.
    await page.locator('.ag-header-cell[col-id="dob"]').click()
    await page.locator('.ag-header-cell[col-id="dob"]').click()
    await expect.poll(() => page.locator('.ag-header-cell[col-id="dob"]').getAttribute('aria-sort')).toBe('descending')
    const listed = await childrenPage(
      ctx.db,
      childrenPageInput.parse({ filters: { lookedAfterOnly: false }, sort: [{ column: 'dob', direction: 'desc' }], limit: 1000 })
    )
    // More children than the grid's first blocks, and more than a printout takes.
    expect(listed.total).toBeGreaterThan(250)
    const button = page.getByRole('button', { name: 'Export to Excel' })
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
    expect(download.suggestedFilename()).toBe('permanence-children-2020-03-31.xlsx')
    await page
      .getByRole('status')
      .filter({ hasText: `Downloaded permanence-children-2020-03-31.xlsx (${listed.total} children).` })
      .waitFor()
    await expect(button.isEnabled()).resolves.toBe(true)
    await app.screenshot('children-export')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await download.path())
    const ids: string[] = []
    book.getWorksheet('Children')!.eachRow((row, n) => n > 1 && ids.push(String(row.getCell(1).value)))
    expect(ids).toEqual(listed.rows.map((c) => c.childId))
  })
})
