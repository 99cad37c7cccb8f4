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
})
