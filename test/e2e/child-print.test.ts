import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordDecision } from '../../src/main/core/panel/decisions'
import { addAgendaItem, createMeeting } from '../../src/main/core/panel/meetings'
import { trackerRows } from '../../src/main/core/tracker/queries'
import { firstOf } from '../helpers/defined'
import { startApp, type RunningApp } from '../helpers/browser'

describe("a child's page on paper", () => {
  let app: RunningApp
  const today = '2020-03-31'
  beforeAll(async () => {
    app = await startApp({ today, lookedAfter: 40 })
  })
  afterAll(async () => app?.close())

  it('keeps every column of the permanence events on an A4 page, whatever the length of a name', async () => {
    const { page, ctx } = app
    const child = firstOf(await trackerRows(ctx.db, today)).childId
    const meeting = await createMeeting(ctx, { date: today, chair: 'Wilhelmina Featherstonehaugh-Cholmondeley (Head of Service)' })
    const withChild = await addAgendaItem(ctx, { meetingId: meeting.id, childId: child })
    await recordDecision(ctx, {
      itemId: firstOf(withChild.agenda).id,
      outcome: 'deferred',
      returnDate: '2020-05-31',
      reasons: 'Need the updated carer assessment.'
    })

    await page.evaluate(`window.location.hash = '#/child/${child}'`)
    const events = page.getByTestId('events')
    await events.getByText('Need the updated carer assessment.').waitFor()
    // A4 less the 12 mm margins of the print style: the width the page is laid out in.
    await page.setViewportSize({ width: 700, height: 1000 })
    await page.emulateMedia({ media: 'print' })
    const overflow = await events.evaluate((table) => table.scrollWidth - (table.parentElement?.clientWidth ?? 0))
    await app.screenshot('child-print')
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 1440, height: 900 })
    expect(overflow).toBeLessThanOrEqual(0)
  })

  it('prints every table whole: none is cut off at the right edge of the paper', async () => {
    const { page, ctx } = app
    // A child with an episode ended by a change of legal status or placement (X1): the longest reason, in the care episodes' last column.
    const child = (await ctx.db.prepare("SELECT child_id FROM episode WHERE rec = 'X1' AND dec <= ? ORDER BY child_id LIMIT 1").pluck().get(today)) as string
    await page.evaluate(`window.location.hash = '#/child/${child}'`)
    await page.getByRole('heading', { name: 'Care episodes' }).waitFor()
    await page.setViewportSize({ width: 700, height: 1000 })
    await page.emulateMedia({ media: 'print' })
    // A table made a scrolling box (as on a narrow screen) shows on paper only what fits in it, and one wider than the page loses its last columns at the edge.
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll('.content table')]
        .filter((table) => table.scrollWidth > table.clientWidth + 1 || table.getBoundingClientRect().width > (table.parentElement?.clientWidth ?? 0) + 1)
        .map((table) => table.previousElementSibling?.textContent ?? table.className)
    )
    await app.screenshot('child-print-episodes')
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 1440, height: 900 })
    expect(cut).toEqual([])
  })
})
