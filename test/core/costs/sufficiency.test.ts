import { describe, expect, it } from 'vitest'
import { monthsBefore, setSufficiencyComparator, sufficiency } from '../../../src/main/core/costs/sufficiency'
import type { Db } from '../../../src/main/core/store/db'
import { child } from '../../helpers/history'
import { demoContext, tempContext } from '../../helpers/tmp'

/** A tiny history whose every measure is worked by hand below. */
async function tinyHistory(db: Db): Promise<void> {
  await child(db, 'KID-A', '2010-01-01', [['2016-01-01', 'S', 'C2', 'U4', 'PR1', null, null]])
  await child(db, 'KID-B', '2012-01-01', [
    ['2017-06-01', 'S', 'C2', 'U4', 'PR4', '2019-05-01', 'X1'],
    ['2019-05-01', 'P', 'C2', 'U6', 'PR4', '2019-09-01', 'X1'],
    ['2019-09-01', 'P', 'C2', 'K2', 'PR4', '2020-01-01', 'X1'],
    ['2020-01-01', 'L', 'E1', 'K2', 'PR4', null, null]
  ])
  await child(db, 'KID-C', '2005-01-01', [['2019-10-01', 'S', 'V2', 'U1', 'PR1', null, null]])
  await child(db, 'KID-D', '2008-01-01', [['2015-01-01', 'S', 'C2', 'U4', 'PR1', '2019-06-01', 'E11']])
  await child(db, 'KID-E', '2009-01-01', [['2014-01-01', 'S', 'C2', 'U1', 'PR1', '2019-08-01', 'E44']])
  await child(db, 'KID-F', '2009-01-01', [['2014-01-01', 'S', 'C2', 'U1', 'PR1', '2018-12-01', 'E44']])
  await child(db, 'KID-G', '2010-01-01', [['2019-01-01', 'S', 'C2', 'P1', 'PR0', null, null]])
  await child(db, 'KID-H', '2010-01-01', [['2020-01-01', 'S', 'V3', 'U4', 'PR1', null, null]])
  await child(db, 'KID-I', '2011-01-01', [['2019-04-15', 'S', 'C2', 'U4', 'PR1', '2019-11-01', 'E41']])
}

describe('sufficiency and stability', () => {
  it('works out every measure on a tiny history by hand, with the year before', async () => {
    const { db } = await tempContext()
    await tinyHistory(db)
    const r = await sufficiency(db, '2020-03-31')
    expect(r.yearFrom).toBe('2019-03-31')
    const row = Object.fromEntries(r.rows.map((x) => [x.measure, x]))
    // Looked after on 31/03/2020: A, B, C, G (H is a short break). A year earlier: A, B, D, E, G.
    expect(row.lookedAfter).toMatchObject({ value: 4, yearEarlier: 5, change: -1 })
    // In-house A, C (PR1); external B (PR4); G with parents counts in neither.
    expect(row.inHouseShare).toMatchObject({ of: 3 })
    expect(row.inHouseShare?.value).toBeCloseTo(2 / 3, 10)
    expect(row.familyBasedShare).toMatchObject({ value: 0.5, of: 4 })
    expect(row.kinshipShare).toMatchObject({ value: 0.25, of: 4 })
    // B: the placement held on 31/03/2019, then moves on 01/05 and 01/09; the legal-status change on 01/01 is no move.
    expect(row.threePlusPlacements).toMatchObject({ value: 0.25, of: 4 })
    // Under 16 and looked after since 30/09/2017 or earlier: A and B; only A has been in one placement since 31/03/2018.
    expect(row.longTermStability).toMatchObject({ value: 0.5, of: 2 })
    // C and I admitted; D adopted, E left under E44 when it no longer meant SGO, I left on a CAO.
    expect(row.admissions).toMatchObject({ value: 2, yearEarlier: 1, change: 1 })
    expect(row.leavers).toMatchObject({ value: 3, yearEarlier: 1 })
    expect(row.adoptions).toMatchObject({ value: 1, yearEarlier: 0 })
    // F's E44 on 01/12/2018 was an SGO in the 2018-19 code list.
    expect(row.sgos).toMatchObject({ value: 0, yearEarlier: 1, change: -1 })
    expect(row.caos).toMatchObject({ value: 1, yearEarlier: 0 })
    expect(r.byPlacementType).toEqual([
      { type: 'Foster care', inHouse: 1, external: 0, other: 0 },
      { type: 'Kinship foster care', inHouse: 1, external: 0, other: 0 },
      { type: 'Placed with parents', inHouse: 0, external: 0, other: 1 },
      { type: 'Residential (homes, secure, schools)', inHouse: 0, external: 1, other: 0 }
    ])
    expect(JSON.stringify(r)).not.toMatch(/KID-|Secret|Name/)
  })

  it('states no share of no children: null, not 0%, on an empty database', async () => {
    const { db } = await tempContext()
    const r = await sufficiency(db, '2020-03-31')
    const shares = r.rows.filter((x) => x.unit === 'percent')
    expect(shares.map((x) => x.measure)).toEqual(['inHouseShare', 'familyBasedShare', 'kinshipShare', 'threePlusPlacements', 'longTermStability'])
    for (const x of shares) expect(x).toMatchObject({ value: null, of: 0, yearEarlier: null, change: null })
    // Counts of nobody are real figures: none looked after, none admitted.
    for (const x of r.rows.filter((x) => x.unit === 'count')) expect(x).toMatchObject({ value: 0, yearEarlier: 0, change: 0 })
    expect(r.byPlacementType).toEqual([])
  })

  it('has a share on the date and none a year earlier, so no change, when the children came since', async () => {
    const { db } = await tempContext()
    // Placed with parents (no provider) a year ago; fostered in-house and by an agency now.
    await child(db, 'KID-P', '2012-01-01', [['2019-01-01', 'S', 'C2', 'P1', 'PR0', '2019-06-01', 'E13']])
    await child(db, 'KID-Q', '2012-01-01', [['2019-10-01', 'S', 'C2', 'U4', 'PR1', null, null]])
    await child(db, 'KID-R', '2013-01-01', [['2019-11-01', 'S', 'C2', 'U4', 'PR4', null, null]])
    const row = Object.fromEntries((await sufficiency(db, '2020-03-31')).rows.map((x) => [x.measure, x]))
    expect(row.inHouseShare).toMatchObject({ value: 0.5, of: 2, yearEarlier: null, change: null })
    expect(row.familyBasedShare).toMatchObject({ value: 1, yearEarlier: 0, change: 1 })
    expect(row.kinshipShare).toMatchObject({ value: 0, yearEarlier: 0, change: 0 })
    // Nobody has been in care 2½ years: no long-term cohort either side.
    expect(row.longTermStability).toMatchObject({ value: null, of: 0, yearEarlier: null, change: null })
  })

  it('cuts the long-term cohort off at the same day on both engines at a month end', async () => {
    const { db } = await tempContext()
    // 31/03/2020 less 30 months is 01/10/2017 (SQLite's rule, kept on PostgreSQL); less 2 years, 31/03/2018.
    await child(db, 'KID-J', '2010-01-01', [
      ['2017-10-01', 'S', 'C2', 'U4', 'PR1', '2018-03-31', 'X1'],
      ['2018-03-31', 'P', 'C2', 'U5', 'PR1', null, null]
    ])
    await child(db, 'KID-K', '2010-01-01', [['2017-10-02', 'S', 'C2', 'U4', 'PR1', null, null]])
    const row = (await sufficiency(db, '2020-03-31')).rows.find((r) => r.measure === 'longTermStability')!
    expect(row).toMatchObject({ value: 1, of: 1 })
    expect(monthsBefore('2020-03-31', 30)).toBe('2017-10-01')
    expect(monthsBefore('2020-02-29', 24)).toBe('2018-03-01')
  })

  it("keeps editable comparators, audited, with England's kinship share to start", async () => {
    const { db } = await tempContext()
    const kinship = async () => (await sufficiency(db, '2020-03-31')).rows.find((r) => r.measure === 'kinshipShare')!.comparators
    expect(await kinship()).toEqual({ england: 0.115 })
    await setSufficiencyComparator(db, 'tester', { measure: 'kinshipShare', comparator: 'statisticalNeighbours', value: 0.14 })
    expect(await kinship()).toEqual({ england: 0.115, statisticalNeighbours: 0.14 })
    await setSufficiencyComparator(db, 'tester', { measure: 'kinshipShare', comparator: 'england', value: null })
    expect(await kinship()).toEqual({ statisticalNeighbours: 0.14 })
    expect(await db.prepare("SELECT who, entity_id FROM audit_log WHERE action = 'sufficiency.comparator' ORDER BY id").all()).toEqual([
      { who: 'tester', entity_id: 'sufficiency.comparators.kinshipShare.statisticalNeighbours' },
      { who: 'tester', entity_id: 'sufficiency.comparators.kinshipShare.england' }
    ])
  })

  it('gives the demo cohort plausible figures beside the report', async () => {
    const { db } = await demoContext({ asOf: '2020-03-31' })
    const row = Object.fromEntries((await sufficiency(db, '2020-03-31')).rows.map((x) => [x.measure, x]))
    expect(row.lookedAfter?.value).toBe(657)
    expect(row.kinshipShare?.value).toBeGreaterThan(0.15)
    expect(row.threePlusPlacements?.value).toBeLessThan(0.3)
    expect(row.longTermStability?.value).toBeGreaterThan(0.3)
    expect(row.admissions?.value).toBeGreaterThan(100)
  })
})
