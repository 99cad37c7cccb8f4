import { render, screen, within } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { CostOption, ScenarioAnalysis, ScenarioDefinition, UnitCostRow } from '../../src/shared/api'
import { fakeApi } from './fake-api'
import { optionColour, optionColours } from '../../src/renderer/src/pages/costs/format'

// jsdom has no canvas to draw a chart on: each chart shows its datasets' names, as its legend would.
vi.mock('react-chartjs-2', () => {
  const Legend = ({ data }: { data: { datasets: { label?: string }[] } }): ReactNode => (
    <ul>
      {data.datasets.map((d) => (
        <li key={d.label}>{d.label}</li>
      ))}
    </ul>
  )
  return { Bar: Legend, Line: Legend }
})

const solo = "Solo children's home"
const options: CostOption[] = [
  { code: 'IFA', label: 'Independent fostering agency', kind: 'placement', retiredFrom: null },
  { code: 'ART_HUB', label: 'ART hub (3 assessment beds + team)', kind: 'service', retiredFrom: null },
  { code: 'MFP', label: 'Multi-functional property', kind: 'service', retiredFrom: null },
  { code: 'SOLO_HOME', label: solo, kind: 'placement', retiredFrom: null }
]
const cost = (optionCode: string, label: string, weekly: number): UnitCostRow => ({
  id: weekly,
  optionCode,
  label,
  weekly,
  annual: weekly * 52,
  effectiveFrom: '2026-04-01',
  source: 'Finance',
  isAssumption: false,
  basis: 'per_child',
  capacity: null
})
const draft: ScenarioDefinition = {
  name: 'Solo homes',
  years: 1,
  weeksPerYear: 52,
  demandGrowth: 0,
  inflation: 0,
  baseline: { IFA: 5, SOLO_HOME: 3 },
  proposed: { IFA: 5, SOLO_HOME: 3, ART_HUB: 1 },
  services: {
    ART_HUB: { beds: 3, fixedAnnual: 598_000, replaces: 'SOLO_HOME' },
    MFP: { units: 1, placesPerUnit: 3, fixedAnnualPerUnit: 156_000, lengthOfStayDays: 90, otherwise: { SOLO_HOME: 1 } }
  },
  unitCosts: {},
  costsAsOf: '2026-11-30'
}
const analysis: ScenarioAnalysis = {
  name: draft.name,
  years: [{ year: 1, baseline: 1_500_000, proposed: 2_000_000, saving: -500_000 }],
  total: { baseline: 1_500_000, proposed: 2_000_000, saving: -500_000 },
  breakEven: {
    ART_HUB: {
      service: 'ART_HUB',
      replaces: 'SOLO_HOME',
      fixedAnnual: 598_000,
      replacedAnnualPerChild: 322_400,
      children: 1.85,
      capacity: 3,
      occupancy: 0.62,
      placed: 1,
      notMoved: 1
    }
  },
  byOption: { baseline: { IFA: [208_000], SOLO_HOME: [967_200] }, proposed: { IFA: [208_000], SOLO_HOME: [967_200], ART_HUB: [598_000] } },
  sensitivity: [],
  unitCosts: { IFA: 800, SOLO_HOME: 6200 }
}

/** An option a commissioner added to the catalogue, named on the Costs page as the built-in ones are: by its name, never its code. */
describe('a placement option added to the catalogue, on the Costs page', () => {
  it('is named by its catalogue label in the editor, the overrides, a service’s shares, the summary, the chart and the mix', async () => {
    window.api = fakeApi({
      appInfo: { today: '2026-11-30' } as never,
      draftScenario: draft,
      listScenarios: [],
      listUnitCosts: [cost('IFA', 'Independent fostering agency', 800), cost('SOLO_HOME', solo, 6200)],
      listOptions: options,
      runScenario: analysis,
      costBaseline: {
        date: '2026-11-30',
        counts: { IFA: 5, SOLO_HOME: 3 },
        afterCare: ['STAYING_PUT', 'SGO'],
        lookedAfter: 8,
        notCosted: 0,
        unmapped: [],
        unmappedTotal: 0,
        rules: []
      }
    }).api
    vi.resetModules()
    const { CostsPage } = await import('../../src/renderer/src/pages/CostsPage')
    render(<CostsPage />)

    // The scenario's rows and their fields.
    expect(await screen.findByLabelText(`Baseline ${solo}`)).toBeTruthy()
    expect(screen.getByLabelText(`Proposed ${solo}`)).toBeTruthy()
    expect(within(screen.getByRole('table', { name: 'Children per option' })).getByText(solo)).toBeTruthy()
    expect(screen.getByLabelText(`Weekly cost override ${solo}`)).toBeTruthy()
    expect(screen.getByLabelText(`MFP otherwise ${solo}`)).toBeTruthy()

    // The results: what the service replaces, the children still counted where they were, and the chart's legend.
    expect((await screen.findByTestId('break-even-ART_HUB')).textContent).toContain(`${solo} (£322,400 a year)`)
    expect(screen.getByTestId('not-moved-ART_HUB').textContent).toContain(`still counted in ${solo} in the proposed children`)
    expect(
      within(screen.getByTestId('chart-cost-by-option'))
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    ).toEqual(['IFA', solo, 'ART hub'])

    // Today's mix from the data.
    expect(within(await screen.findByRole('table', { name: 'Children per placement option' })).getByText(solo)).toBeTruthy()

    // Nowhere in the scenario or its results does the code stand in for the name.
    expect(document.querySelector('.costs-layout')!.textContent).not.toContain('SOLO_HOME')
  })

  it("gives each added option a colour of its own in the charts, none a built-in option's", () => {
    const builtIn = optionColours(['IFA', 'ART_HUB', 'MFP'])
    const colours = optionColours(['IFA', 'SOLO_HOME', 'ART_HUB', 'SHARED_LIVES', 'MFP', 'STEP_DOWN'])
    expect([colours[0], colours[2], colours[4]]).toEqual(builtIn)
    const added = [colours[1], colours[3], colours[5]]
    expect(new Set(added).size).toBe(3)
    for (const c of added) expect(Object.values(optionColour)).not.toContain(c)
  })
})
