import ExcelJS from 'exceljs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyse, listScenarios } from '../../src/main/core/costs/scenarios'
import { costBaseline } from '../../src/main/core/costs/baseline'
import { sufficiency } from '../../src/main/core/costs/sufficiency'
import { unitCostsOn } from '../../src/main/core/costs/unitCosts'
import { demandForecast } from '../../src/main/core/forecast/forecast'
import { screenshotDir, startApp, type RunningApp } from '../helpers/browser'
import { tempDir } from '../helpers/tmp'
import { defined, firstOf } from '../helpers/defined'

/** A word of a PDF's text and where it is on the page (points, from the top left). */
interface PdfWord {
  text: string
  x0: number
  y0: number
  x1: number
}

/** The words of a PDF's first page with their boxes, as pdftotext reads them. */
function pdfWords(pdf: string): PdfWord[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' })
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
    text: m[4]!,
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3])
  }))
}

/** The words on one line (the same top, to half a point), left to right. */
const lineAt = (words: PdfWord[], y0: number): PdfWord[] => words.filter((w) => Math.abs(w.y0 - y0) < 0.5).sort((a, b) => a.x0 - b.x0)

const wholePounds = (n: number): string => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 }).format(n)

describe('placement costs page in Chromium', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp()
  })
  afterAll(async () => app?.close())

  const proposed = (label: string) => app.page.getByLabel(`Proposed ${label}`, { exact: true })

  it('builds a scenario on the demo data, shows its charts, saves, compares and exports it', async () => {
    const { page, ctx } = app
    await page.getByRole('navigation').getByRole('link', { name: 'Placement costs' }).click()
    await page.waitForSelector('h1:has-text("Placement costs")')

    // The baseline on the page is the data's, counted by the core.
    const baseline = await costBaseline(ctx.db, '2020-03-31')
    await expect.poll(() => page.getByTestId('baseline-looked-after').textContent()).toBe(baseline.lookedAfter.toLocaleString('en-GB'))
    await expect(page.getByLabel('Baseline Residential external', { exact: true }).inputValue()).resolves.toBe(String(baseline.counts.RESIDENTIAL_EXTERNAL))

    // Step three children down from external residential through the ART hub, three 16-18s into an MFP,
    // ten from IFA to in-house fostering.
    await page.getByLabel('Scenario name').fill('Residential step-down')
    await page.getByLabel('Demand growth a year').fill('2')
    await page.getByLabel('Inflation a year').fill('3')
    // The draft changes nothing yet: no service, no difference. Switched on, each starts at the table's assumptions.
    await expect.poll(() => page.getByTestId('total-saving-label').textContent()).toBe('no change in cost')
    await page.getByLabel('ART hub', { exact: true }).check()
    await page.getByLabel('MFP', { exact: true }).check()
    await expect(page.getByLabel('ART hub running cost a year £').inputValue()).resolves.toBe(String(11_500 * 52))
    await proposed('Residential external').fill(String(baseline.counts.RESIDENTIAL_EXTERNAL! - 3))
    await proposed('ART hub').fill('3')
    await proposed('16+ external').fill(String(baseline.counts.EXTERNAL_16PLUS! - 3))
    await proposed('MFP').fill('3')
    await proposed('IFA').fill(String(baseline.counts.IFA! - 10))
    await proposed('In-house fostering').fill(String(baseline.counts.FOSTER_INHOUSE! + 10))

    // Too many for the hub is refused, naming the service.
    await proposed('ART hub').fill('4')
    const overCapacity = "Proposed ART hub: 4 places exceed the ART hub's capacity of 3."
    await expect.poll(() => page.getByTestId('scenario-error').textContent()).toBe(`This scenario cannot be costed yet. ${overCapacity}`)
    // Beside the field too, where the summary had shown the scenario file's key ('proposed.ART_HUB: 4 places …').
    await expect(proposed('ART hub').getAttribute('aria-invalid')).resolves.toBe('true')
    await expect(proposed('ART hub').evaluate((input) => document.getElementById(input.getAttribute('aria-describedby')!)?.textContent)).resolves.toBe(
      overCapacity
    )
    await proposed('ART hub').fill('3')

    for (const chart of ['chart-cost-by-option', 'chart-savings', 'chart-tornado']) {
      await page.getByTestId(chart).locator('canvas').waitFor({ state: 'visible' })
    }
    await page.getByTestId('break-even-ART_HUB').waitFor()
    // A council laptop's 1366 px window (and 1280 px) shows the service table and the charts whole: the page does not scroll sideways.
    for (const width of [1366, 1280]) {
      await page.setViewportSize({ width, height: 768 })
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0)
      // The service table's last column ("Placed") inside the results column, not scrolled out of it.
      const [placed, column] = await page
        .getByTestId('break-even-MFP')
        .locator('td')
        .last()
        .evaluate((td) => [td.getBoundingClientRect().right, td.closest('.costs-results')!.getBoundingClientRect().right])
      expect(placed).toBeLessThanOrEqual(column!)
    }
    await page.setViewportSize({ width: 1440, height: 900 })

    await page.getByRole('button', { name: 'Save scenario' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved "Residential step-down".' }).waitFor()
    const saved = firstOf(await listScenarios(ctx.db))
    expect(saved.definition).toMatchObject({ name: 'Residential step-down', demandGrowth: 0.02, inflation: 0.03, proposed: { ART_HUB: 3, MFP: 3 } })
    const expected = await analyse(ctx.db, saved.definition, '2020-03-31')
    expect(expected.total.saving).not.toBe(0)
    await expect.poll(() => page.getByTestId('total-saving').textContent()).toBe(wholePounds(expected.total.saving))
    await expect.poll(() => page.getByTestId('total-baseline').textContent()).toBe(wholePounds(expected.total.baseline))
    expect(await ctx.db.prepare("SELECT who FROM audit_log WHERE action = 'cost_scenario.create'").pluck().get()).toBe('e2e-tester')

    // Duplicate it and compare the two side by side.
    await page
      .getByRole('row', { name: /Residential step-down/ })
      .getByRole('button', { name: 'Duplicate' })
      .click()
    await page.getByRole('cell', { name: 'Residential step-down (copy)', exact: true }).waitFor()
    await page.getByLabel('Compare Residential step-down', { exact: true }).check()
    await page.getByLabel('Compare Residential step-down (copy)').check()
    await page.getByRole('button', { name: /Compare side by side/ }).click()
    const comparison = page.getByTestId('comparison')
    await comparison.waitFor()
    await expect(comparison.locator('thead th').count()).resolves.toBe(3)

    await app.screenshot('costs')

    // Export: the downloaded workbook carries the same totals.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export workbook (.xlsx)' }).click()])
    expect(download.suggestedFilename()).toBe('Residential-step-down-cost-model.xlsx')
    const file = join(tempDir(), download.suggestedFilename())
    await download.saveAs(file)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Assumptions', 'Baseline', 'Proposed', 'Summary', 'Sufficiency', 'Forecast'])
    const summary = wb.getWorksheet('Summary')!
    let totalRow = 5
    while (summary.getCell(totalRow, 1).value !== 'Total') totalRow++
    const cell = summary.getCell(totalRow, 4).value as { formula: string; result: number }
    expect(cell.formula).toMatch(/^SUM\(/)
    expect(Math.round(cell.result * 100)).toBe(Math.round(expected.total.saving * 100))
    // The workbook carries numbers, never names: its Sufficiency and Forecast sheets included.
    const cells: string[] = []
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => cells.push(String(typeof c.value === 'object' && c.value !== null && 'result' in c.value ? c.value.result : c.value)))
      )
    )
    const sheetText = cells.join('\n')
    expect(sheetText).toContain('Sufficiency and stability on')
    const people = (await ctx.db.prepare("SELECT child_id, given_name || ' ' || family_name FROM child").raw().all()).flat() as string[]
    expect(people.filter((n) => sheetText.includes(n))).toEqual([])

    // Commissioners' screens carry numbers, never names.
    const html = await page.content()
    const names = (await ctx.db.prepare("SELECT given_name || ' ' || family_name FROM child").pluck().all()) as string[]
    expect(names.length).toBeGreaterThan(600)
    expect(names.filter((n) => html.includes(n))).toEqual([])
    expect(html).not.toMatch(/DEMO\d{6}/)
  })

  it('edits a unit cost in the grid as a new effective-dated, audited cost and re-costs the scenario', async () => {
    const { page, ctx } = app
    const before = await page.getByTestId('total-baseline').textContent()
    await page.getByPlaceholder('e.g. Finance budget book 2020-21').fill('Finance rates letter March 2020')
    const weeklyCell = page.locator('.ag-row[row-id="IFA"] [col-id="weekly"]')
    await weeklyCell.dblclick()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('900')
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'IFA is now £900.00 a week from 31/03/2020.' }).waitFor()
    expect(await ctx.db.prepare("SELECT weekly, source FROM unit_cost WHERE option_code = 'IFA' AND effective_from = '2020-03-31'").get()).toEqual({
      weekly: 900,
      source: 'Finance rates letter March 2020'
    })
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE entity = 'unit_cost' AND who = 'e2e-tester'").pluck().get()).toBe(1)
    await expect.poll(() => page.getByTestId('total-baseline').textContent()).not.toBe(before)
    await page.locator('.ag-row[row-id="IFA"] [col-id="optionCode"]').dblclick()
    const history = page.getByRole('region', { name: 'IFA cost history' })
    await expect
      .poll(() => history.locator('tbody tr').allTextContents())
      .toEqual(['31/03/2020£900.00£46,800.00Finance rates letter March 2020', expect.stringMatching(/^01\/04\/2019£800\.00£41,600\.00Care Placement Strategy/)])
  })

  it('maps an unmapped placement so its children are counted, with audit', async () => {
    const { page, ctx } = app
    const before = await costBaseline(ctx.db, '2020-03-31')
    const first = firstOf(before.unmapped)
    const tile = page.getByText('in placements with no cost mapping').locator('..').locator('.tile-number')
    await expect(tile.textContent()).resolves.toBe(String(before.unmappedTotal))
    await page.getByLabel(`Map ${first.place} ${first.placeProvider}`).selectOption('RESIDENTIAL_EXTERNAL')
    // Choosing the option saves nothing: the row's Save does.
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'placement_mapping.set'").pluck().get()).toBe(0)
    await page.getByRole('button', { name: `Save mapping of ${first.place} ${first.placeProvider}` }).click()
    await expect.poll(() => tile.textContent()).toBe(String(before.unmappedTotal - first.children))
    expect((await costBaseline(ctx.db, '2020-03-31')).counts.RESIDENTIAL_EXTERNAL).toBe(before.counts.RESIDENTIAL_EXTERNAL! + first.children)
    expect(await ctx.db.prepare("SELECT entity_id FROM audit_log WHERE action = 'placement_mapping.set'").pluck().get()).toBe(
      `${first.place}/${first.placeProvider}`
    )
  })

  it('adds an in-house residential option from the catalogue and maps children to it by age', async () => {
    const { page, ctx } = app
    const before = await costBaseline(ctx.db, '2020-03-31')
    const catalogue = page.getByRole('region', { name: 'Option catalogue' })
    await catalogue.getByLabel('New option code').fill('RESIDENTIAL_SOLO')
    await catalogue.getByLabel('New option name').fill("In-house solo children's home")
    await catalogue.getByLabel('New option weekly cost').fill('5200')
    await catalogue.getByLabel('New option effective from').fill('01/04/2019')
    await catalogue.getByLabel('New option source').fill('Council costing of the solo home 2019-20')
    await catalogue.getByRole('button', { name: 'Add option' }).click()
    await expect.poll(() => catalogue.getByRole('status').textContent()).toMatch(/In-house solo children's home added/)

    // K2 homes run by the council, for under-18s: a narrower band than the seeded any-age row.
    const mapping = page.getByRole('region', { name: "Today's mix from the data" })
    await mapping.getByText(/^All placement mappings/).click()
    await mapping.getByLabel('New mapping PLACE').fill('K2')
    await mapping.getByLabel('New mapping provider').selectOption('PR1')
    await mapping.getByLabel('New mapping age from').fill('0')
    await mapping.getByLabel('New mapping age to').fill('17')
    await mapping.getByLabel('New mapping option').selectOption('RESIDENTIAL_SOLO')
    await mapping.getByRole('button', { name: 'Add mapping' }).click()
    const row = mapping.getByRole('row', { name: /K2 PR1 0–17/ })
    await expect.poll(() => row.count()).toBe(1)
    const after = await costBaseline(ctx.db, '2020-03-31')
    const moved = after.counts.RESIDENTIAL_SOLO ?? 0
    expect(moved).toBeGreaterThan(0)
    await expect.poll(() => row.locator('td').last().textContent()).toBe(String(moved))
    expect(moved + (after.counts.RESIDENTIAL_INHOUSE ?? 0)).toBe(before.counts.RESIDENTIAL_INHOUSE ?? 0)
    expect(after.lookedAfter).toBe(before.lookedAfter)
    expect(await ctx.db.prepare("SELECT who, entity_id FROM audit_log WHERE action = 'cost_option.add'").get()).toMatchObject({ entity_id: 'RESIDENTIAL_SOLO' })
    expect(await ctx.db.prepare("SELECT entity_id FROM audit_log WHERE action = 'placement_mapping.set' ORDER BY id DESC").pluck().get()).toBe('K2/PR1/0-17')
    await catalogue.scrollIntoViewIfNeeded()
    await app.screenshot('costs-option-catalogue')
    // Commissioners' screens carry numbers, never names.
    const ids = (await ctx.db.prepare('SELECT child_id FROM child LIMIT 50').pluck().all()) as string[]
    const text = (await page.locator('main').textContent()) ?? ''
    for (const id of ids) expect(text).not.toContain(id)
  })

  it('shows sufficiency and stability with a chart, and keeps a comparator typed in', async () => {
    const { page, ctx } = app
    // The page is long: "On this page" takes the focus to the section's heading.
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('button', { name: 'Sufficiency and stability' }).click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sufficiency-title')
    const panel = page.getByRole('region', { name: 'Sufficiency and stability' })
    await expect(panel.getByLabel('Measures on').inputValue()).resolves.toMatch(/^\d{2}\/\d{2}\/\d{4}$/)
    await panel.getByLabel('Measures on').fill('31/03/2020')
    const expected = await sufficiency(ctx.db, '2020-03-31')
    const looked = expected.rows.find((r) => r.measure === 'lookedAfter')!
    await expect.poll(() => panel.getByTestId('sufficiency-lookedAfter').locator('td').nth(1).textContent()).toBe(String(looked.value))
    const three = expected.rows.find((r) => r.measure === 'threePlusPlacements')!
    await expect(panel.getByTestId('sufficiency-threePlusPlacements').locator('td').nth(1).textContent()).resolves.toBe(
      `${(three.value! * 100).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`
    )
    await expect(panel.getByTestId('chart-in-house-external').locator('canvas').count()).resolves.toBe(1)
    const input = panel.getByLabel('Statistical neighbours 3+ placements in 12 months')
    await input.fill('9.5')
    await input.blur()
    await expect
      .poll(async () => (await sufficiency(ctx.db, '2020-03-31')).rows.find((r) => r.measure === 'threePlusPlacements')!.comparators.statisticalNeighbours)
      .toBeCloseTo(0.095, 10)
    await panel.scrollIntoViewIfNeeded()
    await app.screenshot('costs-sufficiency')
    const text = (await panel.textContent()) ?? ''
    const names = (await ctx.db.prepare('SELECT child_id, family_name FROM child LIMIT 100').raw().all()).flat() as string[]
    for (const name of names) expect(text).not.toContain(name)
  })

  it('costs the ART hub by its admissions: stay, occupancy and where children go after', async () => {
    const { page } = app
    await page.getByLabel('ART hub costed by admissions').check()
    await page.getByLabel('ART hub length of stay').fill('84')
    await page.getByLabel('ART hub occupancy').fill('85')
    await page.getByLabel('ART hub otherwise Residential external').fill('100')
    await page.getByLabel('ART hub goes on to In-house fostering').fill('100')
    await expect(proposed('ART hub').inputValue()).resolves.toBe('0')
    // 3 beds × 85% × 365 / 84 = 11.1 admissions a year; each avoids residential for the stay and a year, less a year of in-house fostering.
    const weekly = Object.fromEntries((await unitCostsOn(app.ctx.db, '2020-03-31')).map((r) => [r.optionCode, r.weekly]))
    const avoided =
      defined(weekly.RESIDENTIAL_EXTERNAL, 'weekly.RESIDENTIAL_EXTERNAL') * (84 / 7 + 52) - defined(weekly.FOSTER_INHOUSE, 'weekly.FOSTER_INHOUSE') * 52
    const row = page.getByTestId('break-even-ART_HUB')
    await expect.poll(() => row.textContent()).toContain(`admissions costed by stay (84 days): ${wholePounds(avoided)} avoided each`)
    await expect(row.textContent()).resolves.toMatch(/admissions a year of 11\.1/)
    await row.scrollIntoViewIfNeeded()
    await app.screenshot('costs-art-hub-flow')
  })

  it("draws the demand forecast with its band and back-test, and takes it as the scenario's demand", async () => {
    const { page, ctx } = app
    const panel = page.getByRole('region', { name: 'Demand forecast' })
    await panel.getByLabel('Forecast from').fill('31/03/2020')
    const expected = await demandForecast(ctx.db, { asOf: '2020-03-31', years: 5, runs: 200, seed: 20200331 })
    await expect
      .poll(() => panel.getByTestId('forecast-index').textContent(), { timeout: 30_000 })
      .toBe(expected.demandIndex.map((x) => x.toFixed(3)).join(' · '))
    await expect(panel.getByTestId('chart-forecast').locator('canvas').count()).resolves.toBe(1)
    await expect(panel.getByTestId('forecast-backtest').textContent()).resolves.toMatch(/mean absolute error \d/)
    await panel.getByRole('button', { name: "Use the forecast for the scenario's demand" }).click()
    await expect.poll(() => page.getByTestId('demand-from-forecast').textContent()).toMatch(/Demand follows the forecast \(Forecast from 31\/03\/2020/)
    await panel.scrollIntoViewIfNeeded()
    await app.screenshot('costs-forecast')
    // Numbers, never names, the monthly figures opened too.
    await panel.getByText('Monthly figures').click()
    const text = (await panel.textContent()) ?? ''
    expect(text).toContain(`${firstOf(expected.series).total.p50}`)
    const names = (await ctx.db.prepare("SELECT child_id, given_name || ' ' || family_name FROM child").raw().all()).flat() as string[]
    expect(names.filter((n) => text.includes(n))).toEqual([])
  })

  it('prints a one-page summary without the editors', async () => {
    const { page } = app
    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('.scenario-editor').isVisible()).resolves.toBe(false)
    await expect(page.getByTestId('total-saving').isVisible()).resolves.toBe(true)
    // Each chart is drawn at its size on paper, the page's width (180 of its 186 mm) or half of it, where it had been scaled down from the screen's
    // to small text, and the summary fills most of the 273 mm of the page inside its margins (it had used about 60%).
    const widths = (): Promise<number[]> =>
      page.evaluate(() =>
        ['chart-cost-by-option', 'chart-savings', 'chart-tornado'].map(
          (id) => document.querySelector(`[data-testid="${id}"] canvas`)!.getBoundingClientRect().width
        )
      )
    const mm = 96 / 25.4
    await expect.poll(async () => (await widths()).map((w) => Math.round(w / mm))).toEqual([180, 88, 88])
    const used = await page.evaluate(() => document.querySelector('.costs-layout')!.getBoundingClientRect().height)
    expect(used / (273 * mm)).toBeGreaterThan(0.85)
    await app.screenshot('costs-print')
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
    expect(pages).toHaveLength(1)
    await page.emulateMedia({ media: 'screen' })
    // Back on screen, each chart is drawn to its box again.
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll('.costs-results .chart')].every(
            (c) => Math.abs(c.querySelector('canvas')!.getBoundingClientRect().width - c.clientWidth) < 20
          )
        )
      )
      .toBe(true)
  })

  it.each([1, 3, 10])('prints the cost-by-option chart of a %i-year scenario with its bars named level and apart, and room for the bars', async (years) => {
    const { page } = app
    // Paper as Chromium prints it, not the screen a test before asked for.
    await page.emulateMedia({ media: null })
    await page.goto(`${app.bridge.url}/#/costs`)
    await page.getByRole('button', { name: 'New scenario from the data' }).click()
    await page.getByLabel('ART hub', { exact: true }).check()
    await page.getByLabel('Years', { exact: true }).fill(String(years))
    await expect.poll(() => page.getByRole('table', { name: 'Cost per year' }).locator('tbody tr').count()).toBe(years + 1)
    await page.getByTestId('chart-cost-by-option').locator('canvas').waitFor()
    const pdf = join(tempDir(), `costs-${years}-years.pdf`)
    await page.pdf({ path: pdf, format: 'A4', printBackground: true })
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(screenshotDir, `costs-print-${years}-years`)])
    const words = pdfWords(pdf)
    // The chart is the one under its title: its money axis runs from its top tick down to £0, and its bars' names are the two lines under that.
    const title = words.find((w) => w.text === 'Cost' && words.some((o) => o.text === 'placement' && Math.abs(o.y0 - w.y0) < 0.5))!
    const axis = words.filter((w) => w.y0 > title.y0 && /^£[\d,]+$/.test(w.text)).sort((a, b) => a.y0 - b.y0)
    const zero = axis.find((w) => w.text === '£0')!
    const [bars, pairs] = [...new Set(words.filter((w) => w.y0 > zero.y0 + 1).map((w) => Math.round(w.y0 * 2) / 2))]
      .sort((a, b) => a - b)
      .slice(0, 2)
      .map((y) => lineAt(words, y))
    const named = years > 5 ? ['B', 'P'] : ['Baseline', 'Proposed']
    expect(bars!.map((w) => w.text)).toEqual(Array.from({ length: years }, () => named).flat())
    expect(pairs!.map((w) => w.text)).toEqual(Array.from({ length: years }, (_, i) => ['Year', String(i + 1)]).flat())
    for (const line of [bars!, pairs!]) line.slice(1).forEach((w, i) => expect(w.x0, `${w.text} clear of ${line[i]!.text}`).toBeGreaterThan(line[i]!.x1))
    if (years > 5) expect(words.some((w) => w.text === '(B' && Math.abs(w.y0 - title.y0) < 0.5)).toBe(true)
    // The money axis runs at least 25 mm up the page: at ten years the slanted names had left it 9 mm (£0 to £20,000,000).
    expect((zero.y0 - axis[0]!.y0) / (72 / 25.4)).toBeGreaterThan(25)
  })
})
