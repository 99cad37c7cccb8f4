import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unitCostsOn } from '../../src/main/core/costs/unitCosts'
import { screenshotDir, startApp, type RunningApp } from '../helpers/browser'
import { tempDir } from '../helpers/tmp'
import { pythonWithWriters, writeWithPython } from '../helpers/writers'

const today = '2020-03-31'

/** A unit-cost CSV as finance would save it from Python's csv module (quoted thousands, CRLF). */
function writeCsv(rows: string[][], out: string): string {
  const script = 'import csv, json, sys\nwith open(sys.argv[1], "w", newline="") as f:\n    csv.writer(f).writerows(json.loads(sys.argv[2]))\n'
  const r = spawnSync(pythonWithWriters() ?? 'python3', ['-c', script, out, JSON.stringify(rows)], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return out
}

describe('unit cost import on the costs page in Chromium', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp({ today })
  })
  afterAll(async () => app?.close())

  const weekly = async (code: string): Promise<number | undefined> => (await unitCostsOn(app.ctx.db, today)).find((r) => r.optionCode === code)?.weekly

  it('checks a CSV first, naming each bad row, and imports only when asked', async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('link', { name: 'Placement costs' }).click()
    await page.getByRole('heading', { name: 'Unit costs' }).waitFor()
    await page.getByText('Import unit costs from a finance workbook or CSV').click()
    const picker = page.locator('input[name="file"]')
    // The file dialog offers CSV files, which the import reads.
    expect((await picker.getAttribute('accept'))?.split(',')).toContain('.csv')

    const before = await unitCostsOn(app.ctx.db, today)
    const csv = writeCsv(
      [
        ['Option', 'Weekly'],
        ['IFA', '1,234.50'],
        ['SGO', '250'],
        ['NOPE', '12']
      ],
      join(tempDir(), 'unit-costs.csv')
    )
    await picker.setInputFiles(csv)
    // From the keyboard: Check file disables itself while it runs; its outcome takes the focus.
    await page.getByRole('button', { name: 'Check file' }).focus()
    await page.keyboard.press('Enter')
    const summary = page.getByTestId('unit-cost-import-summary')
    await expect
      .poll(() => summary.getByRole('status').textContent())
      .toMatch(/^unit-costs\.csv: would add 2, update 0, leave 0 unchanged; 1 row would not be imported/)
    await expect.poll(() => page.getByTestId('unit-cost-import-outcome').evaluate((el) => el === document.activeElement)).toBe(true)
    const rejected = await summary.getByRole('table', { name: 'Unit cost rows not imported' }).locator('tbody td').allTextContents()
    expect(rejected.slice(0, 4)).toEqual(['unit-costs.csv', '4', 'Option', 'NOPE'])
    expect(rejected[4]).toMatch(/not an option code/)
    // The costs page is long: the unit-costs section alone.
    await page.locator('section[aria-labelledby="unit-costs-title"]').screenshot({ path: join(screenshotDir, 'unit-cost-import-preview.png') })
    // The check wrote nothing.
    expect(await unitCostsOn(app.ctx.db, today)).toEqual(before)

    await page.getByRole('button', { name: 'Import 2 costs' }).click()
    await expect.poll(() => summary.getByRole('status').textContent()).toMatch(/^unit-costs\.csv: add 2, update 0, leave 0 unchanged/)
    expect(await weekly('IFA')).toBe(1234.5)
    expect(await weekly('SGO')).toBe(250)
    await expect(page.getByRole('button', { name: /^Import \d+ costs?$/ }).getAttribute('aria-disabled')).resolves.toBe('true')
  })

  it('imports an openpyxl workbook after its check, and a changed date asks for a new check', async () => {
    const { page } = app
    const xlsx = writeWithPython(
      'openpyxl',
      {
        Costs: [
          ['Option', 'Weekly'],
          ['KINSHIP', '321'],
          ['IFA_HIGH', '1999.99']
        ]
      },
      join(tempDir(), 'unit-costs.xlsx')
    )
    await page.locator('input[name="file"]').setInputFiles(xlsx)
    await page.getByRole('button', { name: 'Check file' }).click()
    const summary = page.getByTestId('unit-cost-import-summary')
    await expect.poll(() => summary.getByRole('status').textContent()).toMatch(/^unit-costs\.xlsx: would add 2, update 0, leave 0 unchanged\./)
    // The check was for the old date: a new one is needed before importing.
    await page.getByLabel('Edits take effect from').fill('01/04/2020')
    await page.getByLabel('Edits take effect from').blur()
    await expect(summary.count()).resolves.toBe(0)
    await expect(page.getByRole('button', { name: 'Import 0 costs' }).getAttribute('aria-disabled')).resolves.toBe('true')
    await page.getByRole('button', { name: 'Check file' }).click()
    await page.getByRole('button', { name: 'Import 2 costs' }).click()
    await expect.poll(() => summary.getByRole('status').textContent()).toMatch(/^unit-costs\.xlsx: add 2/)
    const costs = await unitCostsOn(app.ctx.db, '2020-04-01')
    expect(costs.find((r) => r.optionCode === 'KINSHIP')).toMatchObject({ weekly: 321, effectiveFrom: '2020-04-01' })
  })
})
