import { mapSeries } from '../../src/main/core/util/series'
import ExcelJS from 'exceljs'
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actionSummary } from '../../src/main/core/panel/actions'
import { suggestAgenda } from '../../src/main/core/panel/candidates'
import { trackerCounts, trackerRows } from '../../src/main/core/tracker/queries'
import type { TrackerCounts } from '../../src/shared/contract/tracker'
import type { Page } from 'playwright-core'
import { screenshotDir, startApp, type RunningApp } from '../helpers/browser'
import { tempDir } from '../helpers/tmp'
import { firstN, firstOf, itemAt } from '../helpers/defined'

const meetingDate = '2020-04-15'
const statusKey = { agreed: 'agreed', not_agreed: 'notAgreed', oversight: 'oversight', none: 'none' } as const

/** Dark-pixel share of a binary PPM (P6) page: blank pages have none, a page of text a few percent. */
function inkShare(ppm: Buffer): number {
  const header = ppm.toString('latin1', 0, 64).match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/)
  if (!header) throw new Error('not a P6 PPM')
  const [, w, h] = firstN(header.map(Number), 3)
  const pixels = ppm.subarray(header[0].length)
  let dark = 0
  for (let i = 0; i < w * h * 3; i += 3) if (itemAt(pixels, i) + itemAt(pixels, i + 1) + itemAt(pixels, i + 2) < 384) dark++
  return dark / (w * h)
}

/** Child IDs in agenda order, as the agenda list shows them. */
const agendaIds = (page: Page): Promise<string[]> =>
  page
    .locator('.agenda-list .agenda-meta')
    .allTextContents()
    .then((t) => t.map((x) => x.slice(-10)))

/** Pages in a PDF, from its page tree. */
const pdfPages = (pdf: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])

describe('a whole Permanence Panel meeting in Chromium', () => {
  let app: RunningApp
  let meetingId: number
  let children: { id: string; name: string }[]
  let countsBefore: TrackerCounts
  let statusBefore: Map<string, keyof typeof statusKey>

  beforeAll(async () => {
    // The demo's records run to 31/03/2020; the panel meets, and records its decisions, on its day.
    app = await startApp({ lookedAfter: 120, demoAsOf: '2020-03-31', today: meetingDate })
  })
  afterAll(async () => app?.close())

  it('creates a meeting, adds members and shows it is not quorate yet', async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('link', { name: 'Permanence Panel' }).click()
    await page.getByRole('table').waitFor()
    await app.screenshot('panel-meetings')
    const form = page.getByRole('form', { name: 'New meeting' })
    await form.getByLabel('Date').fill('15/04/2020')
    await form.getByLabel('Place').fill('Committee Room 2')
    await form.getByLabel('Chair').fill('Ada Chair')
    await form.getByRole('button', { name: 'Create meeting' }).click()
    await page.waitForSelector('h1:has-text("Panel meeting 15/04/2020")')
    meetingId = Number(new URL(page.url()).hash.split('/')[2])
    expect(meetingId).toBeGreaterThan(0)

    const addMember = page.getByRole('form', { name: 'Add member' })
    for (const [name, role] of [
      ['Fay Foster', 'fostering'],
      ['Sam Social', 'social work'],
      ['Ivy Indie', 'independent']
    ] as const) {
      await addMember.getByLabel('Name').fill(name)
      await addMember.getByLabel('Role').fill(role)
      await addMember.getByRole('button', { name: 'Add member' }).click()
      await page.getByRole('checkbox', { name: `Present: ${name}` }).waitFor()
    }
    await expect(page.getByTestId('quorum').textContent()).resolves.toBe(
      'Not quorate: 0 of 3 members present; the chair is not present; no fostering member present'
    )
  })

  it('accepts the top suggested children, with the reasons shown, keeping the focus in the list', async () => {
    const { page, ctx } = app
    const list = page.getByRole('list', { name: 'Suggested children' })
    await list.waitFor()
    const expected = await suggestAgenda(ctx.db, meetingDate, 12)
    expect(expected.length).toBeGreaterThanOrEqual(4)
    for (const reason of firstOf(expected).reasons) await expect(list.getByText(reason.text).count()).resolves.toBeGreaterThan(0)
    children = expected.slice(0, 3).map((s) => ({ id: s.childId, name: s.name }))
    countsBefore = await trackerCounts(ctx.db, meetingDate)
    statusBefore = new Map(await mapSeries(children, async (c) => [c.id, firstOf(await trackerRows(ctx.db, meetingDate, { childId: c.id })).status]))
    await app.screenshot('panel-suggestions')
    for (const [i, c] of children.entries()) {
      // A screen reader hears whom the button adds: the name as well as the ID.
      await page.getByRole('button', { name: `Add ${c.name} (${c.id}) to the agenda`, exact: true }).click()
      await expect.poll(() => agendaIds(page)).toHaveLength(i + 1)
      // The focus moves on to the next suggestion, not back to the top of the page.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe(`Add ${itemAt(expected, i + 1).name} (${itemAt(expected, i + 1).childId}) to the agenda`)
    }
    expect(await agendaIds(page)).toEqual(children.map((c) => c.id))
    const names = await page.locator('.agenda-list .agenda-name').allTextContents()
    expect(names.map((t) => t.split(' ')[0])).toEqual(['1.', '2.', '3.'])
  })

  it('marks attendance and becomes quorate', async () => {
    const { page } = app
    for (const name of ['Ada Chair', 'Fay Foster', 'Sam Social']) {
      const box = page.getByRole('checkbox', { name: `Present: ${name}` })
      await box.click()
      await expect.poll(() => box.isChecked()).toBe(true)
    }
    await expect.poll(() => page.getByTestId('quorum').textContent()).toBe('Quorate: 3 present')
    // A meeting can carry a stricter rule than the council's.
    await page.getByRole('button', { name: 'Change quorum rule for this meeting' }).click()
    const rule = page.getByRole('form', { name: 'Quorum rule' })
    await rule.getByLabel('Roles that must be present').fill('fostering, medical adviser')
    await rule.getByRole('button', { name: 'Save rule' }).click()
    await expect.poll(() => page.getByTestId('quorum').textContent()).toBe('Not quorate: no medical adviser member present')
    await page.getByRole('button', { name: 'Change quorum rule for this meeting' }).click()
    await rule.getByLabel('Roles that must be present').fill('fostering')
    await rule.getByRole('button', { name: 'Save rule' }).click()
    await expect.poll(() => page.getByTestId('quorum').textContent()).toBe('Quorate: 3 present')
  })

  it('time-slots and reorders the agenda and names the presenting social worker', async () => {
    const { page, ctx } = app
    const pane = page.locator('.item-pane')
    await expect(pane.getByRole('heading', { level: 2 }).textContent()).resolves.toContain(firstOf(children).name)
    await pane.getByLabel('Time').fill('10:20')
    await pane.getByLabel('Presenting social worker').fill('Sam Social')
    await pane.getByLabel('Presenting social worker').press('Tab')
    await expect
      .poll(async () => await ctx.db.prepare('SELECT slot_time, social_worker FROM agenda_item WHERE meeting_id = ? AND position = 1').get(meetingId))
      .toEqual({ slot_time: '10:20', social_worker: 'Sam Social' })
    await page
      .getByRole('list', { name: 'Agenda' })
      .getByRole('button', { name: new RegExp(`^3\\. ${itemAt(children, 2).name}`) })
      .click()
    await page.getByRole('button', { name: `Move ${itemAt(children, 2).name} up` }).click()
    await expect.poll(() => agendaIds(page)).toEqual([firstOf(children).id, itemAt(children, 2).id, itemAt(children, 1).id])
    await page.getByRole('button', { name: `Move ${itemAt(children, 2).name} down` }).click()
    await expect.poll(() => agendaIds(page)).toEqual(children.map((c) => c.id))
    await page
      .getByRole('list', { name: 'Agenda' })
      .getByRole('button', { name: new RegExp(`^1\\. ${firstOf(children).name}`) })
      .click()
  })

  it('attaches a paper with the one Attach paper control, copied with its hash', async () => {
    const { page, ctx } = app
    const content = Buffer.from('%PDF-1.4\n% fictional child permanence report\n')
    const pane = page.locator('.item-pane')
    await expect(pane.locator('input[type=file]').count()).resolves.toBe(1)
    await pane.getByLabel('Paper', { exact: true }).selectOption('Child permanence report')
    await pane.getByLabel(`Attach paper for ${firstOf(children).name}`).setInputFiles({ name: 'CPR.pdf', mimeType: 'application/pdf', buffer: content })
    await page.getByRole('button', { name: /^CPR\.pdf/ }).waitFor()
    const papers = JSON.parse(
      (await ctx.db.prepare('SELECT papers FROM agenda_item WHERE meeting_id = ? AND child_id = ?').pluck().get(meetingId, firstOf(children).id)) as string
    )
    expect(papers[0]).toMatchObject({ kind: 'Child permanence report', received: true, file: { name: 'CPR.pdf', size: content.length } })
    expect(readdirSync(join(ctx.dataDir, 'papers'))).toEqual([`${papers[0].file.sha256}.pdf`])
    await app.screenshot('panel-workspace')
  })

  it('records three different outcomes with actions from the keyboard, moving on to the next child each time', async () => {
    const { page } = app
    const outcomes = [
      { key: '1', reasons: 'Carers meet the child’s needs into adulthood.', action: 'Send decision letter to carers', due: '20/03/2020' },
      { key: '2', reasons: 'Long-term capacity not yet evidenced.', action: 'Review the care plan', due: '20/05/2020' },
      { key: '3', reasons: 'Carer assessment not received.', action: 'Provide the carer assessment', due: '01/05/2020', returnDate: '10/06/2020' }
    ]
    for (const [i, o] of outcomes.entries()) {
      const form = page.getByRole('form', { name: `Decision for ${itemAt(children, i).name}` })
      await form.waitFor()
      // Selecting a child puts the focus on the decision's outcome; saving the one before, on the next child's decision heading, one Tab from it.
      if (i === 0)
        await page
          .getByRole('list', { name: 'Agenda' })
          .getByRole('button', { name: new RegExp(`^1\\. ${firstOf(children).name}`) })
          .click()
      else {
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('meeting-decision-heading')
        await page.keyboard.press('Tab')
      }
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('outcome')
      await page.keyboard.press(o.key)
      if (o.returnDate) await form.getByLabel('Return to panel by').fill(o.returnDate)
      await form.getByLabel('Reasons', { exact: true }).fill(o.reasons)
      if (i === 0) await form.getByLabel('Support and training for the carers').fill('Therapeutic parenting training')
      if (i === 1) await form.getByLabel('Dissent').fill('One member would have deferred')
      await form.getByRole('button', { name: 'Add action' }).click()
      await form.getByLabel('Action', { exact: true }).fill(o.action)
      await form.getByLabel('Owner').fill('Sam Social')
      await form.getByLabel('Due').fill(o.due)
      await page.keyboard.press('Control+Enter')
      await form.waitFor({ state: 'detached' })
    }
    await expect(page.locator('.agenda-list .agenda-outcome').allTextContents()).resolves.toEqual(['Agreed', 'Not agreed', 'Deferred'])
    // After the last save the focus is on sign-off, the next step.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Sign off minutes')
    await expect(page.getByTestId('decision').textContent()).resolves.toContain('Deferred · returns by 10/06/2020')
    await page
      .getByRole('list', { name: 'Agenda' })
      .getByRole('button', { name: new RegExp(`^1\\. ${firstOf(children).name}`) })
      .click()
    await expect(page.getByText('Send decision letter to carers — Sam Social, due 20/03/2020 (overdue)').count()).resolves.toBe(1)
    await app.screenshot('panel-decisions')
  })

  it('signs off, refuses to edit a signed decision, and audits an amendment', async () => {
    const { page, ctx } = app
    await page.getByRole('button', { name: 'Sign off minutes' }).click()
    await page.getByRole('button', { name: 'Confirm sign-off' }).click()
    await page.waitForSelector('h1:has-text("Signed off")')
    // Sign-off replaced the button that had the focus: the focus is on the meeting's heading, not lost.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('meeting-title')
    await expect(page.getByRole('button', { name: 'Undo last save' }).count()).resolves.toBe(0)
    await expect(page.getByRole('button', { name: 'Change decision' }).count()).resolves.toBe(0)

    const itemId = (await ctx.db
      .prepare('SELECT id FROM agenda_item WHERE meeting_id = ? AND child_id = ?')
      .pluck()
      .get(meetingId, itemAt(children, 1).id)) as number
    const refused = await page.evaluate(async (id) => {
      const response = await fetch('/api/recordDecision', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ itemId: id, outcome: 'agreed', reasons: 'rewritten' })
      })
      return (await response.json()) as { ok: boolean; error: { code: string; message: string } }
    }, itemId)
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } })
    expect(refused.error.message).toMatch(/signed off .* locked\. Record an amendment/)

    await page
      .getByRole('list', { name: 'Agenda' })
      .getByRole('button', { name: new RegExp(`^2\\. ${itemAt(children, 1).name}`) })
      .click()
    const item = page.locator('.item-pane')
    await item.getByRole('button', { name: 'Amend decision' }).click()
    const form = page.getByRole('form', { name: `Amend decision for ${itemAt(children, 1).name}` })
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('meeting-decision-heading')
    await page.keyboard.press('Tab')
    await page.keyboard.press('1')
    await form.getByLabel('Reasons', { exact: true }).fill('Panel agreed; the minutes recorded it wrongly.')
    await form.getByLabel('Reason for the amendment').fill('Outcome minuted wrongly')
    await form.getByRole('button', { name: /Save amendment/ }).click()
    await form.waitFor({ state: 'detached' })
    await expect(item.getByText(/^Amended by e2e-tester on .*: Outcome minuted wrongly$/).count()).resolves.toBe(1)
    await expect(item.getByText('Superseded: Not agreed — Long-term capacity not yet evidenced.').count()).resolves.toBe(1)

    await item.getByText('History').click()
    const history = item.getByRole('list', { name: `History of ${itemAt(children, 1).name}` })
    await expect(history.locator(':scope > li').last().textContent()).resolves.toMatch(
      /e2e-tester · Signed decision amended.*outcome: Not agreed → Agreed.*reason for amendment: Outcome minuted wrongly/
    )
    const rows = await ctx.db.prepare('SELECT id, outcome, superseded, amends_id, locked FROM decision WHERE agenda_item_id = ? ORDER BY id').all(itemId)
    expect(rows).toMatchObject([
      { outcome: 'not_agreed', superseded: 1, amends_id: null, locked: 1 },
      { outcome: 'agreed', superseded: 0, locked: 1 }
    ])
    const audit = (await ctx.db.prepare("SELECT who, before, after FROM audit_log WHERE action = 'panel.decision.amend'").all()) as {
      who: string
      before: string
      after: string
    }[]
    expect(audit).toHaveLength(1)
    expect(audit[0]?.who).toBe('e2e-tester')
    expect(JSON.parse(firstOf(audit).before)).toMatchObject({ outcome: 'not_agreed', superseded: 0 })
    expect(JSON.parse(firstOf(audit).after)).toMatchObject({ outcome: 'agreed', amendment_reason: 'Outcome minuted wrongly' })
    await app.screenshot('panel-signed')
  })

  it('moves the tracker counts: two agreed, the deferral leaves its child where it was', async () => {
    const expected: TrackerCounts = structuredClone(countsBefore)
    const after = ['agreed', 'agreed', statusBefore.get(itemAt(children, 2).id)!] as const
    children.forEach((c, i) => {
      expected.permanence[statusKey[statusBefore.get(c.id)!]]--
      expected.permanence[statusKey[itemAt(after, i)]]++
    })
    const actual = await trackerCounts(app.ctx.db, meetingDate)
    expect(actual.permanence).toEqual(expected.permanence)
    expect(actual.permanence.agreed).toBe(countsBefore.permanence.agreed + 2)
  })

  it('prints the minutes to PDF, with every page rendered and checked', async () => {
    const { page } = app
    await page.goto(`${app.bridge.url}/#/panel-print/minutes/${meetingId}`)
    const doc = page.getByTestId('print-doc')
    await doc.waitFor()
    await expect(doc.textContent()).resolves.toContain('signed off')
    await page.emulateMedia({ media: 'print' })
    const dir = tempDir()
    const pdf = join(dir, 'minutes.pdf')
    await page.pdf({ path: pdf, format: 'A4', printBackground: true })
    await page.emulateMedia({ media: 'screen' })

    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(screenshotDir, 'panel-minutes-page')])
    execFileSync('pdftoppm', ['-r', '40', pdf, join(dir, 'page')])
    const pages = readdirSync(dir)
      .filter((f) => f.endsWith('.ppm'))
      .sort()
    // Three children's decisions and the actions fit on two A4 pages, none of them blank.
    expect(pdfPages(pdf)).toBe(pages.length)
    expect(pages.length).toBeLessThanOrEqual(2)
    for (const p of pages) {
      const ink = inkShare(readFileSync(join(dir, p)))
      expect(ink).toBeGreaterThan(0.005)
      expect(ink).toBeLessThan(0.3)
    }
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('Permanence Panel — minutes')
    for (const c of children) expect(text).toContain(c.id)
    expect(text).toContain('Present: Ada Chair (chair), Fay Foster (fostering), Sam Social (social work)')
    expect(text).toContain('Returns to panel by 10/06/2020.')
    expect(text).toContain('10:20 · Presenting social worker: Sam Social')
    expect(text).toMatch(/Amended by e2e-tester/)
    // The app's chrome is not printed.
    expect(text).not.toContain('Print or save as PDF')
    expect(text).not.toContain('Head of Service review')
  })

  it('writes a decision letter and exports the decisions to xlsx', async () => {
    const { page } = app
    await page.goto(`${app.bridge.url}/#/panel-print/letter/${meetingId}/${firstOf(children).id}`)
    await page.getByTestId('print-doc').waitFor()
    await expect(page.getByTestId('print-doc').textContent()).resolves.toContain(`Permanence Panel decision for ${firstOf(children).name}`)
    await expect(page.getByTestId('print-doc').textContent()).resolves.toContain(`please contact Sam Social, ${firstOf(children).name}'s social worker.`)
    await app.screenshot('panel-letter')
    // Arriving from another page puts the focus where the page starts, its Back and Print (for screen readers);
    // that is no control, so no focus ring, on screen or on paper.
    await page.evaluate(`window.location.hash = '#/panel-print/minutes/${meetingId}'`)
    await page.getByText('Permanence Panel — minutes').waitFor()
    await page.evaluate(`window.location.hash = '#/panel-print/letter/${meetingId}/${firstOf(children).id}'`)
    await page.getByRole('heading', { name: `Permanence Panel decision for ${firstOf(children).name}` }).waitFor()
    const focusRing = (): Promise<string> =>
      page.evaluate(() => `${document.activeElement?.tagName} outline ${getComputedStyle(document.activeElement ?? document.body).outlineStyle}`)
    await expect.poll(focusRing).toBe('DIV outline none')
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toMatch(/: back or print$/)
    // A one-child letter is one printed page: no blank second page after it.
    await page.emulateMedia({ media: 'print' })
    // On paper Back and Print are not drawn, and no focus ring is.
    await expect(focusRing()).resolves.toMatch(/ outline none$/)
    const pdf = join(tempDir(), 'letter.pdf')
    await page.pdf({ path: pdf, format: 'A4', printBackground: true })
    await page.emulateMedia({ media: 'screen' })
    expect(pdfPages(pdf)).toBe(1)
    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(screenshotDir, 'panel-letter-page')])
    expect(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })).toContain('Yours sincerely')

    await page.goto(`${app.bridge.url}/#/panel/${meetingId}`)
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download decisions (xlsx)' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe(`panel-decisions-${meetingDate}.xlsx`)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile((await file.path())!)
    const sheet = book.getWorksheet('Decisions')!
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(4).value)).toEqual(['Agreed', 'Agreed', 'Deferred'])
  })

  it('edits the letter template visually: formatting and a placeholder chip, saved sanitised, printed filled in', async () => {
    const { page, ctx } = app
    await page.goto(`${app.bridge.url}/#/panel-templates`)
    const editor = page.getByRole('textbox', { name: 'Decision letter template' })
    await editor.getByText('Yours sincerely').waitFor()
    await expect(page.locator('textarea').count()).resolves.toBe(0)
    await expect(editor.locator('[data-placeholder="child_name"]').first().textContent()).resolves.toBe("The child's name")
    // Type a new closing line at the end, make it bold, and add the child's ID as a placeholder.
    await editor.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Reference')
    await page.keyboard.press('Shift+Home')
    await page.getByRole('button', { name: 'Bold' }).click()
    await page.keyboard.press('End')
    await page.keyboard.type(': ')
    await page.getByLabel('Placeholder').selectOption('child_id')
    await page.getByRole('button', { name: 'Insert placeholder' }).click()
    await app.screenshot('panel-template-editor')
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByText(/^Saved\./).waitFor()
    const stored = (await ctx.db.prepare("SELECT value FROM setting WHERE key = 'panel.template.letter'").pluck().get()) as string
    // The browser keeps a typed trailing space as a no-break space.
    expect(stored).toMatch(/<p><(b|strong)>Reference:(\s|\u00a0|&nbsp;)\{\{child_id\}\}<\/(b|strong)><\/p>$/)
    expect(stored).not.toMatch(/contenteditable|data-placeholder|style=/)

    await page.goto(`${app.bridge.url}/#/panel-print/letter/${meetingId}/${firstOf(children).id}`)
    await expect(page.getByTestId('print-doc').textContent()).resolves.toMatch(new RegExp(`Reference:\\s${firstOf(children).id}`))
  })

  it('tracks the actions across meetings and reminds on the home screen', async () => {
    const { page, ctx } = app
    const summary = await actionSummary(ctx, 14)
    expect(summary.overdue).toBeGreaterThan(0)
    await page.goto(`${app.bridge.url}/#/`)
    const reminders = page.getByRole('region', { name: 'Panel action reminders' })
    await expect(reminders.textContent()).resolves.toContain(`${summary.overdue} overdue, ${summary.dueSoon} due in the next two weeks`)
    await app.screenshot('home-reminders')
    await reminders.getByRole('link').click()
    await page.getByRole('table', { name: 'Actions' }).waitFor()
    await page.getByLabel('Owner').selectOption('Sam Social')
    await expect.poll(() => page.getByRole('table', { name: 'Actions' }).locator('tbody tr').count()).toBe(1)
    await page.getByRole('checkbox', { name: 'Done: Send decision letter to carers' }).click()
    await expect.poll(async () => (await actionSummary(ctx, 14)).overdue).toBe(summary.overdue - 1)
    await app.screenshot('panel-actions')
  })
})
