import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/dispatch'
import { recordDecision } from '../../../src/main/core/panel/decisions'
import { addAgendaItem, createMeeting } from '../../../src/main/core/panel/meetings'
import { renderLetter } from '../../../src/main/core/panel/outputs'
import { linkPlacementCarer } from '../../../src/main/core/placements/placements'
import type { Carer } from '../../../src/shared/contract/carers'
import { dumpDb } from '../../helpers/dump'
import { tempContext } from '../../helpers/tmp'
import { insertHistory } from '../tracker/history'
import { firstOf } from '../../helpers/defined'

describe('carers register', () => {
  it('adds a carer with every detail, and corrects them later: letters follow, the audit keeps the old', async () => {
    const ctx = await tempContext('2020-04-20')
    await insertHistory(ctx.db, 'A', { episodes: [['2019-01-01', null, 'S', 'C2']] })
    const added = await dispatch(ctx, 'addCarer', {
      name: 'Robin Example',
      kind: 'ifa',
      provider: 'Starling Fostering (fictional)',
      approvedDate: '2018-05-01',
      address: '1 Test Street'
    })
    if (!added.ok) throw new Error(added.error.message)
    const robin = added.value as Carer
    expect(robin).toMatchObject({ kind: 'ifa', provider: 'Starling Fostering (fictional)', approvedDate: '2018-05-01', urn: null, address: '1 Test Street' })
    await linkPlacementCarer(ctx.db, 'tester', 'A', '2019-01-01', robin.id)
    const meeting = await addAgendaItem(ctx, { meetingId: (await createMeeting(ctx, { date: '2020-04-15', chair: 'Ada Chair' })).id, childId: 'A' })
    await recordDecision(ctx, { itemId: firstOf(meeting.agenda).id, outcome: 'agreed', reasons: 'Settled' })

    const moved = await dispatch(ctx, 'updateCarer', {
      id: robin.id,
      name: 'Robin Example',
      kind: 'ifa',
      provider: 'Starling Fostering (fictional)',
      approvedDate: '2018-05-01',
      address: '9 New Road'
    })
    expect(moved).toMatchObject({ ok: true, value: { id: robin.id, address: '9 New Road', approvedDate: '2018-05-01' } })
    expect((await renderLetter(ctx, meeting.id, 'A')).html).toContain('<p>Robin Example<br />9 New Road</p>')
    const entry = (await ctx.db.prepare("SELECT who, before, after FROM audit_log WHERE action = 'carer.update'").get()) as {
      who: string
      before: string
      after: string
    }
    expect({ who: entry.who, before: JSON.parse(entry.before).address, after: JSON.parse(entry.after).address }).toEqual({
      who: ctx.user,
      before: '1 Test Street',
      after: '9 New Road'
    })

    // Optional details left out are cleared.
    expect(await dispatch(ctx, 'updateCarer', { id: robin.id, name: 'Robin Example', kind: 'inhouse' })).toMatchObject({
      ok: true,
      value: { kind: 'inhouse', provider: null, approvedDate: null, address: null }
    })
  })

  it('finds carers by name, agency or URN, whatever the case, in name order', async () => {
    const ctx = await tempContext('2020-04-20')
    for (const carer of [
      { name: 'Robin Example', kind: 'ifa', provider: 'Starling Fostering (fictional)', urn: 'SC000001' },
      { name: 'Kim Other', kind: 'inhouse' },
      { name: 'Alex Starling', kind: 'kinship' }
    ]) {
      const added = await dispatch(ctx, 'addCarer', carer)
      if (!added.ok) throw new Error(added.error.message)
    }
    const found = async (search: string): Promise<string[]> => ((await dispatch(ctx, 'listCarers', { search })) as { value: Carer[] }).value.map((c) => c.name)
    expect(await found('STARLING')).toEqual(['Alex Starling', 'Robin Example'])
    expect(await found('sc0000')).toEqual(['Robin Example'])
    expect(await found('kim')).toEqual(['Kim Other'])
    expect(await found('nobody')).toEqual([])
  })

  it('refuses an unknown carer, a blank name or a future approval date, changing nothing', async () => {
    const ctx = await tempContext('2020-04-20')
    const added = await dispatch(ctx, 'addCarer', { name: 'Sam Example', kind: 'inhouse', address: '2 Test Road' })
    if (!added.ok) throw new Error(added.error.message)
    const id = (added.value as Carer).id
    const before = await dumpDb(ctx.db)
    expect(await dispatch(ctx, 'updateCarer', { id: id + 1, name: 'Nobody', kind: 'inhouse' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `No carer with id ${id + 1} in the register` }
    })
    expect(await dispatch(ctx, 'updateCarer', { id, name: ' ', kind: 'inhouse' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await dispatch(ctx, 'updateCarer', { id, name: 'Sam Example', kind: 'inhouse', approvedDate: '2021-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The approval date 01/01/2021 is in the future (today is 20/04/2020).' }
    })
    expect(await dumpDb(ctx.db)).toEqual(before)
  })
})
