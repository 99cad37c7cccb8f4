import { describe, expect, it } from 'vitest'
import { getCarePlan, listDischargeApplications, saveCarePlan, saveDischargeApplication } from '../../../src/main/core/placements/carePlan'
import { dumpDb } from '../../helpers/dump'
import { tempContext } from '../../helpers/tmp'
import { insertHistory } from '../tracker/history'

describe('care plans and discharge applications', () => {
  it('saves and replaces a care plan, audited; refuses a review date in the future', async () => {
    const ctx = await tempContext('2020-03-31')
    await insertHistory(ctx.db, 'A', { episodes: [['2019-01-01', null, 'S', 'C2']] })
    await saveCarePlan(ctx, { childId: 'A', plan: 'adoption', confirmedDate: null, familyFinding: 'searching' })
    const saved = await saveCarePlan(ctx, {
      childId: 'A',
      plan: 'special_guardianship',
      confirmedDate: '2020-02-01',
      familyFinding: 'not_needed',
      note: 'Grandmother assessed'
    })
    expect(await getCarePlan(ctx.db, 'A')).toEqual(saved)
    expect(saved).toMatchObject({ plan: 'special_guardianship', confirmedDate: '2020-02-01', note: 'Grandmother assessed', updatedBy: 'tester' })
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'care_plan.save'").pluck().get()).toBe(2)
    const before = await dumpDb(ctx.db)
    await expect(saveCarePlan(ctx, { childId: 'A', plan: 'adoption', confirmedDate: '2020-04-01', familyFinding: 'searching' })).rejects.toThrow(
      'The review date 01/04/2020 is in the future (today is 31/03/2020).'
    )
    await expect(saveCarePlan(ctx, { childId: 'NOBODY', plan: 'adoption', confirmedDate: null, familyFinding: 'searching' })).rejects.toThrow(/No child/)
    expect(await dumpDb(ctx.db)).toEqual(before)
  })

  it('records a discharge application through planned, applied and granted, with its dates checked', async () => {
    const ctx = await tempContext('2020-03-31')
    await insertHistory(ctx.db, 'A', { episodes: [['2019-01-01', null, 'S', 'C2']] })
    const planned = await saveDischargeApplication(ctx, { childId: 'A', status: 'planned', plannedDate: '2019-10-01', appliedDate: null, decidedDate: null })
    await expect(saveDischargeApplication(ctx, { ...planned, status: 'applied', appliedDate: null, decidedDate: null })).rejects.toThrow(
      /needs the date it was made/
    )
    await expect(saveDischargeApplication(ctx, { ...planned, status: 'applied', appliedDate: '2019-09-01', decidedDate: null })).rejects.toThrow(
      'The application date 01/09/2019 is before it was planned (01/10/2019).'
    )
    await expect(saveDischargeApplication(ctx, { ...planned, status: 'granted', appliedDate: '2019-11-01', decidedDate: null })).rejects.toThrow(
      /date of the court's decision/
    )
    await saveDischargeApplication(ctx, { ...planned, status: 'applied', appliedDate: '2019-11-01', decidedDate: null })
    const granted = await saveDischargeApplication(ctx, { ...planned, status: 'granted', appliedDate: '2019-11-01', decidedDate: '2020-02-01' })
    expect(await listDischargeApplications(ctx.db, 'A')).toEqual([granted])
    expect(granted).toMatchObject({ status: 'granted', plannedDate: '2019-10-01', appliedDate: '2019-11-01', decidedDate: '2020-02-01' })
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'discharge_application.save'").pluck().get()).toBe(3)
  })
})
