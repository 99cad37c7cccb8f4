import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Context } from '../../src/main/core/context'
import { addAgendaItem, createMeeting } from '../../src/main/core/panel/meetings'
import { openContext } from '../../src/main/core/session'
import { axeViolations } from '../helpers/axe'
import { launchChromium, startApp, type RunningApp } from '../helpers/browser'
import { runCliProcess } from '../helpers/cli'
import { startPostgres, type RunningPostgres } from '../helpers/postgres'
import { firstN, firstOf, itemAt } from '../helpers/defined'

/**
 * Issue 14 end to end: the chair, a second chair and the Head of Service at their own
 * desks (each a bridge in browser mode logged in to PostgreSQL as themselves) on one
 * team database. A decision recorded at one desk reaches the others without a restart;
 * two chairs saving the same child's decision get a conflict, and nothing is lost.
 */
const today = '2020-04-20'
const meetingDate = '2020-04-15'
const password = (user: string): string => `${user}-password-e2e`

let server: RunningPostgres
let adminUrl: string
const urlAs = (user: string): string => {
  const url = new URL(adminUrl)
  url.username = user
  url.password = password(user)
  return url.toString()
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof runCliProcess> {
  const run = runCliProcess(args, { env })
  if (run.status !== 0) throw new Error(`permanence ${args.filter((a) => !a.startsWith('postgres')).join(' ')} failed (${run.status}): ${run.stderr}`)
  return run
}

describe('two desks on one PostgreSQL team database', () => {
  let browser: Browser
  let chair: RunningApp
  let hos: RunningApp
  let chair2: RunningApp
  let setup: Context
  let meetingId: number
  let items: { id: number; childId: string; name: string }[]

  beforeAll(async () => {
    server = await startPostgres()
    const superuser = await server.createDatabase('team')
    cli(['--db', superuser, 'team', 'init'])
    for (const [user, role] of [
      ['admin1', 'admin'],
      ['chair1', 'chair'],
      ['chair2', 'chair'],
      ['hos1', 'hos']
    ] as const) {
      cli(['--db', superuser, 'team', 'add-user', user, '--role', role], { PERMANENCE_NEW_PASSWORD: password(user) })
    }
    adminUrl = superuser
    cli(['--db', urlAs('admin1'), 'demo', '--as-of', '2020-03-31', '--children', '60'])

    // The chair plans the meeting (set up through the core: this test is about what happens next).
    setup = await openContext(urlAs('chair1'), 'cli')
    setup.today = () => today
    const children = (await setup.db
      .prepare(
        `SELECT c.child_id AS "childId" FROM child c WHERE EXISTS (SELECT 1 FROM episode e WHERE e.child_id = c.child_id AND e.dec IS NULL AND e.ls = 'C2')
         AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.child_id = c.child_id) ORDER BY c.child_id LIMIT 2`
      )
      .all()) as { childId: string }[]
    let meeting = await createMeeting(setup, { date: meetingDate, startTime: '10:00', place: 'Room 1', chair: 'chair1' })
    for (const c of children) meeting = await addAgendaItem(setup, { meetingId: meeting.id, childId: c.childId })
    meetingId = meeting.id
    items = meeting.agenda.map((i) => ({ id: i.id, childId: i.childId, name: i.childName }))

    browser = await launchChromium()
    chair = await startApp({ location: urlAs('chair1'), today, browser })
    hos = await startApp({ location: urlAs('hos1'), today, browser })
    chair2 = await startApp({ location: urlAs('chair2'), today, browser })
  }, 240_000)

  afterAll(async () => {
    for (const app of [chair2, hos, chair]) await app?.close()
    await browser?.close()
    await setup?.db.close()
    await server?.stop()
  }, 60_000)

  const openMeeting = async (app: RunningApp): Promise<Page> => {
    await app.page.goto(`${app.bridge.url}/#/panel/${meetingId}`)
    await app.page.getByRole('heading', { name: /Panel meeting 15\/04\/2020/ }).waitFor()
    return app.page
  }
  const pick = async (page: Page, position: number, name: string): Promise<void> => {
    await page
      .getByRole('list', { name: 'Agenda' })
      .getByRole('button', { name: new RegExp(`^${position}\\. ${name}`) })
      .click()
  }
  /** The window regains focus, as when the Head of Service clicks back into it. */
  const refocus = (page: Page): Promise<void> => page.evaluate(() => void window.dispatchEvent(new Event('focus')))

  it("shows the chair's decision on the Head of Service's screen when the window regains focus, without a restart", async () => {
    const first = firstOf(items)
    const hosPage = await openMeeting(hos)
    await pick(hosPage, 1, first.name)
    await expect(hosPage.getByTestId('decision').count()).resolves.toBe(0)
    await hos.screenshot('team-hos-before')

    const page = await openMeeting(chair)
    await pick(page, 1, first.name)
    const form = page.getByRole('form', { name: `Decision for ${first.name}` })
    await form
      .getByRole('radio', { name: /Agreed/ })
      .first()
      .check()
    await form.getByLabel('Reasons', { exact: true }).fill('The carers meet her needs into adulthood.')
    await form.getByRole('button', { name: /^Save: Agreed/ }).click()
    await form.waitFor({ state: 'detached' })
    await chair.screenshot('team-chair-recorded')

    await refocus(hosPage)
    await expect(hosPage.getByTestId('decision').textContent({ timeout: 10_000 })).resolves.toContain('The carers meet her needs into adulthood.')
    await expect(hosPage.locator('.agenda-list .agenda-outcome').first().textContent()).resolves.toBe('Agreed')
    await hos.screenshot('team-hos-after-refocus')
  })

  it("shows the decision on the child's page at the Head of Service's desk too", async () => {
    const first = firstOf(items)
    await hos.page.goto(`${hos.bridge.url}/#/child/${first.childId}`)
    await expect(hos.page.getByText('The carers meet her needs into adulthood.').first().textContent({ timeout: 15_000 })).resolves.toContain(
      'needs into adulthood'
    )
    await hos.screenshot('team-hos-child-page')
  })

  it('refuses the second of two concurrent saves with who changed what, keeps both texts, and saves after "Load their version"', async () => {
    const [, second] = firstN(items, 2)
    const mine = 'Bea: the long-term plan needs the fostering review first.'
    const theirs = 'Chair1: agreed, the placement has lasted two years.'
    const pages = [await openMeeting(chair), await openMeeting(chair2)]
    for (const page of pages) await pick(page, 2, second.name)
    const forms = pages.map((page) => page.getByRole('form', { name: `Decision for ${second.name}` }))
    // Both type before either saves.
    await firstOf(forms)
      .getByRole('radio', { name: /Agreed/ })
      .first()
      .check()
    await firstOf(forms).getByLabel('Reasons', { exact: true }).fill(theirs)
    await itemAt(forms, 1)
      .getByRole('radio', { name: /Deferred/ })
      .check()
    await itemAt(forms, 1).getByLabel('Return to panel by').fill('10/06/2020')
    await itemAt(forms, 1).getByLabel('Reasons', { exact: true }).fill(mine)

    await firstOf(forms)
      .getByRole('button', { name: /^Save: Agreed/ })
      .click()
    await firstOf(forms).waitFor({ state: 'detached' })
    // The second chair's window had the focus all along: their typing held the refresh back.
    await refocus(itemAt(pages, 1))
    await itemAt(forms, 1)
      .getByRole('button', { name: /^Save: Deferred/ })
      .click()

    const alert = itemAt(forms, 1).getByRole('alert')
    await alert.waitFor()
    const text = (await alert.textContent()) ?? ''
    expect(text).toMatch(/chair1 changed the decision for \S+ at \d\d\/\d\d\/\d{4} \d\d:\d\d \(outcome and reasons\)/)
    expect(text).toContain(theirs)
    expect(text).toContain(mine)
    await expect(forms[1]?.getByLabel('Reasons', { exact: true }).inputValue()).resolves.toBe(mine)
    await chair2.screenshot('team-conflict')
    expect(await axeViolations(itemAt(pages, 1))).toEqual([])

    // Nothing was overwritten: the saved decision is the first chair's.
    const saved = async (): Promise<{ reasons: string; recorded_by: string; version: number }> =>
      (await setup.db.prepare('SELECT reasons, recorded_by, version FROM decision WHERE agenda_item_id = ? AND superseded = 0').get(second.id)) as {
        reasons: string
        recorded_by: string
        version: number
      }
    await expect(saved()).resolves.toEqual({ reasons: theirs, recorded_by: 'chair1', version: 1 })

    await alert.getByRole('button', { name: 'Load their version' }).click()
    await expect(forms[1]?.getByLabel('Reasons', { exact: true }).inputValue()).resolves.toBe(theirs)
    await expect(forms[1]?.getByRole('alert').textContent()).resolves.toContain(mine)
    await itemAt(forms, 1).getByLabel('Conditions').fill('Fostering review within three months.')
    await chair2.screenshot('team-conflict-loaded')
    await itemAt(forms, 1)
      .getByRole('button', { name: /^Save: Agreed/ })
      .click()
    await itemAt(forms, 1).waitFor({ state: 'detached' })
    await expect(saved()).resolves.toEqual({ reasons: theirs, recorded_by: 'chair2', version: 2 })
    const conditions = await setup.db.prepare('SELECT conditions FROM decision WHERE agenda_item_id = ? AND superseded = 0').pluck().get(second.id)
    expect(conditions).toBe('Fostering review within three months.')
    await chair2.screenshot('team-conflict-saved')
  })
})
