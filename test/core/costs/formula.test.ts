import { describe, expect, it } from 'vitest'
import { scenarioDefinition, type ScenarioInput } from '../../../src/shared/api'
import { analyseScenario, runScenario, sensitivity, type WeeklyCosts } from '../../../src/main/core/costs/formula'
import { AppError } from '../../../src/main/core/errors'
import { itemAt } from '../../helpers/defined'

const table: WeeklyCosts = { IFA: 800, FOSTER_INHOUSE: 549, KINSHIP: 344.5, RESIDENTIAL_EXTERNAL: 4100, EXTERNAL_16PLUS: 1250 }
const def = (input: Omit<ScenarioInput, 'name'>) => scenarioDefinition.parse({ name: 'test', ...input })

// Every figure below was worked by hand from the formula in issue 7.
const cases: { name: string; input: Omit<ScenarioInput, 'name'>; years: [baseline: number, proposed: number][] }[] = [
  {
    name: 'zero growth and inflation: the same cost every year',
    input: { years: 2, baseline: { IFA: 10 }, proposed: { FOSTER_INHOUSE: 10 } },
    // 10 × 800 × 52 = 416,000; 10 × 549 × 52 = 285,480
    years: [
      [416_000, 285_480],
      [416_000, 285_480]
    ]
  },
  {
    name: 'growth and inflation compound on placements; the ART hub only inflates',
    input: {
      years: 3,
      demandGrowth: 0.1,
      inflation: 0.05,
      baseline: { RESIDENTIAL_EXTERNAL: 2 },
      proposed: { KINSHIP: 1, ART_HUB: 2 },
      services: { ART_HUB: { beds: 3, fixedAnnual: 300_000 } }
    },
    // baseline: 2 × 4100 × 52 = 426,400 × (1.1 × 1.05)^(y−1) → 426,400; 492,492; 568,828.26
    // proposed: 344.5 × 52 = 17,914 × 1.155^(y−1) + 300,000 × 1.05^(y−1)
    //         → 17,914 + 300,000; 20,690.67 + 315,000; 23,897.72 + 330,750
    years: [
      [426_400, 317_914],
      [492_492, 335_690.67],
      [568_828.26, 354_647.72]
    ]
  },
  {
    name: 'MFP fixed cost is per unit, inflated, places not grown',
    input: {
      years: 2,
      demandGrowth: 0.5,
      inflation: 0.1,
      baseline: { EXTERNAL_16PLUS: 5 },
      proposed: { MFP: 5 },
      services: { MFP: { units: 2, placesPerUnit: 3, fixedAnnualPerUnit: 100_000 } }
    },
    // baseline: 5 × 1250 × 52 = 325,000; × 1.5 × 1.1 = 536,250. proposed: 2 × 100,000 = 200,000; × 1.1 = 220,000
    years: [
      [325_000, 200_000],
      [536_250, 220_000]
    ]
  },
  {
    name: 'a defined service nobody is placed in still costs its running cost on the proposed side',
    input: { years: 1, baseline: { IFA: 1 }, proposed: { IFA: 1 }, services: { ART_HUB: { beds: 3, fixedAnnual: 500_000 } } },
    // baseline 800 × 52 = 41,600; proposed 41,600 + 500,000 fixed
    years: [[41_600, 541_600]]
  },
  {
    name: 'two empty MFP units cost their running cost (issue 18: not £0)',
    input: { years: 2, inflation: 0.1, baseline: {}, proposed: {}, services: { MFP: { units: 2, placesPerUnit: 3, fixedAnnualPerUnit: 156_000 } } },
    // 2 × 156,000 = 312,000; × 1.1 = 343,200
    years: [
      [0, 312_000],
      [0, 343_200]
    ]
  },
  {
    name: 'the baseline pays a service only where it places children',
    input: { years: 1, baseline: { ART_HUB: 1 }, proposed: {}, services: { ART_HUB: { beds: 3, fixedAnnual: 100_000 } } },
    years: [[100_000, 100_000]]
  },
  {
    name: 'weeksPerYear scales placements but not fixed costs',
    input: { years: 1, weeksPerYear: 26, baseline: { IFA: 2 }, proposed: { ART_HUB: 1 }, services: { ART_HUB: { beds: 3, fixedAnnual: 10_000 } } },
    years: [[41_600, 10_000]]
  },
  {
    name: 'unitCosts override the table for this scenario only',
    input: { years: 1, baseline: { IFA: 1 }, proposed: { FOSTER_INHOUSE: 1 }, unitCosts: { IFA: 900, FOSTER_INHOUSE: 600 } },
    // 900 × 52 = 46,800; 600 × 52 = 31,200
    years: [[46_800, 31_200]]
  }
]

describe('scenario formula', () => {
  it.each(cases)('$name', ({ input, years }) => {
    const result = runScenario(def(input), table)
    expect(result.years).toHaveLength(years.length)
    result.years.forEach((y, i) => {
      expect(y.year).toBe(i + 1)
      expect(y.baseline).toBeCloseTo(itemAt(years, i)[0], 2)
      expect(y.proposed).toBeCloseTo(itemAt(years, i)[1], 2)
      expect(y.saving).toBeCloseTo(itemAt(years, i)[0] - itemAt(years, i)[1], 2)
    })
    const sum = (k: 0 | 1): number => years.reduce((s, y) => s + y[k], 0)
    expect(result.total.baseline).toBeCloseTo(sum(0), 2)
    expect(result.total.proposed).toBeCloseTo(sum(1), 2)
    expect(result.total.saving).toBeCloseTo(sum(0) - sum(1), 2)
  })

  it.each([
    {
      input: { years: 1, baseline: {}, proposed: { ART_HUB: 4 }, services: { ART_HUB: { beds: 3, fixedAnnual: 1 } } },
      message: /^Proposed ART hub: 4 places exceed the ART hub's capacity of 3\. \(proposed\.ART_HUB\)$/
    },
    {
      input: { years: 1, baseline: { MFP: 7 }, proposed: {}, services: { MFP: { units: 2, placesPerUnit: 3, fixedAnnualPerUnit: 1 } } },
      message: /^Baseline MFP: 7 places exceed the MFP's capacity of 6\. \(baseline\.MFP\)$/
    },
    {
      input: { years: 1, baseline: {}, proposed: { MFP: 1 } },
      message: /^Proposed MFP: 1 place in the MFP, which this scenario does not run \(no services\.MFP\)\. \(proposed\.MFP\)$/
    },
    {
      input: { years: 1, baseline: { IFA_HIGH: 1 }, proposed: {} },
      message:
        /^Baseline High-cost IFA: no weekly unit cost on the date the costs are taken from; add one to the unit-cost table or as a weekly cost override\. \(baseline\.IFA_HIGH\)$/
    },
    {
      input: { years: 1, baseline: {}, proposed: {}, unitCosts: { MFP: 900 } },
      message: /^The MFP is costed by its running cost a year, not a weekly cost: remove its weekly cost override \(unitCosts\.MFP\)\.$/
    }
  ])('refuses $message', ({ input, message }) => {
    expect(() => runScenario(def(input), table)).toThrow(message)
  })

  it('names an option a commissioner added by its catalogue label, beside its field', () => {
    let refused: unknown
    try {
      runScenario(def({ years: 1, baseline: { THERAPEUTIC: 2 }, proposed: {} }), table, { THERAPEUTIC: 'Therapeutic fostering' })
    } catch (e) {
      refused = e
    }
    expect(refused).toMatchObject({
      message: expect.stringMatching(/^Baseline Therapeutic fostering: no weekly unit cost .*\(baseline\.THERAPEUTIC\)$/),
      fields: [{ path: 'definition.baseline.THERAPEUTIC', label: 'Baseline Therapeutic fostering' }]
    })
  })

  it('names a refused count as the screen does, for the note beside its field', () => {
    let refused: unknown
    try {
      runScenario(def({ years: 1, baseline: {}, proposed: { ART_HUB: 4 }, services: { ART_HUB: { beds: 3, fixedAnnual: 1 } } }), table)
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(AppError)
    expect((refused as AppError).fields).toEqual([
      { path: 'definition.proposed.ART_HUB', label: 'Proposed ART hub', message: "Proposed ART hub: 4 places exceed the ART hub's capacity of 3." }
    ])
  })

  it('takes a service at exactly its capacity', () => {
    expect(
      runScenario(def({ years: 1, baseline: {}, proposed: { ART_HUB: 3 }, services: { ART_HUB: { beds: 3, fixedAnnual: 9 } } }), table).total.proposed
    ).toBe(9)
  })

  it('gives break-even occupancy against the placement each service replaces', () => {
    const result = runScenario(
      def({
        years: 2,
        inflation: 0.2,
        baseline: { RESIDENTIAL_EXTERNAL: 3 },
        proposed: { ART_HUB: 3 },
        services: { ART_HUB: { beds: 3, fixedAnnual: 426_400 }, MFP: { units: 1, placesPerUnit: 3, fixedAnnualPerUnit: 130_000, replaces: 'IFA' } }
      }),
      table
    )
    // 426,400 / (4100 × 52) = 2 children of 3 beds; 130,000 / (800 × 52) = 3.125 children of 3 places
    expect(result.breakEven.ART_HUB).toMatchObject({ replaces: 'RESIDENTIAL_EXTERNAL', replacedAnnualPerChild: 213_200, children: 2, capacity: 3, placed: 3 })
    expect(result.breakEven.ART_HUB!.occupancy).toBeCloseTo(2 / 3, 10)
    expect(result.breakEven.MFP).toMatchObject({ replaces: 'IFA', children: 3.125, capacity: 3, placed: 0 })
    expect(result.breakEven.MFP!.occupancy!).toBeGreaterThan(1)
  })

  it('says how many children placed in a service the proposal does not take out of the placement it replaces', () => {
    const withArt = (proposedResidential: number) =>
      runScenario(
        def({
          years: 1,
          baseline: { RESIDENTIAL_EXTERNAL: 9 },
          proposed: { ART_HUB: 3, RESIDENTIAL_EXTERNAL: proposedResidential },
          services: { ART_HUB: { beds: 3, fixedAnnual: 426_400 } }
        }),
        table
      ).breakEven.ART_HUB!
    // All three still counted in residential: the scenario pays for both places.
    expect(withArt(9)).toMatchObject({ placed: 3, notMoved: 3 })
    expect(withArt(7)).toMatchObject({ placed: 3, notMoved: 1 })
    expect(withArt(6)).toMatchObject({ placed: 3, notMoved: 0 })
    expect(withArt(4)).toMatchObject({ placed: 3, notMoved: 0 })
  })

  it('moves the total saving by ±20% of each assumption, widest first', () => {
    const d = def({ years: 2, demandGrowth: 0, inflation: 0, baseline: { IFA: 10 }, proposed: { FOSTER_INHOUSE: 10 } })
    const rows = sensitivity(d, table)
    // IFA ±20%: baseline ±83,200 a year → saving 261,040 ∓ 166,400. In-house ±20%: proposed ±57,096 a year.
    expect(rows[0]).toMatchObject({ assumption: 'unitCosts.IFA' })
    expect(rows[0]?.low).toBeCloseTo(94_640, 2)
    expect(rows[0]?.high).toBeCloseTo(427_440, 2)
    expect(rows[1]).toMatchObject({ assumption: 'unitCosts.FOSTER_INHOUSE' })
    expect(rows[1]?.low).toBeCloseTo(375_232, 2)
    expect(rows[1]?.high).toBeCloseTo(146_848, 2)
    expect(rows.find((r) => r.assumption === 'demandGrowth')!.swing).toBe(0)
  })

  it("names each weekly cost in the tornado as the screen names its option, the one wording the comparison's 'Most sensitive to' shows too", () => {
    const rows = sensitivity(
      def({ years: 2, baseline: { RESIDENTIAL_EXTERNAL: 2, THERAPEUTIC: 1 }, proposed: { IFA: 2, THERAPEUTIC: 1 } }),
      { ...table, THERAPEUTIC: 1500 },
      { RESIDENTIAL_EXTERNAL: 'Residential – external', THERAPEUTIC: 'Therapeutic fostering' }
    )
    const label = (assumption: string): string | undefined => rows.find((r) => r.assumption === assumption)?.label
    // The comparison had read 'Weekly cost: Residential – external' where the tornado read 'Residential external cost'.
    expect(label('unitCosts.RESIDENTIAL_EXTERNAL')).toBe('Residential external weekly cost')
    expect(label('unitCosts.IFA')).toBe('IFA weekly cost')
    expect(label('unitCosts.THERAPEUTIC')).toBe('Therapeutic fostering weekly cost')
  })

  it('sensitivity to growth is measured around the scenario, not around zero', () => {
    const d = def({ years: 2, demandGrowth: 0.1, baseline: { IFA: 10 }, proposed: {} })
    const growth = sensitivity(d, table).find((r) => r.assumption === 'demandGrowth')!
    // year 2 baseline = 416,000 × (1 + g): g = 0.08 → 449,280; g = 0.12 → 465,920
    expect(growth.low).toBeCloseTo(416_000 + 449_280, 2)
    expect(growth.high).toBeCloseTo(416_000 + 465_920, 2)
  })

  it('reports cost by option per year that adds up to the totals', () => {
    const analysis = analyseScenario(
      def({
        years: 3,
        demandGrowth: 0.03,
        inflation: 0.02,
        baseline: { IFA: 4, RESIDENTIAL_EXTERNAL: 2 },
        proposed: { IFA: 4, ART_HUB: 2 },
        services: { ART_HUB: { beds: 3, fixedAnnual: 250_000 } }
      }),
      table
    )
    for (const side of ['baseline', 'proposed'] as const) {
      analysis.years.forEach((y, i) => {
        const sum = Object.values(analysis.byOption[side]).reduce((s, costs) => s + itemAt(costs!, i), 0)
        expect(sum).toBeCloseTo(y[side], 6)
      })
    }
    expect(analysis.byOption.proposed.ART_HUB).toEqual([250_000, 255_000, 260_100])
  })
})

describe('demand from the forecast', () => {
  it('replaces the flat growth rate with the demand index, year by year, leaving services alone', () => {
    const r = runScenario(
      def({
        years: 3,
        demandGrowth: 0.5,
        inflation: 0.1,
        demandIndex: [1, 1.1, 1.05],
        baseline: { IFA: 10 },
        proposed: { ART_HUB: 1 },
        services: { ART_HUB: { beds: 3, fixedAnnual: 100_000 } }
      }),
      table
    )
    // 10 × 800 × 52 = 416,000 × index × 1.1^(y−1): 416,000; 503,360; 528,528. The hub: 100,000 × 1.1^(y−1).
    expect(r.years.map((y) => y.baseline)).toEqual([416_000, expect.closeTo(503_360, 6), expect.closeTo(528_528, 6)])
    expect(r.years.map((y) => y.proposed)).toEqual([100_000, expect.closeTo(110_000, 6), expect.closeTo(121_000, 6)])
  })

  it('varies the forecast change, not the unused growth rate, in the tornado, and needs a value for every year', () => {
    const d = def({ years: 2, demandIndex: [1, 1.1], baseline: { IFA: 10 }, proposed: {} })
    const rows = sensitivity(d, table)
    expect(rows.some((r) => r.assumption === 'demandGrowth')).toBe(false)
    // Year 2 = 416,000 × (1 + 0.1 × f): f = 0.8 → 449,280; f = 1.2 → 465,920.
    const demand = rows.find((r) => r.assumption === 'demandIndex')!
    expect(demand.low).toBeCloseTo(416_000 + 449_280, 4)
    expect(demand.high).toBeCloseTo(416_000 + 465_920, 4)
    expect(() => runScenario(def({ years: 3, demandIndex: [1, 1.1], baseline: { IFA: 1 }, proposed: {} }), table)).toThrow(
      /demandIndex: 2 years given for the 3 years modelled/
    )
  })
})
