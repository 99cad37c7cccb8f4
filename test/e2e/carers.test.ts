import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAgendaItem, createMeeting, getMeeting } from '../../src/main/core/panel/meetings'
import { recordDecision } from '../../src/main/core/panel/decisions'
import { reviewDashboard } from '../../src/main/core/review/dashboard'
import { trackerCounts, trackerRows } from '../../src/main/core/tracker/queries'
import { trackerView } from '../../src/main/core/tracker/view'
import { startApp, type RunningApp } from '../helpers/browser'
import { carersCsv } from '../helpers/fixturesCarers'
import { episodeColumns, headerColumns, writeTable, type Table } from '../helpers/fixtures903'
import { tempDir } from '../helpers/tmp'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { firstOf } from '../helpers/defined'

// Three synthetic children; CARE01 moves to new carers (RNE P) in the later return.
const header: Table = [
  headerColumns,
  ['CARE01', '1', '01/05/2010', 'WBRI', '', '', ''],
  ['CARE02', '2', '01/06/2012', 'WBRI', '', '', ''],
  ['CARE03', '1', '01/07/2011', 'WBRI', '', '', '']
]
const episode = (child: string, decom: string, rne: string, dec = '', rec = ''): string[] => [
  child,
  decom,
  rne,
  'C2',
  'N1',
  'U4',
  'PR1',
  dec,
  rec,
  rne === 'P' ? 'CARPL' : '',
  'ZZ99 1AB',
  'ZZ99 2CD',
  ''
]
const firstReturn: Table = [episodeColumns, episode('CARE01', '01/01/2019', 'S'), episode('CARE02', '01/02/2019', 'S'), episode('CARE03', '01/03/2019', 'S')]
const laterReturn: Table = [
  episodeColumns,
  episode('CARE01', '01/01/2019', 'S', '18/04/2020', 'X1'),
  episode('CARE01', '18/04/2020', 'P'),
  episode('CARE02', '01/02/2019', 'S'),
  episode('CARE03', '01/03/2019', 'S')
]

describe('carers: import, decide for named carers, the child moves', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp({ demo: false, today: '2020-04-20' })
  })
  afterAll(async () => app?.close())

  const import903 = async (dir: string, episodes: Table): Promise<void> => {
    const { page } = app
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click()
    await page.getByLabel('903 files').setInputFiles([writeTable(dir, 'Header.csv', header), writeTable(dir, 'Episodes.csv', episodes)])
    await page.getByRole('button', { name: 'Check files' }).first().click()
    await page.waitForSelector('text=Preview — nothing written yet')
    await page.getByRole('button', { name: 'Import', exact: true }).first().click()
    await page.waitForSelector('text=/Imported \\(import number \\d+\\)/')
  }

  it('links imported carers, records a decision naming them, and flags the child when a later return shows a move', async () => {
    const { page, ctx } = app
    await import903(tempDir(), firstReturn)

    // The carers file, mapped on screen: checked first, then imported.
    const carersPath = join(tempDir(), 'carers.csv')
    writeFileSync(
      carersPath,
      carersCsv([
        { child: 'CARE01', start: '01/01/2019', carer: 'Robin Example', type: 'LA foster carer', address: '1 Test Street (fictional), ZZ99 1AB' },
        { child: 'CARE01', start: '01/01/2019', carer: 'Sam Example', type: 'LA foster carer' },
        { child: 'CARE02', start: '01/02/2019', carer: 'Kim Example', type: 'LA foster carer' },
        { child: 'CARE03', start: '01/01/2018', carer: 'Pat Wrongdate', type: 'LA foster carer' }
      ])
    )
    const section = page.locator('section[aria-labelledby="import-carers"]')
    await section.getByLabel('Carers file').setInputFiles(carersPath)
    await expect.poll(() => section.getByLabel('Carers column: Placement start date').inputValue()).toBe('Placed from')
    await section.getByText('Words in the file for each kind of carer').click()
    await section.getByLabel('Words for In-house foster carer').fill('LA foster carer')
    // From the keyboard: the check's outcome takes focus, and Shift+Tab from it is Import carers.
    await section.getByRole('button', { name: 'Check carers file' }).focus()
    await page.keyboard.press('Enter')
    await section.getByText('Would link 3 carers to placements; 0 already linked; 3 new to the register; 1 row rejected.').waitFor()
    const focused = (testId: string) => section.getByTestId(testId).evaluate((el) => el === document.activeElement)
    await expect.poll(() => focused('carers-outcome')).toBe(true)
    await section
      .locator('table[aria-label="Rejected carers rows"] td', {
        hasText: 'no placement of child CARE03 starts on 01/01/2018; its placements start on 01/03/2019'
      })
      .waitFor()
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM placement_carer').pluck().get()).toBe(0)
    await app.screenshot('carers-import-preview')
    await section.getByTestId('carers-outcome').focus()
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Enter')
    await section.getByText('Linked 3 carers to placements').waitFor()
    await expect.poll(() => focused('carers-outcome')).toBe(true)
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM placement_carer').pluck().get()).toBe(3)
    // The child's page lists the placement with its carers, and takes a care plan.
    await page.goto(`${app.bridge.url}/#/child/CARE01?asOf=2020-04-20`)
    const placements = page.getByTestId('placements')
    await placements.getByText('Robin Example').waitFor()
    await expect(placements.getByText('Sam Example').count()).resolves.toBe(1)
    // Sam came without an address: the register entry is completed from the child's page.
    await placements.getByRole('button', { name: 'Details of Sam Example' }).click()
    const details = page.getByRole('form', { name: 'Details of Sam Example' })
    await details.getByLabel('Approved on').fill('14/03/2018')
    await details.getByLabel('Address for letters').fill('2 Test Road (fictional)\nZZ99 3EF')
    await app.screenshot('carers-details')
    await details.getByRole('button', { name: 'Save carer details' }).click()
    await page.getByText('Saved the details of Sam Example.').waitFor()
    expect(await ctx.db.prepare("SELECT approved_date AS approved, address FROM carer WHERE name = 'Sam Example'").get()).toEqual({
      approved: '2018-03-14',
      address: '2 Test Road (fictional)\nZZ99 3EF'
    })
    // CARE03's row was rejected; its carer is linked by hand from the register instead.
    await page.goto(`${app.bridge.url}/#/child/CARE03?asOf=2020-04-20`)
    await page.getByLabel('Carer for the placement from 01/03/2019').fill('Kim')
    await page.getByRole('button', { name: 'Link Kim Example' }).click()
    await page.getByText('Linked Kim Example to the placement from 01/03/2019.').waitFor()
    expect(await ctx.db.prepare("SELECT c.name FROM placement_carer p JOIN carer c ON c.id = p.carer_id WHERE p.child_id = 'CARE03'").pluck().all()).toEqual([
      'Kim Example'
    ])
    await page.goto(`${app.bridge.url}/#/child/CARE01?asOf=2020-04-20`)
    const plan = page.getByRole('form', { name: 'Care plan' })
    await plan.getByLabel('Confirmed at IRO review on').fill('03/02/2020')
    await plan.getByRole('button', { name: 'Save care plan' }).click()
    await page.getByTestId('care-plan').getByText('Long-term fostering; confirmed at the IRO review on 03/02/2020').waitFor()
    await app.screenshot('carers-child-page')

    // A panel with CARE01 on the agenda: the decision is about the imported carers.
    const meeting = await addAgendaItem(ctx, { meetingId: (await createMeeting(ctx, { date: '2020-04-15', chair: 'Ada Chair' })).id, childId: 'CARE01' })
    const childName = firstOf((await getMeeting(ctx, meeting.id)).agenda).childName
    await page.goto(`${app.bridge.url}/#/panel/${meeting.id}`)
    await page.getByTestId('decision-carers').getByText('Carers: Robin Example and Sam Example (placement from 01/01/2019)').waitFor()
    const form = page.getByRole('form', { name: `Decision for ${childName}` })
    await form.getByRole('radio').first().check()
    await form.getByLabel('Reasons', { exact: true }).fill('Robin and Sam meet the child’s needs into adulthood.')
    await form.getByRole('button', { name: 'Save: Agreed' }).click()
    await form.waitFor({ state: 'detached' })
    const about = page.locator('fieldset[data-testid="decision-carers"]')
    await about.getByText('About the carers of the placement from 01/01/2019: Robin Example and Sam Example').waitFor()
    await about.getByLabel('Support plan').check()
    await about.getByLabel('Training').check()
    await about.getByRole('button', { name: 'Save carers and support' }).click()
    await about.getByText('Carers and support saved.').waitFor()
    await app.screenshot('carers-decision')

    // The tracker counts the decision while CARE01 lives with them.
    await page.goto(`${app.bridge.url}/#/tracker?asOf=2020-04-20`)
    await page.locator('button[data-tile="agreed"] .tile-number', { hasText: '1' }).waitFor()
    await expect(page.locator('button[data-tile="carers_changed"] .tile-number').textContent()).resolves.toBe('0')
    expect(await trackerCounts(ctx.db, '2020-04-20')).toMatchObject({ permanence: { agreed: 1 }, carersChangedSinceDecision: 0 })

    // The later return: CARE01 moved to new carers on 18/04/2020 (RNE P).
    await import903(tempDir(), laterReturn)
    await page.goto(`${app.bridge.url}/#/tracker?asOf=2020-04-20`)
    await page.locator('button[data-tile="carers_changed"] .tile-number', { hasText: '1' }).waitFor()
    await expect(page.locator('button[data-tile="agreed"] .tile-number').textContent()).resolves.toBe('0')
    expect(await trackerCounts(ctx.db, '2020-04-20')).toMatchObject({ permanence: { agreed: 0, none: 3 }, carersChangedSinceDecision: 1 })
    await page.locator('button[data-tile="carers_changed"]').click()
    // The paged grid shows a loading row until the filtered block arrives.
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('1 row')
    await expect.poll(() => page.locator('.ag-row [col-id="childId"]').first().textContent()).toBe('CARE01')
    await expect(page.locator('.ag-row').count()).resolves.toBe(1)
    await app.screenshot('carers-tracker-flag')

    // The decision letter goes to the carers it named, from the imported register.
    await page.goto(`${app.bridge.url}/#/panel-print/letter/${meeting.id}/CARE01`)
    await page.getByText('Dear Robin Example and Sam Example,').waitFor()
    await page.getByText('Robin Example: 1 Test Street (fictional), ZZ99 1AB').waitFor()
    await page.getByText('Sam Example: 2 Test Road (fictional)').waitFor()
    await app.screenshot('carers-letter')
  })
})

describe("Head of Service: the council's cohorts, placed with parents and lapsed oversight", () => {
  let app: RunningApp
  const today = '2020-03-31'
  beforeAll(async () => {
    app = await startApp({ today, lookedAfter: 300 })
  })
  afterAll(async () => app?.close())

  it('shows placed with parents and overdue oversight (cleared by oversight at panel today), and opens a cycle on the three cohorts', async () => {
    const { page, ctx } = app
    const view = await trackerView(ctx.db, today)
    const pwp = (await trackerRows(ctx.db, today)).filter((r) => (r.ls === 'C1' || r.ls === 'C2') && r.placement === 'P1')
    expect(pwp.length).toBeGreaterThan(0)
    expect(view.flagCounts.placed_with_parents).toBe(pwp.length)

    await page.goto(`${app.bridge.url}/#/tracker?asOf=${today}`)
    await page.locator('button[data-tile="placed_with_parents"] .tile-number', { hasText: String(pwp.length) }).waitFor()
    await page.locator('button[data-tile="oversight"]', { hasText: `of which ${view.flagCounts.oversight_review_overdue} review overdue` }).waitFor()
    await page.locator('button[data-tile="placed_with_parents"]').click()
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(`${pwp.length} rows`)
    await app.screenshot('carers-hos-tracker-pwp')

    // Oversight given at panel today is the latest entry: that child's review is no longer overdue, on every screen.
    const overdue = view.rows.filter((r) => r.flags.includes('oversight_review_overdue'))
    expect(overdue.length).toBeGreaterThan(0)
    const dashboardOverdue = async (): Promise<string> =>
      `under oversight only, of which ${(await reviewDashboard(ctx, { asOf: today })).oversight.reviewOverdue} review overdue`
    const before = await dashboardOverdue()
    await page.getByRole('navigation').getByRole('link', { name: 'Head of Service dashboard' }).click()
    await page.getByText(before).waitFor()
    const panel = await addAgendaItem(ctx, { meetingId: (await createMeeting(ctx, { date: today, chair: 'Ada Chair' })).id, childId: firstOf(overdue).childId })
    await recordDecision(ctx, {
      itemId: firstOf(panel.agenda).id,
      outcome: 'oversight',
      returnDate: '2020-09-30',
      reasons: 'Plan on track; review in six months.'
    })
    expect((await trackerView(ctx.db, today)).flagCounts.oversight_review_overdue).toBe(overdue.length - 1)
    expect(await dashboardOverdue()).not.toBe(before)
    await page.reload()
    await page.getByText(await dashboardOverdue()).waitFor()
    await app.screenshot('carers-hos-dashboard')
    await page.goto(`${app.bridge.url}/#/tracker?asOf=${today}`)
    await page.locator('button[data-tile="oversight"]', { hasText: `of which ${overdue.length - 1} review overdue` }).waitFor()

    await page.getByRole('navigation').getByRole('link', { name: 'Head of Service review' }).click()
    await page.getByText('Cohort definitions (each child in the first it meets)').click()
    await expect(page.getByLabel('PWP legal statuses').inputValue()).resolves.toBe('C1, C2')
    await page.getByRole('button', { name: 'Open review cycle' }).click()
    // The cycle is opened by the database worker; wait for it before reading the file.
    await expect.poll(async () => await ctx.db.prepare('SELECT COUNT(*) FROM review_cycle').pluck().get()).toBe(1)
    const cycle = (await ctx.db.prepare('SELECT cohort, COUNT(*) AS n FROM review_item GROUP BY cohort ORDER BY cohort').all()) as {
      cohort: string
      n: number
    }[]
    const sizes = Object.fromEntries(cycle.map((c) => [c.cohort, c.n]))
    expect(sizes.PWP).toBe(pwp.length)
    const tiles = page.getByRole('group', { name: 'Show' })
    for (const [label, n] of [
      ['full care order cohort', sizes.FCO],
      ['section 20 audit', sizes.S20],
      ['placed with parents audit', sizes.PWP]
    ] as const) {
      await expect(tiles.getByRole('button', { name: label }).locator('.tile-number').textContent()).resolves.toBe(String(n))
    }
    await app.screenshot('carers-hos-review-cohorts')

    // The s20 audit's question sits beside the outcome, for s20 children only.
    const [s20] = (await ctx.db.prepare("SELECT id FROM review_item WHERE cohort = 'S20' ORDER BY id LIMIT 1").pluck().all()) as number[]
    const [fco] = (await ctx.db.prepare("SELECT id FROM review_item WHERE cohort = 'FCO' ORDER BY id LIMIT 1").pluck().all()) as number[]
    await page.evaluate(`window.location.hash = '#/review-item/${s20}'`)
    const secure = page.getByRole('group', { name: 'Legal permanence secure?' })
    await secure.getByRole('radio', { name: 'No', exact: true }).click()
    await secure.getByRole('button', { name: 'Save answer' }).click()
    await secure.getByText('Saved: No.').waitFor()
    await expect.poll(() => secure.getByRole('radio', { name: 'No', exact: true }).isChecked()).toBe(true)
    expect(await ctx.db.prepare('SELECT legal_permanence_secure FROM review_item WHERE id = ?').pluck().get(s20)).toBe(0)
    await app.screenshot('carers-hos-s20-secure')
    await page.evaluate(`window.location.hash = '#/review-item/${fco}'`)
    await page.getByRole('heading', { name: 'Legal-status history' }).waitFor()
    await expect(page.getByRole('group', { name: 'Legal permanence secure?' }).count()).resolves.toBe(0)
  })
})
