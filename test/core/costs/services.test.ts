import { describe, expect, it } from 'vitest'
import { scenarioDefinition, type ScenarioInput } from '../../../src/shared/api'
import { analyseScenario, runScenario, sensitivity, type WeeklyCosts } from '../../../src/main/core/costs/formula'

const table: WeeklyCosts = { IFA: 800, FOSTER_INHOUSE: 549, RESIDENTIAL_EXTERNAL: 4100, EXTERNAL_16PLUS: 1250, SUPPORTED_LODGINGS: 385, PARENT_CHILD: 1500 }
const def = (input: Omit<ScenarioInput, 'name'>) => scenarioDefinition.parse({ name: 'test', ...input })

// An assessment hub costed by its admissions. Every figure below was worked by hand:
// throughput = 3 beds × 0.8 × 365 / 73 days = 12 admissions a year when fully open.
// Otherwise: 4100 × (73/7 + 52) = 255,957.142857 per admission; destinations: (549 + 800)/2 × 52 = 35,074.
const hub = {
  years: 2,
  inflation: 0.1,
  baseline: {},
  proposed: {},
  services: {
    ART_HUB: {
      beds: 3,
      fixedAnnual: 300_000,
      occupancy: 0.8,
      lengthOfStayDays: 73,
      phasing: [0.5],
      setUpCost: 50_000,
      otherwise: { RESIDENTIAL_EXTERNAL: 1 },
      destinations: { FOSTER_INHOUSE: 0.5, IFA: 0.5 }
    }
  }
}

describe('services costed by admissions', () => {
  it('works out throughput, phasing, set-up and avoided cost by hand', () => {
    const r = runScenario(def(hub), table)
    // Year 1, half open: 6 admissions. Baseline 6 × 255,957.142857; proposed 150,000 running + 50,000 set-up + 6 × 35,074.
    expect(r.years[0]?.baseline).toBeCloseTo(1_535_742.857143, 4)
    expect(r.years[0]?.proposed).toBeCloseTo(410_444, 4)
    // Year 2, fully open, × 1.1: baseline 12 × 255,957.142857 × 1.1; proposed (300,000 + 12 × 35,074) × 1.1.
    expect(r.years[1]?.baseline).toBeCloseTo(3_378_634.285714, 4)
    expect(r.years[1]?.proposed).toBeCloseTo(792_976.8, 4)
    // Break-even: each admission avoids 220,883.142857; a place filled all year admits 5 (365/73).
    const be = r.breakEven.ART_HUB!
    expect(be.flow!.admissionsPerYear).toBeCloseTo(12, 10)
    expect(be.flow!.avoidedPerAdmission).toBeCloseTo(220_883.142857, 4)
    expect(be.flow!.breakEvenAdmissions).toBeCloseTo(300_000 / 220_883.142857, 8)
    expect(be.replacedAnnualPerChild).toBeCloseTo(1_104_415.714286, 4)
    expect(be.children).toBeCloseTo(300_000 / 1_104_415.714286, 8)
    expect(be.occupancy).toBeCloseTo(300_000 / 1_104_415.714286 / 3, 8)
    expect(be).toMatchObject({ replaces: 'RESIDENTIAL_EXTERNAL', capacity: 3 })
    expect(be.placed).toBeCloseTo(2.4, 10)
  })

  it('opens in its start year, and adds staffing lines to the running cost', () => {
    const r = runScenario(
      def({
        ...hub,
        years: 3,
        inflation: 0,
        services: {
          ART_HUB: {
            ...hub.services.ART_HUB,
            startYear: 2,
            phasing: undefined,
            staffing: [{ role: 'Clinical psychologist', fte: 2, annualCostPerFte: 60_000 }]
          }
        }
      }),
      table
    )
    expect(r.years[0]).toMatchObject({ baseline: 0, proposed: 0 })
    // Year 2: 12 admissions; running 300,000 + 2 × 60,000 = 420,000, set-up 50,000, destinations 12 × 35,074.
    expect(r.years[1]?.baseline).toBeCloseTo(12 * 255_957.142857, 3)
    expect(r.years[1]?.proposed).toBeCloseTo(420_000 + 50_000 + 420_888, 4)
    expect(r.years[2]?.proposed).toBeCloseTo(420_000 + 420_888, 4)
    expect(r.breakEven.ART_HUB!.fixedAnnual).toBe(420_000)
  })

  it('costs double-occupancy and parent-and-child places of an MFP', () => {
    // 3 units × 2 places = 6 places, all filled, a year's stay: 6 admissions. 2 of 6 places are parent-and-child,
    // which would otherwise have been a parent-and-child placement at 1500 a week; the rest 16+ external at 1250.
    // Per admission: 365/7 × (4/6 × 1250 + 2/6 × 1500) = 69,523.809524; nothing counted after the stay.
    const r = runScenario(
      def({
        years: 1,
        baseline: {},
        proposed: {},
        services: {
          MFP: {
            units: 3,
            placesPerUnit: 2,
            fixedAnnualPerUnit: 100_000,
            occupancy: 1,
            lengthOfStayDays: 365,
            followOnWeeks: 0,
            ageBand: { from: 16, to: 17 },
            parentAndChildPlaces: 2,
            parentAndChildOtherwise: 'PARENT_CHILD',
            otherwise: { EXTERNAL_16PLUS: 1 },
            destinations: { SUPPORTED_LODGINGS: 1 }
          }
        }
      }),
      table
    )
    expect(r.years[0]?.baseline).toBeCloseTo(6 * 69_523.809524, 3)
    expect(r.years[0]?.proposed).toBe(300_000)
  })

  it('takes any other service by its own code', () => {
    const r = runScenario(
      def({
        years: 1,
        baseline: { IFA: 1 },
        proposed: { IFA: 1 },
        services: {
          other: {
            MISTLE: {
              label: 'MISTLE therapeutic service',
              places: 10,
              fixedAnnual: 200_000,
              lengthOfStayDays: 182.5,
              occupancy: 0.5,
              followOnWeeks: 26,
              otherwise: { IFA: 1 },
              destinations: { FOSTER_INHOUSE: 1 }
            }
          }
        }
      }),
      table
    )
    // 10 × 0.5 × 365 / 182.5 = 10 admissions; otherwise 800 × (26.071429 + 26) = 41,657.142857; destinations 549 × 26 = 14,274.
    expect(r.years[0]?.baseline).toBeCloseTo(41_600 + 10 * 41_657.142857, 3)
    expect(r.years[0]?.proposed).toBeCloseTo(41_600 + 200_000 + 142_740, 3)
    expect(r.breakEven.MISTLE).toMatchObject({ service: 'MISTLE', replaces: 'IFA', capacity: 10 })
  })

  it('puts occupancy, length of stay and set-up cost in the tornado', () => {
    const rows = sensitivity(def(hub), table)
    const by = (a: string) => rows.find((r) => r.assumption === a)!
    // Occupancy 0.64 → 0.96 is 0.32 / 0.8 = 40% of the 6 + 12 admissions, each saving 220,883.142857 (× 1.1 in year 2).
    const perAdmission = 220_883.142857
    expect(by('services.ART_HUB.occupancy').high - by('services.ART_HUB.occupancy').low).toBeCloseTo(0.4 * (6 + 12 * 1.1) * perAdmission, 2)
    expect(by('services.ART_HUB.lengthOfStayDays').swing).toBeGreaterThan(0)
    expect(by('services.ART_HUB.setUpCost').swing).toBeCloseTo(20_000, 6)
    expect(by('unitCosts.RESIDENTIAL_EXTERNAL').swing).toBeGreaterThan(0)
    expect(by('services.ART_HUB.fixedAnnual').label).toBe('ART hub fixed cost')
  })

  it('reports the service on each side by option, adding up to the totals', () => {
    const a = analyseScenario(def(hub), table)
    a.years.forEach((y, i) => {
      expect(a.byOption.baseline.ART_HUB![i]).toBeCloseTo(y.baseline, 6)
      expect(a.byOption.proposed.ART_HUB![i]).toBeCloseTo(y.proposed, 6)
    })
  })

  it.each([
    {
      services: { ART_HUB: { ...hub.services.ART_HUB, otherwise: { RESIDENTIAL_EXTERNAL: 0.7 } } },
      message: /^ART hub: the shares it would otherwise use add up to 70%, not 100% \(services\.ART_HUB\.otherwise\)\.$/
    },
    {
      services: { ART_HUB: { ...hub.services.ART_HUB, destinations: { IFA_HIGH: 1 } } },
      message: /^ART hub: High-cost IFA, which it goes on to, has no weekly unit cost \(services\.ART_HUB\.destinations\.IFA_HIGH\)\.$/
    },
    {
      services: hub.services,
      proposed: { ART_HUB: 3 },
      message: /^ART hub: costed by its admissions \(length of stay\), so do not also count places for it .*\(services\.ART_HUB\)\.$/
    },
    {
      services: { MFP: { units: 1, placesPerUnit: 2, fixedAnnualPerUnit: 1, lengthOfStayDays: 30, parentAndChildPlaces: 3 } },
      message: /^MFP: 3 parent-and-child places is more than its 2 places \(services\.MFP\.parentAndChildPlaces\)\.$/
    },
    {
      services: { ART_HUB: { ...hub.services.ART_HUB, startYear: 5 } },
      message: /^ART hub: opening year 5 is after the 2 years modelled \(services\.ART_HUB\.startYear\)\.$/
    }
  ])('refuses $message', ({ services, proposed, message }) => {
    expect(() => runScenario(def({ ...hub, proposed: proposed ?? {}, services }), table)).toThrow(message)
  })
})
