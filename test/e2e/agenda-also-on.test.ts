import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAgendaItem, createMeeting } from '../../src/main/core/panel/meetings'
import { trackerRows } from '../../src/main/core/tracker/queries'
import { startApp, type RunningApp } from '../helpers/browser'
import { firstN } from '../helpers/defined'

describe('a child on the agenda of two meetings not yet signed off', () => {
  let app: RunningApp
  const today = '2020-03-31'
  beforeAll(async () => {
    app = await startApp({ today, lookedAfter: 40 })
  })
  afterAll(async () => app?.close())

  it('is flagged on the agenda, on screen and on paper, and beside Save, and their decision can still be recorded', async () => {
    const { page, ctx } = app
    const [first, twice] = firstN(await trackerRows(ctx.db, today), 2)
    const meeting = await createMeeting(ctx, { date: today, startTime: '10:00', place: 'Committee Room 2', chair: 'Ada Chair' })
    const later = await createMeeting(ctx, { date: '2020-05-20', chair: 'Ada Chair' })
    await addAgendaItem(ctx, { meetingId: meeting.id, childId: first.childId })
    await addAgendaItem(ctx, { meetingId: meeting.id, childId: twice.childId })
    await addAgendaItem(ctx, { meetingId: later.id, childId: twice.childId, confirm: true })
    const alsoOn = 'Also on the agenda of the meeting on 20/05/2020, not yet signed off'

    await page.goto(`${app.bridge.url}/#/panel/${meeting.id}`)
    const entry = page.locator('.agenda-list li').filter({ hasText: twice.childId })
    await expect(entry.getByTestId('agenda-also-on').textContent()).resolves.toBe(alsoOn)
    await expect(page.locator('.agenda-list li').filter({ hasText: first.childId }).getByTestId('agenda-also-on').count()).resolves.toBe(0)

    await entry.getByRole('button').click()
    const form = page.getByRole('form', { name: /^Decision for / })
    const warning = form.getByTestId('decision-also-on-agenda')
    await expect(warning.textContent()).resolves.toContain('is also on the agenda of the meeting on 20/05/2020, not yet signed off')
    await expect(warning.getByRole('link', { name: 'Open the meeting on 20/05/2020' }).getAttribute('href')).resolves.toBe(`#/panel/${later.id}`)
    await warning.scrollIntoViewIfNeeded()
    await app.screenshot('panel-agenda-also-on')

    // On paper the agenda's entries print (they are buttons on screen, and print hides buttons), flag and all.
    await page.emulateMedia({ media: 'print' })
    const printed = await entry.evaluate((li) => ({ shown: li.querySelector('button')!.getClientRects().length > 0, text: (li as HTMLElement).innerText }))
    const warningPrinted = await warning.isVisible()
    await page.emulateMedia({ media: 'screen' })
    expect(printed).toMatchObject({ shown: true, text: expect.stringContaining(alsoOn) })
    expect(warningPrinted).toBe(true)

    // A warning, not a refusal.
    await form.getByRole('radio', { name: '1. Agreed' }).check()
    await form.getByLabel('Reasons').fill('Settled with the carers; the later meeting will take them off its agenda.')
    await form.getByRole('button', { name: /^Save: Agreed/ }).click()
    await expect.poll(() => entry.locator('.agenda-outcome').textContent()).toBe('Agreed')
  })
})
