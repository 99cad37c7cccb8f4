import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listCarers } from '../../../src/main/core/carers/register'
import { decisionAbout } from '../../../src/main/core/carers/decisionCarers'
import { getChild, listChildren } from '../../../src/main/core/children/queries'
import type { Context } from '../../../src/main/core/context'
import { dispatch } from '../../../src/main/core/dispatch'
import { createDemo } from '../../../src/main/core/demo/load'
import { actionSummary, addAction, listActions, setActionDone } from '../../../src/main/core/panel/actions'
import { amendDecision, recordDecision, signOffMeeting } from '../../../src/main/core/panel/decisions'
import { itemHistory } from '../../../src/main/core/panel/history'
import { addAgendaItem, createMeeting, getMeeting, listMeetings } from '../../../src/main/core/panel/meetings'
import { undoLastSave } from '../../../src/main/core/panel/undo'
import { childPlacements } from '../../../src/main/core/placements/placements'
import { openContext } from '../../../src/main/core/session'
import { freshTeamDatabase } from '../../helpers/postgres'
import { tempDir } from '../../helpers/tmp'
import { mapSeries } from '../../../src/main/core/util/series'
import { firstN, firstOf } from '../../helpers/defined'

/** A timestamp the app takes from the clock when it writes, so never the same twice. */
const clockTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const withoutClock = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' && clockTime.test(v) ? '(time)' : v))

/** One panel's life on `ctx`: a meeting, decisions, actions, a change taken back, sign-off and an amendment. */
async function panelStory(ctx: Context): Promise<unknown> {
  ctx.today = () => '2020-04-20'
  await createDemo(ctx.db, { asOf: '2020-03-31', lookedAfter: 60 }, 'tester')
  const children = (await ctx.db
    .prepare(
      `SELECT DISTINCT e.child_id FROM episode e WHERE e.dec IS NULL AND e.ls = 'C2'
       AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.child_id = e.child_id) ORDER BY e.child_id LIMIT 3`
    )
    .pluck()
    .all()) as string[]
  let meeting = await createMeeting(ctx, {
    date: '2020-04-15',
    startTime: '10:00',
    place: 'Room 1',
    chair: 'Ada Chair',
    members: [
      { name: 'Fay Foster', role: 'fostering' },
      { name: 'Sam Social', role: 'social work' },
      { name: 'Ivy Indie', role: 'independent' }
    ]
  })
  for (const childId of children) meeting = await addAgendaItem(ctx, { meetingId: meeting.id, childId })
  const [a, b, c] = firstN(
    meeting.agenda.map((i) => i.id),
    3
  )
  meeting = await recordDecision(ctx, {
    itemId: a,
    outcome: 'agreed',
    reasons: 'Settled and thriving',
    actions: [{ description: 'Send the letter', owner: 'Sam Social', dueDate: '2020-04-01' }]
  })
  meeting = await recordDecision(ctx, {
    itemId: b,
    outcome: 'deferred',
    returnDate: '2020-06-10',
    reasons: 'Assessment missing',
    actions: [{ description: 'Chase the assessment', owner: 'Fay Foster' }]
  })
  const later = await addAction(ctx, {
    decisionId: firstOf(meeting.agenda).decision!.id,
    description: 'Book training',
    owner: 'Fay Foster',
    dueDate: '2020-05-01'
  })
  await setActionDone(ctx, later.id, true)
  await recordDecision(ctx, { itemId: b, outcome: 'not_agreed', reasons: 'Typed wrongly', actions: [{ description: 'Replacement', owner: 'Sam Social' }] })
  await undoLastSave(ctx, meeting.id)
  await recordDecision(ctx, { itemId: c, outcome: 'oversight', returnDate: '2020-10-15', reasons: 'Stable, reviewed by the manager' })
  meeting = await signOffMeeting(ctx, meeting.id)
  await amendDecision(ctx, {
    decisionId: firstOf(meeting.agenda).decision!.id,
    outcome: 'agreed',
    reasons: 'Settled and thriving, with support',
    amendmentReason: 'Support left out'
  })
  meeting = await getMeeting(ctx, meeting.id)
  const app = await dispatch(ctx, 'appInfo', {})
  if (!app.ok) throw new Error(app.error.message)
  return withoutClock({
    meetings: await listMeetings(ctx.db),
    meeting,
    actions: await listActions(ctx, { status: 'all' }),
    overdue: await listActions(ctx, { status: 'overdue' }),
    summary: await actionSummary(ctx),
    history: await mapSeries([a, b, c], async (id) => await itemHistory(ctx, id)),
    about: await mapSeries(meeting.agenda, async (i) => await decisionAbout(ctx.db, i.decision!.id)),
    children: await listChildren(ctx.db, { lookedAfterOnly: true }),
    detail: await mapSeries(children, async (id) => await getChild(ctx.db, id)),
    placements: await mapSeries(children, async (id) => await childPlacements(ctx.db, id)),
    carers: await listCarers(ctx.db),
    // The app's own facts, less where the database lives.
    app: { ...(app.value as object), dbPath: undefined }
  })
}

describe('the panel on both engines', () => {
  // Issue 14: the same calls give the same answers on SQLite and PostgreSQL, ids included.
  it('gives the same meetings, decisions, actions, history, children and carers', async () => {
    const sqlite = await openContext(join(tempDir(), 'same.db'), 'cli', 'tester')
    const postgres = await openContext(await freshTeamDatabase(), 'cli', 'tester')
    postgres.dataDir = join(tempDir(), 'files')
    try {
      const onSqlite = await panelStory(sqlite)
      expect(await panelStory(postgres)).toEqual(onSqlite)
    } finally {
      await sqlite.db.close()
      await postgres.db.close()
    }
  }, 60_000)
})
