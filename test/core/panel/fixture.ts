import type { Context } from '../../../src/main/core/context'
import { addAgendaItem, createMeeting } from '../../../src/main/core/panel/meetings'
import { demoContext } from '../../helpers/tmp'

/** A small demo cohort and a meeting on `date` with three children who are looked after and undecided. */
export async function meetingFixture(date = '2020-04-15'): Promise<{ ctx: Context; meetingId: number; children: string[]; memberIds: Record<string, number> }> {
  const ctx = await demoContext({ asOf: '2020-03-31', lookedAfter: 60 }, '2020-04-20')
  const children = (await ctx.db
    .prepare(
      `SELECT DISTINCT e.child_id FROM episode e WHERE e.dec IS NULL AND e.ls = 'C2'
       AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.child_id = e.child_id) ORDER BY e.child_id LIMIT 3`
    )
    .pluck()
    .all()) as string[]
  let meeting = await createMeeting(ctx, {
    date,
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
  return { ctx, meetingId: meeting.id, children, memberIds: Object.fromEntries(meeting.members.map((m) => [m.role, m.id])) }
}
