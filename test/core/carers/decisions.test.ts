import { describe, expect, it } from 'vitest'
import { aboutInputOf, decisionAbout, setDecisionCarers } from '../../../src/main/core/carers/decisionCarers'
import { addCarer } from '../../../src/main/core/carers/register'
import { amendDecision, recordDecision, signOffMeeting } from '../../../src/main/core/panel/decisions'
import { itemHistory } from '../../../src/main/core/panel/history'
import { addAgendaItem, createMeeting } from '../../../src/main/core/panel/meetings'
import { renderLetter, renderMinutes } from '../../../src/main/core/panel/outputs'
import { getTemplate, saveTemplate } from '../../../src/main/core/panel/templates'
import { undoLastSave } from '../../../src/main/core/panel/undo'
import { linkPlacementCarer } from '../../../src/main/core/placements/placements'
import { trackerCounts, trackerRows } from '../../../src/main/core/tracker/queries'
import { dumpData } from '../../helpers/dump'
import { tempContext } from '../../helpers/tmp'
import { insertHistory } from '../tracker/history'
import { firstOf } from '../../helpers/defined'

const checklist = { supportPlan: true, training: true, allowances: false, contact: true, delegatedAuthority: false }

async function setup() {
  const ctx = await tempContext('2020-04-20')
  await insertHistory(ctx.db, 'A', {
    episodes: [
      ['2019-01-01', '2019-06-01', 'S', 'C2'],
      ['2019-06-01', null, 'T', 'C2']
    ]
  })
  const robin = await addCarer(ctx.db, 'tester', { name: 'Robin Example', kind: 'inhouse', address: '1 Test Street' }, '2020-04-20')
  const sam = await addCarer(ctx.db, 'tester', { name: 'Sam Example', kind: 'inhouse' }, '2020-04-20')
  await linkPlacementCarer(ctx.db, 'tester', 'A', '2019-01-01', robin.id)
  await linkPlacementCarer(ctx.db, 'tester', 'A', '2019-01-01', sam.id)
  let meeting = await createMeeting(ctx, { date: '2020-04-15', chair: 'Ada Chair' })
  meeting = await addAgendaItem(ctx, { meetingId: meeting.id, childId: 'A' })
  return { ctx, robin, sam, meeting }
}

describe('decisions tied to carers', () => {
  it('record the current carers and placement by default; letters and minutes name them', async () => {
    const { ctx, robin, sam, meeting } = await setup()
    const recorded = await recordDecision(ctx, { itemId: firstOf(meeting.agenda).id, outcome: 'agreed', reasons: 'Settled' })
    const decisionId = firstOf(recorded.agenda).decision!.id
    expect(await decisionAbout(ctx.db, decisionId)).toMatchObject({ placementStart: '2019-01-01', carers: [{ id: robin.id }, { id: sam.id }], locked: false })
    await setDecisionCarers(ctx, decisionId, { carerIds: [robin.id], placementStart: '2019-01-01', checklist })
    expect((await renderLetter(ctx, meeting.id, 'A')).html).toContain('<p>Dear Robin Example,</p>')
    const minutes = (await renderMinutes(ctx, meeting.id)).html
    expect(minutes).toContain('<strong>Carers:</strong> Robin Example (In-house foster carer), placement from 01/01/2019.')
    expect(minutes).toContain('<strong>In place:</strong> Support plan, Training, Contact arrangements')
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'panel.decision.carers'").pluck().get()).toBe(1)
  })

  it("letters carry the named carers' address from the register, in the built-in and a council's own template", async () => {
    const { ctx, robin, sam, meeting } = await setup()
    const decisionId = firstOf((await recordDecision(ctx, { itemId: firstOf(meeting.agenda).id, outcome: 'agreed', reasons: 'Settled' })).agenda).decision!.id
    // Sam has no address recorded: the letter goes to Robin's.
    expect((await renderLetter(ctx, meeting.id, 'A')).html).toContain('<p>Robin Example and Sam Example<br />1 Test Street</p>')
    // Carers living apart: each address after the carer's name.
    const kim = await addCarer(ctx.db, 'tester', { name: 'Kim Example', kind: 'kinship', address: '2 Other Road\nTesttown <ZZ9>' }, '2020-04-20')
    await setDecisionCarers(ctx, decisionId, { carerIds: [robin.id, kim.id], placementStart: '2019-01-01', checklist })
    expect((await renderLetter(ctx, meeting.id, 'A')).html).toContain('Kim Example: 2 Other Road<br />Testtown &lt;ZZ9&gt;<br />Robin Example: 1 Test Street')
    await setDecisionCarers(ctx, decisionId, { carerIds: [kim.id], placementStart: '2019-01-01', checklist })
    await saveTemplate(ctx, 'letter', '<p>To {{carer_name}}, {{carer_address}}</p>')
    expect((await getTemplate(ctx, 'letter')).placeholders.map((p) => p.name)).toContain('carer_address')
    expect((await renderLetter(ctx, meeting.id, 'A')).html).toBe('<p>To Kim Example, 2 Other Road<br />Testtown &lt;ZZ9&gt;</p>')
    await setDecisionCarers(ctx, decisionId, { carerIds: [sam.id], placementStart: '2019-01-01', checklist })
    expect((await renderLetter(ctx, meeting.id, 'A')).html).toBe('<p>To Sam Example, </p>')
  })

  it('lock with the decision at sign-off; an amendment keeps them unless told otherwise', async () => {
    const { ctx, robin, sam, meeting } = await setup()
    const decisionId = firstOf(
      (
        await recordDecision(ctx, {
          itemId: firstOf(meeting.agenda).id,
          outcome: 'agreed',
          reasons: 'Settled',
          carers: { carerIds: [sam.id], placementStart: '2019-01-01', checklist }
        })
      ).agenda
    ).decision!.id
    await signOffMeeting(ctx, meeting.id)
    await expect(setDecisionCarers(ctx, decisionId, { carerIds: [robin.id], placementStart: null, checklist })).rejects.toThrow(/locked/)
    await expect(ctx.db.prepare('DELETE FROM decision_carer WHERE decision_id = ?').run(decisionId)).rejects.toThrow(/locked/)
    const amended = firstOf(
      (await amendDecision(ctx, { decisionId, amendmentReason: 'Typo in reasons', outcome: 'agreed', reasons: 'Settled and thriving' })).agenda
    ).decision!
    expect(await decisionAbout(ctx.db, amended.id)).toMatchObject({ carers: [{ id: sam.id }], placementStart: '2019-01-01', checklist, locked: true })
  })

  it('count on the tracker while the named carers look after the child, and lapse on a move to new carers', async () => {
    const { ctx, meeting } = await setup()
    await recordDecision(ctx, { itemId: firstOf(meeting.agenda).id, outcome: 'agreed', reasons: 'Settled' })
    expect((await trackerRows(ctx.db, '2020-04-20'))[0]).toMatchObject({ status: 'agreed', carersChangedSinceDecision: false })
    // A later return: new carers from 2020-04-18 (RNE P).
    await ctx.db.prepare("UPDATE episode SET dec = '2020-04-18' WHERE child_id = 'A' AND dec IS NULL").run()
    await ctx.db.prepare("INSERT INTO episode (child_id, decom, rne, ls, seq) VALUES ('A', '2020-04-18', 'P', 'C2', 99)").run()
    expect((await trackerRows(ctx.db, '2020-04-20'))[0]).toMatchObject({ status: 'none', carersChangedSinceDecision: true })
    expect((await trackerCounts(ctx.db, '2020-04-20')).carersChangedSinceDecision).toBe(1)
    expect((await trackerRows(ctx.db, '2020-04-17'))[0]).toMatchObject({ status: 'agreed' })
  })
})

describe('undo last save and the carers a decision is about', () => {
  const aboutRows = async (ctx: Awaited<ReturnType<typeof setup>>['ctx']) => ({
    carers: await ctx.db.prepare('SELECT * FROM decision_carer ORDER BY decision_id, carer_id').all(),
    support: await ctx.db.prepare('SELECT * FROM decision_support ORDER BY decision_id').all()
  })

  it('undoing a first decision removes its carers and support with it', async () => {
    const { ctx, meeting } = await setup()
    await recordDecision(ctx, { itemId: firstOf(meeting.agenda).id, outcome: 'agreed', reasons: 'Settled' })
    expect((await aboutRows(ctx)).carers).toHaveLength(2)
    await undoLastSave(ctx, meeting.id)
    expect(await aboutRows(ctx)).toEqual({ carers: [], support: [] })
  })

  it('undoing a change puts back the carers and support the decision had before that save', async () => {
    const { ctx, robin, sam, meeting } = await setup()
    const itemId = firstOf(meeting.agenda).id
    const decisionId = firstOf(
      (
        await recordDecision(ctx, {
          itemId,
          outcome: 'agreed',
          reasons: 'Settled',
          carers: { carerIds: [robin.id, sam.id], placementStart: '2019-01-01', checklist }
        })
      ).agenda
    ).decision!.id
    const saved = await dumpData(ctx.db)
    const before = await aboutInputOf(ctx.db, decisionId)
    // The slip: re-saved as not agreed, naming only Sam and with nothing in place.
    const none = { supportPlan: false, training: false, allowances: false, contact: false, delegatedAuthority: false }
    await recordDecision(ctx, { itemId, outcome: 'not_agreed', reasons: 'x', carers: { carerIds: [sam.id], placementStart: '2019-01-01', checklist: none } })
    expect(await aboutInputOf(ctx.db, decisionId)).toEqual({ carerIds: [sam.id], placementStart: '2019-01-01', checklist: none })
    const meetingAfter = await undoLastSave(ctx, meeting.id)
    expect(meetingAfter.agenda[0]?.decision).toMatchObject({ outcome: 'agreed', reasons: 'Settled' })
    expect(await aboutInputOf(ctx.db, decisionId)).toEqual(before)
    // Everything as it was, except the decision's version: an undo is a change others must see.
    const versionless = (dump: Awaited<ReturnType<typeof dumpData>>) => ({
      ...dump,
      decision: (dump.decision as { version: number }[]).map(({ version: _, ...d }) => d)
    })
    expect(versionless(await dumpData(ctx.db))).toEqual(versionless(saved))
    expect((await renderLetter(ctx, meeting.id, 'A')).html).toContain('Dear Robin Example and Sam Example')
    const undone = (await itemHistory(ctx, itemId)).find((h) => h.action === 'Carers and support put back as they were before the undone save')
    expect(undone?.changes).toEqual(
      expect.arrayContaining([
        { field: 'carers', before: 'Sam Example', after: 'Robin Example and Sam Example' },
        { field: 'support in place', before: 'none', after: 'Support plan, Training, Contact arrangements' }
      ])
    )
  })

  it('a change that left the carers alone leaves them alone when undone', async () => {
    const { ctx, robin, meeting } = await setup()
    const itemId = firstOf(meeting.agenda).id
    const decisionId = firstOf(
      (await recordDecision(ctx, { itemId, outcome: 'agreed', reasons: 'Settled', carers: { carerIds: [robin.id], placementStart: '2019-01-01', checklist } }))
        .agenda
    ).decision!.id
    await recordDecision(ctx, { itemId, outcome: 'not_agreed', reasons: 'x' })
    await undoLastSave(ctx, meeting.id)
    expect(await aboutInputOf(ctx.db, decisionId)).toEqual({ carerIds: [robin.id], placementStart: '2019-01-01', checklist })
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'panel.decision.carers.undo'").pluck().get()).toBe(0)
  })

  it('is refused, changing nothing, when the carers or support changed after the save', async () => {
    const { ctx, robin, meeting } = await setup()
    const itemId = firstOf(meeting.agenda).id
    const decisionId = firstOf((await recordDecision(ctx, { itemId, outcome: 'agreed', reasons: 'Settled' })).agenda).decision!.id
    await setDecisionCarers(ctx, decisionId, { carerIds: [robin.id], placementStart: '2019-01-01', checklist })
    const unchanged = await dumpData(ctx.db)
    await expect(undoLastSave(ctx, meeting.id)).rejects.toThrow(/changed since that save/)
    expect(await dumpData(ctx.db)).toEqual(unchanged)
  })
})
