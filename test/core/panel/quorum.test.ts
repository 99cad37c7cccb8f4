import { describe, expect, it } from 'vitest'
import { createMeeting, getMeeting } from '../../../src/main/core/panel/meetings'
import { councilQuorumRule, defaultQuorumRule, parseQuorumRule, quorumState, setCouncilQuorumRule } from '../../../src/main/core/panel/quorum'
import { tempContext } from '../../helpers/tmp'

const m = (role: string, attended = true): { role: string; attended: boolean } => ({ role, attended })

describe('quorum rule', () => {
  it.each([
    { name: 'chair + fostering + one more', members: [m('chair'), m('fostering'), m('social work')], quorate: true, shortfalls: [] },
    { name: 'only two present', members: [m('chair'), m('fostering'), m('social work', false)], quorate: false, shortfalls: ['2 of 3 members present'] },
    {
      name: 'chair absent',
      members: [m('chair', false), m('fostering'), m('social work'), m('independent')],
      quorate: false,
      shortfalls: ['the chair is not present']
    },
    { name: 'no fostering member', members: [m('Chair'), m('social work'), m('independent')], quorate: false, shortfalls: ['no fostering member present'] },
    { name: 'roles compare without case or spaces', members: [m(' CHAIR '), m('Fostering'), m('medical adviser')], quorate: true, shortfalls: [] },
    {
      name: 'nobody marked present',
      members: [m('chair', false), m('fostering', false)],
      quorate: false,
      shortfalls: ['0 of 3 members present', 'the chair is not present', 'no fostering member present']
    }
  ])('$name', ({ members, quorate, shortfalls }) => {
    const state = quorumState(members, defaultQuorumRule)
    expect(state.quorate).toBe(quorate)
    expect(state.shortfalls).toEqual(shortfalls)
    expect(state.present).toBe(members.filter((x) => x.attended).length)
  })

  it("applies a council's own rule", () => {
    const rule = { minMembers: 4, requireChair: false, requireRoles: ['medical adviser', 'independent'] }
    expect(quorumState([m('fostering'), m('social work'), m('medical adviser'), m('independent')], rule)).toEqual({ quorate: true, present: 4, shortfalls: [] })
    expect(quorumState([m('chair'), m('social work'), m('medical adviser'), m('fostering')], rule).shortfalls).toEqual(['no independent member present'])
  })

  it('reads stored rules and falls back to the default for missing parts', () => {
    expect(parseQuorumRule('{"minMembers":5,"requireChair":false,"requireRoles":["legal"]}')).toEqual({
      minMembers: 5,
      requireChair: false,
      requireRoles: ['legal']
    })
    expect(parseQuorumRule('{"minMembers":2}')).toEqual({ ...defaultQuorumRule, minMembers: 2 })
    expect(parseQuorumRule(null)).toEqual(defaultQuorumRule)
  })
})

describe("the council's quorum rule", () => {
  it('starts new meetings with it; existing meetings keep theirs; audited', async () => {
    const ctx = await tempContext()
    const before = await createMeeting(ctx, { date: '2020-04-15', chair: 'Ada Chair' })
    expect(before.quorumRule).toEqual(defaultQuorumRule)
    const rule = { minMembers: 4, requireChair: true, requireRoles: ['fostering', 'medical adviser'] }
    expect(await setCouncilQuorumRule(ctx, rule)).toEqual(rule)
    expect(await councilQuorumRule(ctx)).toEqual(rule)
    const after = await createMeeting(ctx, { date: '2020-05-15', chair: 'Ada Chair' })
    expect(after.quorumRule).toEqual(rule)
    expect(after.quorum.shortfalls).toEqual([
      '0 of 4 members present',
      'the chair is not present',
      'no fostering member present',
      'no medical adviser member present'
    ])
    expect((await getMeeting(ctx, before.id)).quorumRule).toEqual(defaultQuorumRule)
    const log = (await ctx.db.prepare("SELECT before, after FROM audit_log WHERE action = 'panel.quorum_rule.set'").get()) as { before: string; after: string }
    expect([JSON.parse(log.before), JSON.parse(log.after)]).toEqual([defaultQuorumRule, rule])
  })
})
