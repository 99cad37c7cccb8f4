import { describe, expect, it } from 'vitest'
import { cycleItems, openCycle } from '../../../src/main/core/review/cycles'
import { recordOutcome, setLegalPermanenceSecure } from '../../../src/main/core/review/outcomes'
import { secondDesk } from '../../helpers/second-desk'
import { demoContext } from '../../helpers/tmp'
import { refusal } from '../../helpers/refusal'

const start = '2020-03-31'

describe('two people reviewing one child', () => {
  it('refuses a change made on a review item someone else changed, naming them, and keeps theirs', async () => {
    const ctx = await demoContext({ asOf: start, lookedAfter: 150 })
    const cycle = await openCycle(ctx, { startDate: start })
    const other = await secondDesk(ctx, 'hal_hos')
    const s20 = (await cycleItems(ctx, cycle.id)).items.find((i) => i.cohort === 'S20')!
    expect(s20.version).toBe(1)

    expect(await setLegalPermanenceSecure(other, s20.id, true, 1)).toMatchObject({ legalPermanenceSecure: true, version: 2 })
    const refused = await refusal(async () => await setLegalPermanenceSecure(ctx, s20.id, false, 1))
    expect(refused.code).toBe('conflict')
    expect(refused.message).toMatch(/^hal_hos changed the review of .+ at \d\d\/\d\d\/\d{4} \d\d:\d\d \(legal permanence secure\) after you opened it/)
    expect(refused.details).toMatchObject({ current: { id: s20.id, legalPermanenceSecure: true, version: 2 } })

    const outcome = await refusal(async () => await recordOutcome(ctx, { itemId: s20.id, outcome: 'refer_kdm', note: 'Mine', expectedVersion: 1 }))
    expect(outcome.code).toBe('conflict')
    const row = (await cycleItems(ctx, cycle.id)).items.find((i) => i.id === s20.id)!
    expect(row).toMatchObject({ outcome: null, legalPermanenceSecure: true, version: 2 })

    expect(await recordOutcome(ctx, { itemId: s20.id, outcome: 'refer_kdm', note: 'Mine', expectedVersion: 2 })).toMatchObject({
      outcome: 'refer_kdm',
      reviewedBy: ctx.user,
      version: 3
    })
    expect(await setLegalPermanenceSecure(ctx, s20.id, false)).toMatchObject({ legalPermanenceSecure: false, version: 4 })
  })
})
