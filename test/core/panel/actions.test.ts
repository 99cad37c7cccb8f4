import { describe, expect, it } from 'vitest'
import { actionSummary, addAction, listActions, setActionDone } from '../../../src/main/core/panel/actions'
import { recordDecision } from '../../../src/main/core/panel/decisions'
import { getMeeting } from '../../../src/main/core/panel/meetings'
import { meetingFixture } from './fixture'
import { firstOf } from '../../helpers/defined'

describe('actions tracker', () => {
  it('tracks open, overdue and done actions across meetings, by owner', async () => {
    const { ctx, meetingId } = await meetingFixture('2020-04-15') // today is 2020-04-20
    await ctx.db.prepare('DELETE FROM action').run()
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    const meeting = await recordDecision(ctx, {
      itemId,
      outcome: 'agreed',
      reasons: 'Good match',
      actions: [
        { description: 'Send decision letter', owner: 'Sam Social', dueDate: '2020-04-19' },
        { description: 'Book training', owner: 'Fay Foster', dueDate: '2020-04-20' },
        { description: 'Update plan', owner: 'Sam Social', dueDate: '2020-05-30' }
      ]
    })
    const decisionId = firstOf(meeting.agenda).decision!.id
    const later = await addAction(ctx, { decisionId, description: 'No date yet', owner: 'Fay Foster' })
    expect(later).toMatchObject({ status: 'open', meetingId, meetingDate: '2020-04-15', childId: firstOf(meeting.agenda).childId })

    expect((await listActions(ctx, { status: 'all' })).map((a) => [a.description, a.status])).toEqual([
      ['Send decision letter', 'overdue'],
      ['Book training', 'open'],
      ['Update plan', 'open'],
      ['No date yet', 'open']
    ])
    expect((await listActions(ctx, { status: 'overdue' })).map((a) => a.description)).toEqual(['Send decision letter'])
    expect((await listActions(ctx, { owner: 'Fay Foster' })).map((a) => a.description)).toEqual(['Book training', 'No date yet'])
    expect(await actionSummary(ctx, 14)).toEqual({
      open: 4,
      overdue: 1,
      dueSoon: 1,
      byOwner: [
        { owner: 'Sam Social', open: 2, overdue: 1 },
        { owner: 'Fay Foster', open: 2, overdue: 0 }
      ]
    })

    const overdue = firstOf(await listActions(ctx, { status: 'overdue' }))
    expect(await setActionDone(ctx, overdue.id, true)).toMatchObject({ status: 'done', doneAt: '2020-04-20' })
    expect((await actionSummary(ctx)).overdue).toBe(0)
    expect((await listActions(ctx, { status: 'done' })).map((a) => a.id)).toEqual([overdue.id])
    expect((await setActionDone(ctx, overdue.id, false)).status).toBe('overdue')
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE entity = 'action'").pluck().get()).toBe(6)
  })
})
