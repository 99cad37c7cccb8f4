import { describe, expect, it } from 'vitest'
import { generateDemo } from '../../src/main/core/demo/generate'
import { isFictionalPerson } from '../../src/main/core/demo/names'
import { upnCheckLetterOk } from '../../src/main/core/io/ssda903/upn'
import { createDemo } from '../../src/main/core/demo/load'
import { checkDb } from '../../src/main/core/store/check'
import { trackerCounts, trackerRows } from '../../src/main/core/tracker/queries'
import { tempContext } from '../helpers/tmp'

describe('demo data set', () => {
  const asOf = '2020-03-31'

  it('is deterministic for a seed and date', () => {
    const a = generateDemo({ asOf, seed: 7 })
    const b = generateDemo({ asOf, seed: 7 })
    expect(a).toEqual(b)
    expect(generateDemo({ asOf, seed: 8 }).children[0]).not.toEqual(a.children[0])
  })

  it('is shaped like the 31 March 2020 cohort', async () => {
    const ctx = await tempContext(asOf)
    await createDemo(ctx.db, { asOf }, 'tester')
    expect((await checkDb(ctx.db)).ok).toBe(true)
    const open = async (where = 'TRUE'): Promise<number> =>
      (await ctx.db
        .prepare(`SELECT COUNT(DISTINCT child_id) FROM episode WHERE decom <= @d AND (dec IS NULL OR dec > @d) AND ${where}`)
        .pluck()
        .get({ d: asOf })) as number
    const total = await open()
    expect(total).toBe(657)
    // Within a few points of the report's mix (373 FCO, 91 ICO, 144 s20; 188 IFA; 56 residential).
    expect((await open("ls = 'C2'")) / total).toBeCloseTo(373 / 657, 1)
    expect((await open("ls = 'V2'")) / total).toBeCloseTo(144 / 657, 1)
    expect(await open("place LIKE 'U%' AND place_provider IN ('PR4', 'PR5')")).toBeGreaterThan(150)
    expect(await open("place IN ('K2', 'R1')")).toBeGreaterThan(30)
    expect((await open("place IN ('U1', 'U2', 'U3')")) / total).toBeCloseTo(0.21, 1)
    // Ceased children, including Staying Put, and re-entries into care.
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM episode WHERE rec = 'E17'").pluck().get()).toBeGreaterThan(20)
    expect(
      await ctx.db
        .prepare("SELECT COUNT(*) FROM (SELECT child_id FROM episode WHERE rne = 'S' GROUP BY child_id HAVING COUNT(*) > 1) AS reentered")
        .pluck()
        .get()
    ).toBeGreaterThan(20)
    // Issue 15: about 41 on care orders placed with parents, carers linked, named in decisions, care plans.
    expect(await open("ls IN ('C1', 'C2') AND place = 'P1'")).toBeGreaterThan(30)
    expect(await open("ls IN ('C1', 'C2') AND place = 'P1'")).toBeLessThan(55)
    const rows = await trackerRows(ctx.db, asOf)
    expect(rows.filter((r) => r.carer !== null).length / total).toBeGreaterThan(0.7)
    expect(
      await ctx.db
        .prepare("SELECT COUNT(*) FROM decision d WHERE outcome = 'agreed' AND NOT EXISTS (SELECT 1 FROM decision_carer c WHERE c.decision_id = d.id)")
        .pluck()
        .get()
    ).toBe(0)
    expect((await trackerCounts(ctx.db, asOf)).carersChangedSinceDecision).toBeGreaterThan(3)
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM care_plan').pluck().get()).toBeGreaterThan(400)
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM discharge_application').pluck().get()).toBeGreaterThan(5)
  })

  it('only ever uses made-up names and DEMO identifiers', () => {
    const data = generateDemo({ asOf })
    for (const c of data.children) {
      expect(c.child_id).toMatch(/^DEMO\d{6}$/)
      // LA number 000 is no council's: fictional, yet with a correct check letter.
      expect(c.upn).toMatch(/^[A-Z]000\d{9}$/)
      expect(upnCheckLetterOk(c.upn)).toBe(true)
    }
    // A person's name alone, as a letter says "Dear …"; a home's name says it is fictional.
    for (const c of data.carers) {
      if (c.kind === 'residential') expect(c.name).toMatch(/ House \(fictional children's home\)$/)
      else expect(isFictionalPerson(c.name), c.name).toBe(true)
    }
    for (const c of data.carers) expect(c.address ?? '').toMatch(/\(fictional\), ZZ99 /)
  })

  it('refuses to load into a database that already has children', async () => {
    const ctx = await tempContext(asOf)
    await createDemo(ctx.db, { asOf, lookedAfter: 20 }, 'tester')
    await expect(createDemo(ctx.db, { asOf, lookedAfter: 20 }, 'tester')).rejects.toThrow(/empty database/)
  })
})
