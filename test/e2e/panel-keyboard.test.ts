import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { suggestAgenda } from '../../src/main/core/panel/candidates'
import { recordDecision } from '../../src/main/core/panel/decisions'
import { addAgendaItem, createMeeting, setAttendance } from '../../src/main/core/panel/meetings'
import type { MeetingDetail } from '../../src/shared/api'
import { startApp, type RunningApp } from '../helpers/browser'
import { itemAt } from '../helpers/defined'

/** What has the focus, in the terms a test can check. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null
    return {
      id: el?.id ?? '',
      name: el?.getAttribute('name') ?? '',
      label: el?.getAttribute('aria-label') ?? '',
      text: el?.textContent?.trim() ?? '',
      tag: el?.tagName ?? '',
      checked: !!el?.checked
    }
  })

/** Presses Tab until `wanted` holds for the focused element; the number of presses it took. */
async function tabTo(page: Page, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean, limit = 80): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab')
    if (wanted(await focused(page))) return presses
  }
  throw new Error(`not reached in ${limit} Tab presses; focus is on ${JSON.stringify(await focused(page))}`)
}

describe('a chair records a decision with the keyboard alone', () => {
  let app: RunningApp
  let child: { id: string; name: string }

  beforeAll(async () => {
    app = await startApp({ lookedAfter: 60 })
  })
  afterAll(async () => app?.close())

  it('creates a meeting from the keyboard', async () => {
    const { page } = app
    await tabTo(page, (f) => f.tag === 'A' && f.text === 'Permanence Panel')
    await page.keyboard.press('Enter')
    await page.getByRole('form', { name: 'New meeting' }).waitFor()
    // The date field starts on today (31/03/2020 here); the chair's name is typed.
    await tabTo(page, (f) => f.name === 'chair')
    await page.keyboard.type('Ada Chair')
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Panel meeting 31/03/2020")')
  })

  it('adds a child found by search, without the mouse, and keeps the focus in the search', async () => {
    const { page, ctx } = app
    child = (await ctx.db.prepare("SELECT child_id AS id, given_name || ' ' || family_name AS name FROM child ORDER BY child_id DESC LIMIT 1").get()) as {
      id: string
      name: string
    }
    await tabTo(page, (f) => f.id === 'agenda-search')
    await page.keyboard.type(itemAt(child.name.split(' '), 1).slice(0, 5))
    const option = page.getByRole('option', { name: new RegExp(child.id) })
    await option.waitFor()
    // Arrow down to the child wanted, whichever row the name put it on.
    const options = await page.getByRole('option').allTextContents()
    const index = options.findIndex((t) => t.includes(child.id))
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown')
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true')
    await page.keyboard.press('Enter')
    await page
      .getByRole('list', { name: 'Agenda' })
      .getByRole('button', { name: new RegExp(child.name) })
      .waitFor()
    expect((await focused(page)).id).toBe('agenda-search')
    await expect(page.getByRole('status').filter({ hasText: 'added to the agenda' }).textContent()).resolves.toBe(
      `${child.name} (${child.id}) added to the agenda.`
    )
    await app.screenshot('panel-keyboard-added')
  })

  it('reaches the first outcome from the top of the meeting in four key presses, by the skip link', async () => {
    const { page } = app
    await page.reload()
    await page.locator('#meeting-title').focus()
    const presses = await tabTo(page, (f) => f.text.startsWith('Skip to the decision for'))
    await page.keyboard.press('Enter')
    expect((await focused(page)).id).toBe('meeting-decision-heading')
    await page.keyboard.press('Tab')
    expect((await focused(page)).name).toBe('outcome')
    expect(presses + 2).toBeLessThanOrEqual(4)
  })

  it('reaches the outcome in one key press from the agenda, and a typed date never changes it (regression)', async () => {
    const { page, ctx } = app
    await page.keyboard.down('Shift')
    await tabTo(page, (f) => f.id.startsWith('agenda-entry-'))
    await page.keyboard.up('Shift')
    await page.keyboard.press('Enter')
    expect(await focused(page)).toMatchObject({ name: 'outcome', text: '' })
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('agreed')

    // The sequence from the meeting that saved a deferral as "Not agreed": 3, then the date's digits.
    await page.keyboard.press('3')
    await page.keyboard.type('10/06/2020')
    const form = page.getByRole('form', { name: `Decision for ${child.name}` })
    await expect(form.getByRole('radio', { name: '3. Deferred' }).isChecked()).resolves.toBe(true)
    await expect(form.getByLabel('Return to panel by').inputValue()).resolves.toBe('10/06/2020')
    await form.getByRole('button', { name: /^Save: Deferred/ }).waitFor()

    await tabTo(page, (f) => f.tag === 'TEXTAREA')
    await page.keyboard.type('Carer assessment not received.')
    await tabTo(page, (f) => f.text === 'Add action')
    await page.keyboard.press('Enter')
    // The new action row has the focus on its description: no Shift+Tab back to it.
    expect(await focused(page)).toMatchObject({ tag: 'INPUT' })
    await page.keyboard.type('Provide the carer assessment')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Sam Social')
    await app.screenshot('panel-keyboard-form')
    await page.keyboard.press('Control+Enter')
    await form.waitFor({ state: 'detached' })

    const saved = await ctx.db.prepare('SELECT outcome, return_date, reasons FROM decision WHERE child_id = ? AND meeting_id IS NOT NULL').all(child.id)
    expect(saved).toEqual([{ outcome: 'deferred', return_date: '2020-06-10', reasons: 'Carer assessment not received.' }])
    expect(await ctx.db.prepare("SELECT description, owner FROM action WHERE child_id = ? AND created_by = 'e2e-tester'").all(child.id)).toEqual([
      { description: 'Provide the carer assessment', owner: 'Sam Social' }
    ])
    // The last child decided: the focus waits on sign-off, the next step.
    expect((await focused(page)).text).toBe('Sign off minutes')
    await app.screenshot('panel-keyboard-saved')
  })

  it('undoes the last save from the keyboard, and records it again', async () => {
    const { page, ctx } = app
    await page.getByText(`Last saved: Deferred for ${child.name}`).waitFor()
    await page.keyboard.down('Shift')
    await tabTo(page, (f) => f.text === 'Undo last save')
    await page.keyboard.up('Shift')
    await page.keyboard.press('Enter')
    await page.getByRole('form', { name: `Decision for ${child.name}` }).waitFor()
    expect((await focused(page)).id).toBe('meeting-decision-heading')
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM decision WHERE child_id = ? AND meeting_id IS NOT NULL').pluck().get(child.id)).toBe(0)
    expect(await ctx.db.prepare("SELECT who FROM audit_log WHERE action = 'panel.decision.undo'").pluck().all()).toEqual(['e2e-tester'])

    await page.keyboard.press('Tab')
    await page.keyboard.press('1')
    await page.keyboard.type('Carers meet the child’s needs into adulthood.')
    await page.keyboard.press('Control+Enter')
    await expect
      .poll(async () => await ctx.db.prepare('SELECT outcome FROM decision WHERE child_id = ? AND meeting_id IS NOT NULL').pluck().all(child.id))
      .toEqual(['agreed'])
    await app.screenshot('panel-keyboard-undone')
  })
})

describe("the meeting page's Tab route: each part of the meeting a few presses from the page's start", () => {
  const today = '2020-03-31'
  let app: RunningApp
  let meeting: MeetingDetail

  /** Back to where a new page puts the focus: its heading. */
  const pageStart = async (page: Page): Promise<void> => {
    await page.locator('#meeting-title').focus()
  }

  beforeAll(async () => {
    app = await startApp({ lookedAfter: 60 })
    const { ctx } = app
    // Quorate, four children on the agenda and more suggested: the route passes the whole agenda and the suggestions.
    const created = await createMeeting(ctx, {
      date: today,
      chair: 'Ada Chair',
      members: [
        { name: 'Fay Foster', role: 'fostering' },
        { name: 'Sam Social', role: 'social work' }
      ]
    })
    for (const m of created.members) await setAttendance(ctx, m.id, true)
    meeting = created
    for (const s of (await suggestAgenda(ctx.db, today, 4)).slice(0, 4))
      meeting = await addAgendaItem(ctx, { meetingId: created.id, childId: s.childId, reason: s.reasons[0]?.text ?? null })
    await app.page.evaluate(`window.location.hash = '#/panel/${meeting.id}'`)
    await app.page.waitForFunction(() => document.activeElement?.id === 'meeting-title')
  })
  afterAll(async () => app?.close())

  it("reaches the first child's outcome in at most 20 Tab presses: the agenda and the suggestions are one Tab stop each", async () => {
    const { page } = app
    await expect(page.getByRole('list', { name: 'Suggested children' }).getByRole('button').count()).resolves.toBeGreaterThanOrEqual(6)
    await pageStart(page)
    const presses = await tabTo(page, (f) => f.name === 'outcome')
    // 43 before, when every child on the agenda and every suggestion (its Add and its page) was a stop of its own.
    expect(presses).toBeLessThanOrEqual(20)
    await app.screenshot('panel-keyboard-tab-route')
  })

  it('skips to the agenda, moves in it with the arrow keys, and Enter opens a child with the focus on its outcome', async () => {
    const { page } = app
    const agenda = meeting.agenda
    await pageStart(page)
    expect(await tabTo(page, (f) => f.text === 'Skip to the agenda')).toBeLessThanOrEqual(2)
    await page.keyboard.press('Enter')
    // The agenda starts on the child open beside it.
    expect((await focused(page)).id).toBe(`agenda-entry-${itemAt(agenda, 0).id}`)
    await page.keyboard.press('End')
    expect((await focused(page)).id).toBe(`agenda-entry-${itemAt(agenda, 3).id}`)
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect((await focused(page)).id).toBe(`agenda-entry-${itemAt(agenda, 2).id}`)
    await page.keyboard.press('Enter')
    expect(await focused(page)).toMatchObject({ name: 'outcome', id: 'meeting-decision-first-field' })
    await page.getByRole('form', { name: `Decision for ${itemAt(agenda, 2).childName}` }).waitFor()
    await app.screenshot('panel-keyboard-agenda-enter')

    // One Tab from the agenda (from the child now open) to the search, one more to the suggestions, one more past them.
    await page.keyboard.down('Shift')
    await tabTo(page, (f) => f.id.startsWith('agenda-entry-'))
    await page.keyboard.up('Shift')
    expect((await focused(page)).id).toBe(`agenda-entry-${itemAt(agenda, 2).id}`)
    await page.keyboard.press('Tab')
    expect((await focused(page)).id).toBe('agenda-search')
    await page.keyboard.press('Tab')
    expect((await focused(page)).label).toMatch(/^Add .* to the agenda$/)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowRight')
    expect((await focused(page)).tag).toBe('A')
    await page.keyboard.press('Tab')
    expect((await focused(page)).text).toBe(itemAt(agenda, 2).childName)
  })

  it('skips to sign-off: its heading while children are undecided, the button once all are', async () => {
    const { page, ctx } = app
    await pageStart(page)
    expect(await tabTo(page, (f) => f.text === 'Skip to sign-off')).toBeLessThanOrEqual(3)
    await page.keyboard.press('Enter')
    expect((await focused(page)).id).toBe('sign-off-heading')

    for (const item of meeting.agenda) await recordDecision(ctx, { itemId: item.id, outcome: 'agreed', reasons: 'Carers meet the child’s needs.' })
    await page.reload()
    await page.getByRole('button', { name: 'Sign off minutes' }).waitFor()
    await pageStart(page)
    const presses = await tabTo(page, (f) => f.text === 'Sign off minutes')
    // 53 before; the decided child’s carers and support form is on the way.
    expect(presses).toBeLessThanOrEqual(30)
    await pageStart(page)
    expect(await tabTo(page, (f) => f.text === 'Skip to sign-off')).toBeLessThanOrEqual(3)
    await page.keyboard.press('Enter')
    expect((await focused(page)).text).toBe('Sign off minutes')
  })
})
