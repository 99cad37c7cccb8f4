import ExcelJS from 'exceljs'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { permanenceStatuses, statusLabels } from '../../src/shared/api'
import { ukDate } from '../../src/shared/days'
import { getCohortDefinitions } from '../../src/main/core/review/definitions'
import { trackerRows } from '../../src/main/core/tracker/queries'
import { screenshotDir, startApp, type RunningApp } from '../helpers/browser'
import { tempDir } from '../helpers/tmp'
import { itemAt } from '../helpers/defined'

interface Item {
  id: number
  child_id: string
  cohort: string
  snapshot: string
}

describe('Head of Service review in Chromium', () => {
  let app: RunningApp
  const today = '2020-03-31'
  beforeAll(async () => {
    app = await startApp({ today })
  })
  afterAll(async () => app?.close())

  const items = async (): Promise<Item[]> => (await app.ctx.db.prepare('SELECT id, child_id, cohort, snapshot FROM review_item ORDER BY id').all()) as Item[]
  /** Follows an in-app link (hash route) as the sidebar and row links do. */
  const goTo = (hash: string): Promise<unknown> => app.page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`)
  const status = (i: Item): string => (JSON.parse(i.snapshot) as { status: string }).status

  it('opens a cycle on the demo data and shows the snapshot cohort with its progress', async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('link', { name: 'Head of Service review' }).click()
    await page.getByText('No review cycle yet.').waitFor()
    await expect(page.getByLabel('Cohort date').inputValue()).resolves.toBe(ukDate(today))
    await page.getByRole('button', { name: 'Open review cycle' }).click()
    // The council's cohorts: on a care order placed with parents; FCO or s20 with no decision and no oversight.
    const expected = (await trackerRows(app.ctx.db, today)).filter(
      (r) => ((r.ls === 'C1' || r.ls === 'C2') && r.placement === 'P1') || (r.status === 'none' && (r.ls === 'C2' || r.ls === 'V2'))
    )
    await page.getByText(`0 of ${expected.length} reviewed (0%)`).first().waitFor()
    expect(await items()).toHaveLength(expected.length)
    await page.waitForSelector('.ag-row')
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(`${expected.length} rows`)
    await app.screenshot('review-cycle-opened')
    // Cohort and legal status in words, as on the review screen, not the codes FCO / PWP / C2.
    const cells = async (col: string): Promise<string[]> => page.locator(`.ag-row .ag-cell[col-id="${col}"]`).allTextContents()
    const cohorts = await cells('cohort')
    expect(cohorts.length).toBeGreaterThan(0)
    for (const c of cohorts) expect(['Full care order', 'Section 20 audit', 'Placed with parents']).toContain(c)
    for (const ls of await cells('ls')) expect(ls).toMatch(/^(Interim care order \(C1\)|Full care order \(C2\)|Section 20 \(V2\))$/)

    // A second cycle while this one is open, dated years ahead, needs confirming; nothing opens without it.
    await expect(page.getByTestId('open-cycle-warning').textContent()).resolves.toContain('is still open')
    await page.getByLabel('Cohort date').fill('31/03/2031')
    await page.getByRole('button', { name: 'Open review cycle' }).click()
    const confirm = page.getByRole('alert', { name: 'Confirm the new review cycle' })
    await confirm.getByText(/31\/03\/2031 is more than a quarter after today/).waitFor()
    await confirm.getByText(/is still open: opening another leaves two cycles/).waitFor()
    await app.screenshot('review-cycle-confirm')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    expect(await app.ctx.db.prepare('SELECT COUNT(*) FROM review_cycle').pluck().get()).toBe(1)
  })

  it('records each outcome type on the review screen', async () => {
    const { page, ctx } = app
    const all = await items()
    const forPanel = all.find((i) => i.cohort === 'FCO' && status(i) === 'none')!
    const forPlan = all.find((i) => i.cohort === 'FCO' && status(i) === 'none' && i !== forPanel)!
    const forKdm = all.find((i) => i.cohort === 'S20')!
    const forOther = all.find((i) => i.cohort === 'S20' && i !== forKdm)!
    expect((await trackerRows(ctx.db, today, { childId: forPlan.child_id }))[0]?.status).toBe('none')

    // The first child opened from the grid with the keyboard, as a user works the list.
    await page.locator('.ag-cell[col-id="childId"]').first().click()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Legal-status history' }).waitFor()
    const openedId = Number(new URL(page.url()).hash.split('/')[2])
    expect(all.some((i) => i.id === openedId)).toBe(true)
    await page.getByText('Time on the order').waitFor()

    const record = async (item: Item, label: string, note?: string, nextReview?: string): Promise<void> => {
      await goTo(`#/review-item/${item.id}`)
      await page.locator('h1', { hasText: item.child_id }).waitFor()
      await page.getByRole('radio', { name: new RegExp(label) }).check()
      if (note) await page.locator('form[aria-label="Record the outcome"] textarea').fill(note)
      if (nextReview) await page.getByLabel(/Next oversight review/).fill(ukDate(nextReview))
      await page.getByRole('button', { name: 'Record outcome' }).click()
      await page.getByTestId('recorded-outcome').getByText(label).waitFor()
    }

    await record(forPanel, 'Refer to Permanence Panel', 'Carers ready to commit long term')
    await record(forPlan, 'Plan confirmed with oversight', 'Long-term fostering plan confirmed with the team manager', '2020-06-30')
    await page.getByText('(Head of Service review)').waitFor()
    await app.screenshot('review-child-plan-confirmed')
    await record(forKdm, 'Refer to key decision-making meeting', 'Legal advice: is section 20 still appropriate?')
    // "Other" without its note is refused by the form before anything is stored.
    await goTo(`#/review-item/${forOther.id}`)
    await page.locator('h1', { hasText: forOther.child_id }).waitFor()
    await page.getByRole('radio', { name: /^Other/ }).check()
    await page.getByRole('button', { name: 'Record outcome' }).click()
    expect(await ctx.db.prepare('SELECT outcome FROM review_item WHERE id = ?').pluck().get(forOther.id)).toBeNull()
    await record(forOther, 'Other', 'Await the sibling assessment before deciding')
    await page.getByRole('button', { name: /Next child to review/ }).waitFor()

    // The referral is stored where the Permanence Panel's agenda suggestions read it …
    expect(await ctx.db.prepare("SELECT child_id FROM review_item WHERE outcome = 'refer_panel'").pluck().all()).toEqual([forPanel.child_id])
    // … and a panel chair planning the next meeting sees it among the suggestions, with the reason.
    await goTo('#/panel')
    const form = page.getByRole('form', { name: 'New meeting' })
    await form.getByLabel('Date').fill('15/04/2020')
    await form.getByLabel('Chair').fill('Ada Chair')
    await form.getByRole('button', { name: 'Create meeting' }).click()
    const suggestion = page.getByRole('list', { name: 'Suggested children' }).getByRole('listitem').filter({ hasText: forPanel.child_id })
    await suggestion.getByText(/Referred to panel by the Head of Service review on/).waitFor()
    await app.screenshot('panel-suggests-referral')
    // The confirmed plan is management oversight in the tracker from the review date.
    expect((await trackerRows(ctx.db, today, { childId: forPlan.child_id }))[0]).toMatchObject({ status: 'oversight', lastOversightDate: today })
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'review.outcome' AND who = 'e2e-tester'").pluck().get()).toBe(4)

    // Every outcome shows on the child's page.
    await goTo(`#/child/${forKdm.child_id}`)
    const reviews = page.getByRole('table', { name: 'Head of Service reviews' })
    await reviews.getByText('Refer to key decision-making meeting').waitFor()
    await expect(reviews.getByText('Legal advice: is section 20 still appropriate?').count()).resolves.toBe(1)
    await app.screenshot('child-with-review')

    await goTo('#/review')
    await page.getByText(`4 of ${all.length} reviewed`).first().waitFor()
    await app.screenshot('review-cycle-progress')
  })

  it('keeps a child whose order changed after the cycle opened, flagged in the list and on the review screen', async () => {
    const { page, ctx } = app
    let item: Awaited<ReturnType<typeof items>>[number] | undefined
    for (const i of await items())
      if (!item && i.cohort === 'FCO' && (await ctx.db.prepare('SELECT outcome FROM review_item WHERE id = ?').pluck().get(i.id)) === null) item = i
    if (!item) throw new Error('no FCO item without an outcome')
    // A placement order recorded late, from the cycle's own start date.
    const open = (await ctx.db.prepare('SELECT * FROM episode WHERE child_id = ? AND dec IS NULL').get(item.child_id)) as Record<string, unknown>
    const seq = ((await ctx.db.prepare('SELECT MAX(seq) FROM episode').pluck().get()) as number) + 1
    await ctx.db.transaction(async () => {
      await ctx.db.prepare("UPDATE episode SET dec = ?, rec = 'X1' WHERE id = ?").run(today, open.id)
      await ctx.db
        .prepare("INSERT INTO episode (child_id, decom, rne, ls, place, place_provider, carer_id, seq) VALUES (?, ?, 'L', 'E1', ?, ?, ?, ?)")
        .run(item.child_id, today, open.place, open.place_provider, open.carer_id, seq)
    })()
    await goTo('#/review-dashboard')
    await goTo('#/review')
    await page.getByRole('button', { name: /order or care changed since/ }).click()
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('1 row')
    await page
      .locator('.ag-cell[col-id="changes"]', { hasText: 'Legal status now Placement order (E1) (was Full care order (C2) when the cycle opened)' })
      .waitFor()
    await app.screenshot('review-cycle-changed-filter')
    await page.locator('.ag-cell[col-id="childId"]', { hasText: item.child_id }).dblclick()
    await page.getByRole('note').getByText('Changed since the cycle opened').waitFor()
    await expect(page.getByText('Full care order (C2) since').count()).resolves.toBe(1)
    await app.screenshot('review-child-changed')
  })

  it('shows the dashboard with charts and the cycle progress', async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('link', { name: 'Head of Service dashboard' }).click()
    await page.getByRole('heading', { name: /Longest waits/ }).waitFor()
    await expect(page.locator('canvas').count()).resolves.toBe(2)
    await page.getByText(`4 of ${(await items()).length} reviewed`).waitFor()
    const firstWait = await page.getByRole('table', { name: 'Longest waits' }).locator('tbody tr').count()
    expect(firstWait).toBeGreaterThan(0)
    await app.screenshot('review-dashboard')
    // On A4 paper each chart stays inside its frame: the screen's drawing is scaled to the page, not cut or spilt over the next block.
    await page.setViewportSize({ width: 794, height: 1123 })
    await page.emulateMedia({ media: 'print' })
    const spill = await page.evaluate(() =>
      [...document.querySelectorAll('figure.chart')].map((f) => {
        const frame = f.getBoundingClientRect()
        const canvas = f.querySelector('canvas')!.getBoundingClientRect()
        return Math.max(0, Math.round(canvas.right - frame.right), Math.round(canvas.bottom - frame.bottom))
      })
    )
    const pdf = join(tempDir(), 'dashboard.pdf')
    await page.pdf({ path: pdf, format: 'A4' })
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(screenshotDir, 'review-dashboard-print')])
    // The overdue reviews print in full, as a table, most overdue first: the grid, which draws only the rows in its window, printed only its row count.
    const overdueOnPaper = page.getByRole('table', { name: 'Overdue oversight reviews' })
    const onPaper = await overdueOnPaper.evaluate((t) => ({
      shown: t.getBoundingClientRect().height > 0,
      rows: t.querySelectorAll('tbody tr').length,
      first: t.querySelector('tbody td:last-child')?.textContent
    }))
    const gridOnPaper = await page.locator('.review-dashboard .grid-window').isVisible()
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 1440, height: 900 })
    expect(spill).toEqual([0, 0])
    const overdueTile = page.locator('.tile', { hasText: 'oversight reviews overdue' }).locator('.tile-number')
    const mostOverdue = await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="daysOverdue"]').textContent()
    expect(onPaper).toEqual({ shown: true, rows: Number(await overdueTile.textContent()), first: mostOverdue })
    expect(gridOnPaper).toBe(false)
    await expect(overdueOnPaper.isVisible()).resolves.toBe(false)
    // Legal-status groups and orders in words: "Remand", not "REMAND"; "Full care order (C2)", not "C2".
    const tiles = await page.locator('.tile-label').allTextContents()
    expect(tiles.slice(0, 6)).toEqual(
      ['Full care order', 'Interim care order', 'Section 20', 'Placement order', 'Remand', 'Other'].map((g) => `${g}, no panel decision and no oversight`)
    )
    const overdue = await page.locator('.ag-row .ag-cell[col-id="ls"]').allTextContents()
    expect(overdue.length).toBeGreaterThan(0)
    for (const ls of overdue) expect(ls).toMatch(/^[A-Z][a-z].* \([A-Z]\d\)$/)
    // Each overdue child opens from its name, as on the longest-waits table.
    const firstName = page.locator('.ag-row[row-index="0"] .ag-cell[col-id="name"] a')
    const firstId = await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="childId"]').textContent()
    await expect(firstName.getAttribute('href')).resolves.toBe(`#/child/${firstId}`)
    await page.screenshot({ path: join(screenshotDir, 'review-dashboard-top.png') })
  })

  it('exports the cycle as a workbook', async () => {
    const { page } = app
    await goTo('#/review')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export (xlsx)' }).click()])
    expect(download.suggestedFilename()).toBe('head-of-service-review-2019-20-Q4.xlsx')
    const path = join(tempDir(), 'review.xlsx')
    await download.saveAs(path)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('Children')!
    expect(sheet.rowCount).toBe((await items()).length + 1)
    const outcomes = (sheet.getColumn(14).values as unknown[]).filter((v) => typeof v === 'string' && v !== 'Outcome')
    expect(outcomes.map(String).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual([
      'Other',
      'Plan confirmed with oversight',
      'Refer to Permanence Panel',
      'Refer to key decision-making meeting'
    ])
  })

  it('edits the cohort definitions on screen, each tick box named for its cohort, and audits it', async () => {
    const { page, ctx } = app
    await goTo('#/review')
    await page.getByText('Cohort definitions (each child in the first it meets)').click()
    const before = await getCohortDefinitions(ctx.db)
    const at = before.findIndex((d) => d.statuses.length < permanenceStatuses.length)
    const target = itemAt(before, at)
    const missing = permanenceStatuses.find((s) => !target.statuses.includes(s))!
    // One tick box per cohort and status: each says which cohort it is for.
    await expect(page.getByRole('checkbox', { name: statusLabels[missing], exact: true }).count()).resolves.toBe(0)
    await page.getByRole('checkbox', { name: `${target.cohort}: ${statusLabels[missing]}`, exact: true }).check()
    await page.getByRole('button', { name: 'Save definitions' }).click()
    await page.getByText('Definitions saved; cycles opened from now on use them.').waitFor()
    const after = await getCohortDefinitions(ctx.db)
    expect(after[at]?.statuses).toEqual([...target.statuses, missing])
    expect(after.filter((_, i) => i !== at)).toEqual(before.filter((_, i) => i !== at))
    expect(await ctx.db.prepare("SELECT who FROM audit_log WHERE action = 'review.cohort_definitions.set'").pluck().all()).toEqual(['e2e-tester'])
    await app.screenshot('review-cohort-definitions')
  })

  it('links each name in the cycle list to that child’s review', async () => {
    const { page } = app
    await goTo('#/review')
    const link = page.locator('.ag-row[row-index="0"] [col-id="name"] a')
    await link.waitFor()
    const name = await link.textContent()
    const id = Number((await link.getAttribute('href'))!.split('/').pop())
    expect((await items()).some((i) => i.id === id)).toBe(true)
    await link.click()
    await page.getByRole('heading', { name: 'Legal-status history' }).waitFor()
    expect(new URL(page.url()).hash).toBe(`#/review-item/${id}`)
    await expect(page.locator('main h1').textContent()).resolves.toContain(name!)
  })

  it('prints every child in the cycle list, in its order and headed on every page, where the grid printed only the rows in its window', async () => {
    const { page } = app
    await goTo('#/review')
    await page.getByRole('button', { name: /in the cycle/ }).click()
    const all = await items()
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(`${all.length} rows`)
    const grid = page.getByLabel('Children in the review cycle')
    const idAt = (row: number): Promise<string | null> => grid.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="childId"]`).first().textContent()
    const first = await idAt(0)
    expect(await grid.locator('.ag-pinned-left-cols-container .ag-row').count()).toBeLessThan(all.length)
    await grid.locator('.ag-grid-viewport').evaluate((viewport) => viewport.scrollTo(0, viewport.scrollHeight))
    await grid
      .locator(`.ag-row[row-index="${all.length - 1}"]`)
      .first()
      .waitFor()
    const last = await idAt(all.length - 1)

    const pdf = join(tempDir(), 'review-cycle.pdf')
    // On paper as Ctrl+P prints it (the media a test set last would stay for the PDF).
    await page.emulateMedia({ media: 'print' })
    await page.pdf({ path: pdf, format: 'A4' })
    await page.emulateMedia({ media: null })
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, join(screenshotDir, 'review-cycle-print')])
    const pages = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f')
    const text = pages.join('')
    // Each child once (the grid's window is not printed too), the screen's first row first and its last row last.
    for (const i of all) expect(text.split(i.child_id).length - 1, i.child_id).toBe(1)
    const printedOrder = all.map((i) => i.child_id).sort((a, b) => text.indexOf(a) - text.indexOf(b))
    expect([printedOrder[0], printedOrder.at(-1)]).toEqual([first, last])
    // The column headings on every page that lists children; the reader is told which children these are (the tiles do not print).
    for (const p of pages.filter((p) => all.some((i) => p.includes(i.child_id)))) expect(p).toMatch(/ID\s+Name\s+Cohort\s+Legal\s+status/)
    expect(text).toContain(`${all.length} of ${all.length} children: in the cycle.`)
    expect(text).not.toContain('Open a new cycle')
  })
})
