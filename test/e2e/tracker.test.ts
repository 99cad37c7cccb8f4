import ExcelJS from 'exceljs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ukDate } from '../../src/shared/days'
import { trackerCounts, trackerRows } from '../../src/main/core/tracker/queries'
import { startApp, type RunningApp } from '../helpers/browser'
import { tempDir } from '../helpers/tmp'

const asOf = '2020-03-31'
const number = (text: string | null): number => Number((text ?? '').replace(/,/g, ''))

describe('permanence tracker in Chromium', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp({ today: asOf })
  })
  afterAll(async () => app?.close())

  const tile = (name: string) => app.page.locator(`button[data-tile="${name}"]`)
  const tileCount = async (name: string): Promise<number> => number(await tile(name).locator('.tile-number').textContent())

  it('shows the core counts on the tiles for today, and the rows in the grid', async () => {
    const { page, ctx } = app
    await page.getByRole('navigation').getByRole('link', { name: 'Permanence tracker' }).click()
    await page.getByTestId('status-tiles').waitFor()
    await expect(page.getByLabel('Date', { exact: true }).inputValue()).resolves.toBe(ukDate(asOf))
    const counts = await trackerCounts(ctx.db, asOf)
    expect(await tileCount('all')).toBe(counts.lookedAfter)
    expect(await tileCount('agreed')).toBe(counts.permanence.agreed)
    expect(await tileCount('not_agreed')).toBe(counts.permanence.notAgreed)
    expect(await tileCount('oversight')).toBe(counts.permanence.oversight)
    expect(await tileCount('none')).toBe(counts.permanence.none)
    for (const g of ['FCO', 'ICO', 'S20', 'PO', 'REMAND', 'OTHER'] as const) expect(await tileCount(`none-${g}`), g).toBe(counts.noDecisionByLegalStatus[g])
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(`${counts.lookedAfter} rows`)
    await page.waitForSelector('.ag-row[row-id]')
    await page.waitForSelector('.chart-box canvas')
    await app.screenshot('tracker')
    // The trend's last month is the tracker's date, with the same numbers.
    await page.getByText('The trend as a table').click()
    const lastMonth = await page.getByTestId('trend-table').locator('tbody tr').last().locator('td').allTextContents()
    expect(lastMonth).toEqual([
      '31/03/2020',
      ...[counts.lookedAfter, counts.permanence.agreed, counts.permanence.notAgreed, counts.permanence.oversight, counts.permanence.none].map(String)
    ])
  })

  it('prints the trend and says where to print the counts and the children from, not the empty tiles and grid', async () => {
    const { page } = app
    await page.waitForSelector('.ag-row[row-id]')
    await page.waitForSelector('.chart-box canvas')
    const pdf = join(tempDir(), 'tracker-page.pdf')
    await page.pdf({ path: pdf, format: 'A4' })
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain("the page's Print view (beside Export to Excel) prints every count and every child in the list")
    expect(text).toContain('Trend')
    // No tile headings without their tiles, no row of the grid's window.
    expect(text).not.toContain('No panel decision and no oversight, by legal status')
    const first = await page.locator('.ag-row[row-index="0"] [col-id="childId"]').first().textContent()
    expect(first).toMatch(/\S/)
    expect(text).not.toContain(first!)
  })

  it('filters the grid by clicking a tile, and clears it by clicking again', async () => {
    const { page, ctx } = app
    const counts = await trackerCounts(ctx.db, asOf)
    const none = tile('none')
    await none.click()
    await expect(none.getAttribute('aria-pressed')).resolves.toBe('true')
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(`${counts.permanence.none} rows`)
    await tile('none-FCO').click()
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(`${counts.noDecisionByLegalStatus.FCO} rows`)
    // Let the grid's row animation settle so the screenshot shows the result, not the move.
    await page.waitForTimeout(600)
    await app.screenshot('tracker-filtered')
    // The print view lays out every filtered row, not just the ones on screen, and Back returns to the filter.
    await page.getByRole('link', { name: 'Print view' }).click()
    await page.waitForSelector('.tracker-print')
    await expect.poll(() => page.locator('table[aria-label="Children on the tracker"] tbody tr').count()).toBe(counts.noDecisionByLegalStatus.FCO)
    // The reader of the paper cannot see which tiles were pressed: the filter is said in words.
    await page
      .getByText(
        `Children with permanence status None, with legal status Full care order: ${counts.noDecisionByLegalStatus.FCO} of ${counts.lookedAfter.toLocaleString('en-GB')} children.`
      )
      .waitFor()
    await page.goBack()
    await expect.poll(() => tile('none-FCO').getAttribute('aria-pressed')).toBe('true')
    await tile('none-FCO').click()
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(`${counts.lookedAfter} rows`)
  })

  it('keeps the order a header click chose when going back from a child', async () => {
    const { page } = app
    const age = page.locator('.ag-header-cell[col-id="age"]')
    const firstIds = async (): Promise<string[]> =>
      await page.evaluate(() => [0, 1, 2].map((i) => document.querySelector(`.ag-row[row-index="${i}"] [col-id="childId"]`)?.textContent ?? ''))
    await age.click()
    await age.click()
    await expect.poll(() => age.getAttribute('aria-sort')).toBe('descending')
    await expect.poll(() => page.locator('.ag-row[row-index="0"] [col-id="age"]').textContent()).toBe('17')
    const sorted = await firstIds()
    await page.locator('.ag-row[row-index="0"] [col-id="childId"]').click()
    await page.keyboard.press('Enter')
    await page.waitForURL(/#\/child\//)
    await page.goBack()
    await expect.poll(() => page.locator('.ag-header-cell[col-id="age"]').getAttribute('aria-sort')).toBe('descending')
    await expect.poll(firstIds).toEqual(sorted)
    // The print view lists the rows in the order the header click chose, and Back keeps it.
    await page.getByRole('link', { name: 'Print view' }).click()
    await page.waitForSelector('.tracker-print')
    const printedIds = async (): Promise<string[]> =>
      (await page.locator('table[aria-label="Children on the tracker"] tbody tr td:nth-child(2)').allTextContents()).slice(0, 3)
    await expect.poll(printedIds).toEqual(sorted)
    await page.goBack()
    await expect.poll(() => page.locator('.ag-header-cell[col-id="age"]').getAttribute('aria-sort')).toBe('descending')
    await page.locator('.ag-header-cell[col-id="age"]').click()
    await expect.poll(() => page.locator('.ag-header-cell[col-id="age"]').getAttribute('aria-sort')).toBe('none')
  })

  it('exports the workbook from the page', async () => {
    const { page, ctx } = app
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to Excel' }).click()])
    expect(download.suggestedFilename()).toBe(`permanence-tracker-${asOf}.xlsx`)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await download.path())
    expect(book.getWorksheet('Children')!.rowCount).toBe((await trackerCounts(ctx.db, asOf)).lookedAfter + 1)
  })

  it('opens a child with no decision, records oversight, and the tracker counts it', async () => {
    const { page, ctx } = app
    const before = await trackerCounts(ctx.db, asOf)
    const child = (await trackerRows(ctx.db, asOf)).find((r) => r.status === 'none')!
    await page.goto(`${app.bridge.url}/#/child/${child.childId}?asOf=${asOf}`)
    await expect.poll(() => page.getByTestId('child-status').textContent()).toContain('None')
    await page.getByText('Add a management-oversight entry').click()
    await page.getByLabel('Manager').fill('Pat Example (team manager)')
    await page.getByLabel('Note').fill('Permanence plan with current carers tracked at supervision.')
    await page.getByRole('button', { name: 'Record oversight' }).click()
    await expect.poll(() => page.getByTestId('child-status').textContent()).toContain('Oversight')
    await expect(page.getByTestId('events').textContent()).resolves.toContain('Pat Example (team manager)')
    await app.screenshot('child-timeline')
    const audit = await ctx.db.prepare("SELECT who FROM audit_log WHERE action = 'oversight.add'").pluck().all()
    expect(audit).toEqual(['e2e-tester'])

    await page.getByRole('link', { name: '← Permanence tracker' }).click()
    await page.getByTestId('status-tiles').waitFor()
    await expect.poll(() => tileCount('oversight')).toBe(before.permanence.oversight + 1)
    expect(await tileCount('none')).toBe(before.permanence.none - 1)
  })
  it('takes the tracker date typed the UK way, and explains a date that does not exist', async () => {
    const { page } = app
    await page.goto(`${app.bridge.url}/#/tracker?asOf=${asOf}`)
    await page.getByTestId('status-tiles').waitFor()
    const date = page.getByLabel('Date', { exact: true })
    await date.fill('31/02/2020')
    await date.press('Tab')
    await page.getByRole('alert').filter({ hasText: '31/02/2020 is not a real date.' }).waitFor()
    await expect(page.locator('h1').textContent()).resolves.toContain(`on ${ukDate(asOf)}`)
    await app.screenshot('tracker-date-error')
    await date.fill('1/3/2020')
    await expect.poll(() => page.locator('h1').textContent()).toContain('on 01/03/2020')
    await date.press('Tab')
    await expect(date.inputValue()).resolves.toBe('01/03/2020')
  })
})
