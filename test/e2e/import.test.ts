import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { screenshotDir, startApp, type RunningApp } from '../helpers/browser'
import { cohort903, episodesTable, headerTable, write903, writeTable } from '../helpers/fixtures903'
import { writeTrackerXlsx } from '../helpers/fixturesTracker'
import { tempDir } from '../helpers/tmp'
import { firstOf, itemAt } from '../helpers/defined'

describe('Import & export page in Chromium', () => {
  let app: RunningApp
  const cohort = cohort903({ lookedAfter: 25 })
  beforeAll(async () => {
    app = await startApp({ demo: false })
  })
  afterAll(async () => app?.close())

  it('checks 903 files, shows the rejected rows, imports the good ones and records the import', async () => {
    const { page, ctx } = app
    const dir = tempDir()
    const episodes = episodesTable(cohort)
    itemAt(episodes, 1)[3] = 'Q9'
    itemAt(episodes, 1)[5] = 'Q8' // a second problem on the same row: the list counts problems, the tile rows
    // A postcode the 903 cannot read on every other episode: many warnings of one rule.
    const badPostcodes = episodes.slice(2).filter((_, i) => i % 2 === 0)
    for (const e of badPostcodes) e[10] = '12345'
    const header = writeTable(dir, 'Header.csv', headerTable(cohort), { excel: true })
    const eps = writeTable(dir, 'Episodes.csv', episodes)
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click()
    await page.getByLabel('903 files').setInputFiles([header, eps])
    await page.getByRole('button', { name: 'Check files' }).first().click()
    await page.waitForSelector('text=Preview — nothing written yet')
    await expect(page.getByTestId('count-inserted').locator('.tile-number').textContent()).resolves.toBe(String(cohort.children.length))
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM child').pluck().get()).toBe(0)
    const reason = page.locator('[aria-label="Rejected rows"] .ag-row [col-id="reason"]').filter({ hasText: 'Q9 is not a LS code' })
    await expect(reason.count()).resolves.toBe(1)
    // The heading counts problems and rows apart (a row can have several), as the tile counts rows.
    const heading = await page.locator('h4', { hasText: 'Rejected rows' }).textContent()
    const [, problems, rows] = /^Rejected rows \((\d+) problems in (\d+) rows\)$/.exec(heading ?? '') ?? []
    expect(Number(problems)).toBe(Number(rows) + 1)
    await expect(page.getByTestId('count-rejected').locator('.tile-number').textContent()).resolves.toBe(rows)
    await expect(
      page
        .locator('.grid-wrap', { has: page.locator('[aria-label="Rejected rows"]') })
        .getByTestId('row-count')
        .textContent()
    ).resolves.toBe(`${problems} problems`)
    // The reason is read whole, wrapped over lines, not cut off at the column's edge.
    await expect(reason.evaluate((cell) => cell.scrollWidth <= cell.clientWidth + 1 && getComputedStyle(cell).whiteSpace === 'normal')).resolves.toBe(true)
    // The warnings come as one collapsed line per rule, with the count; opening it shows the first rows.
    const groups = page.getByRole('region', { name: 'Warnings by rule' })
    const postcodes = groups.locator('details', { hasText: 'HOME_POST does not look like a UK postcode' })
    await expect(postcodes.locator('summary').textContent()).resolves.toBe(`${badPostcodes.length} × HOME_POST: HOME_POST does not look like a UK postcode`)
    await expect(postcodes.getAttribute('open')).resolves.toBeNull()
    await postcodes.locator('summary').click()
    await expect(postcodes.locator('tbody tr').count()).resolves.toBe(3)
    await app.screenshot('import-903-preview')
    await page.getByRole('button', { name: 'Import', exact: true }).first().click()
    await page.waitForSelector('text=/Imported \\(import number \\d+\\)/')
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM child').pluck().get()).toBe(cohort.children.length)
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM episode').pluck().get()).toBe(cohort.episodes.filter((e) => e.child_id !== itemAt(episodes, 1)[0]).length)
    await expect.poll(() => page.locator('[aria-label="Import history"] .ag-row').count()).toBe(1)
    await expect(page.locator('[aria-label="Import history"] .ag-row [col-id="fileName"]').textContent()).resolves.toBe('Header.csv, Episodes.csv')
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: /Report for import \d+ as CSV/ }).click()
    const report = await downloading
    expect(report.suggestedFilename()).toMatch(/^import-\d+-rejected-rows\.csv$/)
    // When, in the UK way with a 24-hour clock.
    await expect(page.locator('[aria-label="Import history"] .ag-row [col-id="importedAt"]').first().textContent()).resolves.toMatch(
      /^\d\d\/\d\d\/20\d\d \d\d:\d\d$/
    )

    // The same files again change nothing, and still leave an entry with its report.
    await page.getByRole('button', { name: 'Check files' }).first().click()
    await page.waitForSelector('text=Preview — nothing written yet')
    await page.getByRole('button', { name: 'Import', exact: true }).first().click()
    await page.getByRole('heading', { name: /^Nothing changed \(import number \d+\)$/ }).waitFor()
    await expect.poll(() => page.locator('section[aria-labelledby="import-history"]').getByTestId('row-count').textContent()).toBe('2 rows')
    expect(await ctx.db.prepare('SELECT inserted, updated FROM import_batch ORDER BY id').all()).toEqual([
      { inserted: cohort.children.length, updated: 0 },
      { inserted: 0, updated: 0 }
    ])
    await app.screenshot('import-903-unchanged')
  })

  it('refuses a file that is not a 903 table at once, naming it', async () => {
    const { page } = app
    const dir = tempDir()
    const wrong = join(dir, 'notes.csv')
    writeFileSync(wrong, 'Name,Phone\nAda,0123 456789\n')
    const section = page.locator('section[aria-labelledby="import-903"]')
    await page.getByLabel('903 files').setInputFiles([wrong])
    await section.getByRole('button', { name: 'Check files' }).click()
    await section.getByRole('alert').filter({ hasText: 'notes.csv: is not a 903 Header or Episodes table' }).waitFor()
    await app.screenshot('import-903-wrong-file')
  })

  it('maps a legacy tracker with custom headers, previews its first rows and imports it', async () => {
    const { page, ctx } = app
    const dir = tempDir()
    const ids = cohort.children.map((c) => c.child_id)
    const path = await writeTrackerXlsx(dir, [
      { child: firstOf(ids), date: new Date(Date.UTC(2019, 10, 14)), outcome: 'Endorsed', notes: 'Carers committed' },
      { child: itemAt(ids, 1), date: '03/12/2019', outcome: 'Mgmt oversight', manager: 'A Manager (fictional)' },
      { child: itemAt(ids, 2), date: '10/01/2020', outcome: 'Adjourned' },
      { child: 'NOBODY', date: '10/01/2020', outcome: 'Endorsed' }
    ])
    await page.getByLabel('Tracker file').setInputFiles(path)
    await page.getByLabel('Sheet').selectOption('Tracker')
    await page.getByLabel('Heading row').fill('3')
    await page.waitForSelector('table[aria-label="First rows of the tracker"] th:has-text("LAC Ref")')
    await expect(page.getByLabel('Child ID').inputValue()).resolves.toBe('LAC Ref')
    await expect(page.getByLabel('Outcome', { exact: true }).inputValue()).resolves.toBe('Result')
    await page.getByLabel('Words for Agreed').fill('Endorsed')
    await page.getByLabel('Words for Management oversight').fill('Mgmt oversight')
    await page.getByLabel('Words for Deferred').fill('Adjourned, Deferred')
    const tracker = page.locator('section[aria-labelledby="import-tracker"]')
    await tracker.getByRole('button', { name: 'Check files' }).click()
    await tracker.getByText('Preview — nothing written yet').waitFor()
    await expect(tracker.getByTestId('count-inserted').locator('.tile-number').textContent()).resolves.toBe('3')
    await expect(tracker.getByTestId('count-rejected').locator('.tile-number').textContent()).resolves.toBe('1')
    await tracker.getByRole('button', { name: 'Import', exact: true }).click()
    await tracker.getByText(/Imported \(import number \d+\)/).waitFor()
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM decision WHERE source = 'import' AND recorded_by = 'e2e-tester'").pluck().get()).toBe(2)
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM oversight_entry WHERE source = 'import'").pluck().get()).toBe(1)
    // Two 903 imports (the second changed nothing) and this one.
    await expect.poll(() => page.locator('section[aria-labelledby="import-history"]').getByTestId('row-count').textContent()).toBe('3 rows')
    await page.locator('table[aria-label="First rows of the tracker"] td', { hasText: '14/11/2019' }).waitFor()
    await page.waitForTimeout(500) // let the history grid's row animation settle before the picture
    await app.screenshot('import-tracker')
    await page.locator('section[aria-labelledby="import-history"]').screenshot({ path: join(screenshotDir, 'import-history.png') })
  })

  it('checks and imports from the keyboard: focus moves to the outcome, and Shift+Tab from it reaches Import', async () => {
    const { page } = app
    const dir = tempDir()
    const files = write903(dir, cohort903({ lookedAfter: 5, seed: 9 }))
    const section = page.locator('section[aria-labelledby="import-903"]')
    await page.getByLabel('903 files').setInputFiles([files.header, files.episodes])
    await section.getByRole('button', { name: 'Check files' }).focus()
    await page.keyboard.press('Enter')
    await section.getByRole('heading', { name: 'Preview — nothing written yet' }).waitFor()
    const outcome = section.getByTestId('import-outcome')
    await expect.poll(() => outcome.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('Shift+Tab')
    await expect(section.getByRole('button', { name: 'Import', exact: true }).evaluate((el) => el === document.activeElement)).resolves.toBe(true)
    await page.keyboard.press('Enter')
    await section.getByRole('heading', { name: /^Imported \(import number \d+\)$/ }).waitFor()
    await expect.poll(() => outcome.evaluate((el) => el === document.activeElement)).toBe(true)
    await app.screenshot('import-903-keyboard')
  })
})
