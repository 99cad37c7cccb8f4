import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBridge } from '../../src/main/bridge/server'
import { createBackup } from '../../src/main/core/backup/backup'
import { listBackups } from '../../src/main/core/backup/files'
import { createDemo } from '../../src/main/core/demo/load'
import { openContext } from '../../src/main/core/session'
import { checkDb } from '../../src/main/core/store/check'
import { startDatabaseWorker } from '../../src/main/core/worker/db-client'
import { axeViolations } from '../helpers/axe'
import { chromiumPath, screenshotDir, startApp, type RunningApp } from '../helpers/browser'
import { corruptPages } from '../helpers/corrupt'
import { tempDir } from '../helpers/tmp'

const ukDateTime = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/

describe('Backups screen', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp({ lookedAfter: 30 })
  })
  afterAll(async () => app?.close())

  it('backs up now, lists it with a UK date and size, and restores it after confirming', async () => {
    const { page, ctx } = app
    await page.getByRole('navigation').getByRole('link', { name: 'Backups' }).click()
    await page.getByText('No backups yet').waitFor()
    await page.getByRole('button', { name: 'Back up now' }).click()
    await page.getByRole('status').filter({ hasText: 'Backed up' }).waitFor()
    const rows = page.getByRole('table', { name: 'Backups' }).locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().locator('td').first().textContent()).toMatch(ukDateTime)
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('Made by hand')
    expect(await rows.first().locator('td').nth(2).textContent()).toMatch(/^\d+ KB$|^\d+\.\d MB$/)

    const children = (await ctx.db.prepare('SELECT COUNT(*) FROM child').pluck().get()) as number
    await ctx.db.prepare("INSERT INTO child (child_id, sex, dob) VALUES ('AFTER1', '1', '2015-01-01')").run()
    await rows
      .first()
      .getByRole('button', { name: /Restore the backup of/ })
      .click()
    const dialog = page.getByRole('alertdialog')
    await expect(dialog.textContent()).resolves.toContain(ctx.dbPath)
    await app.screenshot('backups-confirm-restore')
    await dialog.getByRole('button', { name: 'Replace the database with this backup' }).click()
    await page.getByRole('status').filter({ hasText: 'Restored the backup of' }).waitFor()
    // The restore replaced the file under the test's own connection: look at the new one.
    const restored = await openContext(ctx.dbPath, 'browser', 'e2e-tester')
    try {
      expect(await restored.db.prepare('SELECT COUNT(*) FROM child').pluck().get()).toBe(children)
      expect(await restored.db.prepare("SELECT who FROM audit_log WHERE action = 'backup.restore'").pluck().get()).toBe('e2e-tester')
      expect((await checkDb(restored.db)).ok).toBe(true)
    } finally {
      await restored.db.close()
    }
    await expect.poll(() => rows.count()).toBe(2)
    await expect(rows.locator('td', { hasText: 'Replaced by a restore' }).count()).resolves.toBe(1)
    await app.screenshot('backups')
  })
})

describe('recovery screen', () => {
  it('shows what is wrong with a damaged database and restores a backup instead of crashing', async () => {
    const dbPath = join(tempDir(), 'permanence.db')
    const setup = await openContext(dbPath, 'browser', 'e2e-tester')
    await createDemo(setup.db, { asOf: '2020-03-31', lookedAfter: 30 }, 'e2e-tester')
    await createBackup(setup, 'daily')
    const children = await setup.db.prepare('SELECT COUNT(*) FROM child').pluck().get()
    await setup.db.close()
    corruptPages(dbPath)

    const database = await startDatabaseWorker({ location: dbPath, shell: 'browser', user: 'e2e-tester' })
    expect(database.info.recovery).toBeDefined()
    const bridge = await startBridge({ database, staticDir: join(import.meta.dirname, '..', '..', 'out', 'renderer') })
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic'
      ]
    })
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      page.setDefaultTimeout(15_000)
      await page.goto(bridge.launchUrl)
      await page.getByRole('heading', { name: 'The database needs attention' }).waitFor()
      await expect(page.locator('.recovery-problems li').count()).resolves.toBeGreaterThan(0)
      await expect(page.getByRole('navigation').count()).resolves.toBe(0)
      const rows = page.getByRole('table', { name: 'Backups' }).locator('tbody tr')
      await expect.poll(() => rows.count()).toBe(listBackups(dbPath).length)
      await expect(axeViolations(page)).resolves.toEqual([])
      mkdirSync(screenshotDir, { recursive: true })
      await page.screenshot({ path: join(screenshotDir, 'recovery.png'), fullPage: true })

      await rows
        .filter({ hasText: 'Daily' })
        .getByRole('button', { name: /Restore the backup of/ })
        .click()
      await page.getByRole('alertdialog').waitFor()
      await expect(axeViolations(page)).resolves.toEqual([])
      await page.getByRole('alertdialog').getByRole('button', { name: 'Replace the database with this backup' }).click()
      await page.getByRole('button', { name: 'Open the app' }).waitFor()
      await expect(axeViolations(page)).resolves.toEqual([])
      await page.getByRole('button', { name: 'Open the app' }).click()
      await page.getByLabel('Permanence status today').waitFor()
      const info = await database.dispatch('appInfo', {})
      expect(info.ok && 'recovery' in (info.value as object)).toBe(false)
      const restored = await openContext(dbPath, 'browser', 'e2e-tester')
      expect(await restored.db.prepare('SELECT COUNT(*) FROM child').pluck().get()).toBe(children)
      await restored.db.close()
      expect(listBackups(dbPath).some((b) => b.kind === 'before-restore')).toBe(true)
      await page.screenshot({ path: join(screenshotDir, 'recovery-restored.png'), fullPage: true })
    } finally {
      await browser.close()
      await bridge.close()
      await database.close()
    }
  })
})
