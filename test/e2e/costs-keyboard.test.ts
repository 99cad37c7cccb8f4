import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../helpers/browser'

/** The placement costs page as a commissioner types it, key by key, in Chromium. */
describe('placement costs by keyboard', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp()
    await app.page.getByRole('navigation').getByRole('link', { name: 'Placement costs' }).click()
    await app.page.waitForSelector('h1:has-text("Placement costs")')
  })
  afterAll(async () => app?.close())

  const assumptions = () => app.page.locator('.scenario-summary p.muted').first().textContent()

  it('takes numbers as they are typed: a minus sign, and a field cleared before the next number', async () => {
    const { page } = app
    await expect.poll(assumptions).toMatch(/^5 years · 52 weeks a year · demand growth 0%/)

    // A fall in demand: '-' then '2'. The '-' was swallowed, and the scenario modelled growth of +2%.
    await page.getByLabel('Demand growth a year').focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('-2')
    await expect.poll(assumptions).toMatch(/demand growth -2%/)
    await expect(page.getByLabel('Demand growth a year').inputValue()).resolves.toBe('-2')

    // Years: cleared, then 7. The cleared field had snapped to 1, and read 17.
    await page.getByLabel('Years', { exact: true }).focus()
    await page.keyboard.press('End')
    await page.keyboard.press('Backspace')
    await expect(page.getByLabel('Years', { exact: true }).inputValue()).resolves.toBe('')
    await page.getByText('Years is blank: the figures still use 5 until a number is typed.').waitFor()
    await page.keyboard.type('7')
    await expect.poll(assumptions).toMatch(/^7 years · /)

    // A count cleared and retyped reads as typed, not '0180'.
    const ifa = page.getByLabel('Proposed IFA', { exact: true })
    const before = await ifa.inputValue()
    await ifa.focus()
    await page.keyboard.press('End')
    for (const _ of before) await page.keyboard.press('Backspace')
    await page.keyboard.type(before)
    await expect(ifa.inputValue()).resolves.toBe(before)

    // Out of the rules: the core says why, beside the field, and the figures wait for a number it takes.
    await page.getByLabel('Years', { exact: true }).fill('0')
    await expect.poll(() => page.getByTestId('scenario-error').textContent()).toMatch(/Years must be at least 1\./)
    await expect(page.getByLabel('Years', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true')
    await page.getByLabel('Years', { exact: true }).fill('5')
    await expect.poll(assumptions).toMatch(/^5 years · /)
  })

  it('deletes the scenario open above by keyboard, asking in place; saving then keeps it as a new one', async () => {
    const { page, ctx } = app
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim())
    const press = async (name: string, scope = page.locator('body')) => {
      await scope.getByRole('button', { name, exact: true }).focus()
      await page.keyboard.press('Enter')
    }
    await page.getByLabel('Scenario name').fill('Step-down by keyboard')
    await press('Save scenario')
    await page.getByRole('status').filter({ hasText: 'Saved "Step-down by keyboard".' }).waitFor()
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) })
    await press('Duplicate', row('Step-down by keyboard'))
    await page.getByRole('cell', { name: 'Step-down by keyboard (copy)', exact: true }).waitFor()
    await press('Open', row('Step-down by keyboard (copy)'))
    await page.getByRole('status').filter({ hasText: 'Opened "Step-down by keyboard (copy)": the scenario above is now this one.' }).waitFor()
    await expect(page.getByLabel('Scenario name').inputValue()).resolves.toBe('Step-down by keyboard (copy)')
    for (const name of ['Step-down by keyboard', 'Step-down by keyboard (copy)']) {
      await page.getByLabel(`Compare ${name}`, { exact: true }).focus()
      await page.keyboard.press('Space')
    }
    await press('Compare side by side (2)')
    await page.getByTestId('comparison').waitFor()

    // Delete asks in place, with the focus on its Delete; Escape takes it back to the row's Delete.
    const copy = row('Step-down by keyboard (copy)')
    await press('Delete', copy)
    const confirm = page.getByRole('group', { name: 'Confirm deleting Step-down by keyboard (copy)' })
    await expect.poll(() => confirm.getByRole('button', { name: 'Delete' }).evaluate((b) => b === document.activeElement)).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(focused).toMatch(/^delete-scenario-/)
    expect(await confirm.count()).toBe(0)
    await page.keyboard.press('Enter')
    await expect.poll(() => confirm.getByRole('button', { name: 'Delete' }).evaluate((b) => b === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')

    await page.getByRole('status').filter({ hasText: 'Deleted "Step-down by keyboard (copy)". The scenario above is no longer saved' }).waitFor()
    // The row that had the focus is gone: the focus is on the list's heading, not the page's start.
    await expect.poll(focused).toBe('saved-title')
    // The comparison showed a scenario that no longer exists.
    expect(await page.getByTestId('comparison').count()).toBe(0)
    // Save had gone on saving to the deleted scenario: "No saved scenario with id 2".
    await press('Save scenario')
    await page.getByRole('status').filter({ hasText: 'Saved "Step-down by keyboard (copy)".' }).waitFor()
    expect(await page.getByRole('alert').filter({ hasText: 'No saved scenario' }).count()).toBe(0)
    expect(await ctx.db.prepare('SELECT name FROM cost_scenario ORDER BY id').pluck().all()).toEqual(['Step-down by keyboard', 'Step-down by keyboard (copy)'])
  })
})
