import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAgendaItem, createMeeting } from '../../src/main/core/panel/meetings'
import { trackerRows } from '../../src/main/core/tracker/queries'
import { startApp, type RunningApp } from '../helpers/browser'

describe('minutes on paper', () => {
  let app: RunningApp
  const today = '2020-03-31'
  beforeAll(async () => {
    app = await startApp({ today, lookedAfter: 40 })
  })
  afterAll(async () => app?.close())

  it('keep the status and signature line on the page with what comes before it, never alone on a last page', async () => {
    const { page, ctx } = app
    const meeting = await createMeeting(ctx, { date: today, startTime: '10:00', place: 'Committee Room 2', chair: 'Ada Chair (Head of Service)' })
    for (const row of (await trackerRows(ctx.db, today)).slice(0, 3)) await addAgendaItem(ctx, { meetingId: meeting.id, childId: row.childId })
    await page.goto(`${app.bridge.url}/#/panel-print/minutes/${meeting.id}`)
    const signature = page.getByTestId('print-doc').locator('.signature')
    await signature.getByText('Signed by:').waitFor()
    await page.emulateMedia({ media: 'print' })
    // A page break may not fall just before it: the actions (or the last decision) go over with it.
    const kept = await signature.evaluate((p) => getComputedStyle(p).breakBefore)
    await page.emulateMedia({ media: 'screen' })
    expect(kept).toBe('avoid')
  })
})
