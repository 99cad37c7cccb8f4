import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from '../helpers/axe'
import { startApp, type RunningApp } from '../helpers/browser'

describe('Database connection screen', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp({ demo: false })
  })
  afterAll(async () => app?.close())

  it('shows the database open now, explains browser mode, and tests settings in plain words', async () => {
    const { page } = app
    await page.getByRole('link', { name: 'database connection' }).click()
    await page.getByRole('heading', { name: 'Database connection' }).waitFor()
    expect(await page.locator('.lead').textContent()).toContain(app.ctx.dbPath)
    expect(await page.getByTestId('browser-note').textContent()).toMatch(/Only the desktop app keeps a connection/)
    await page.getByLabel('Server').fill('127.0.0.1')
    await page.getByLabel('Port').fill('1')
    await page.getByLabel('User').fill('asmith')
    await page.getByLabel('Password').fill('not-echoed-secret')
    await page.getByLabel('Encryption').selectOption('disable')
    await page.getByRole('button', { name: 'Test connection' }).click()
    const answer = page.getByTestId('connection-test')
    await answer.waitFor()
    expect(await answer.textContent()).toMatch(/^Nothing answered at 127\.0\.0\.1:1: check the server name and port/)
    expect(await answer.textContent()).not.toContain('not-echoed-secret')
    expect(await axeViolations(page)).toEqual([])
    await app.screenshot('connection-tested')
    await page.getByLabel('Encryption').selectOption('verify-full')
    await page.getByLabel('Certificate authority file (PEM)').fill('/etc/ssl/council-ca.pem')
    // The answer belonged to the settings tried; a change clears it.
    expect(await answer.count()).toBe(0)
    await page.getByLabel('Port').fill('5432')
    await app.screenshot('connection')
  })
})
