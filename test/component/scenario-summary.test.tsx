import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { scenarioDefinition, type ScenarioAnalysis } from '../../src/shared/api'
import { ScenarioSummary } from '../../src/renderer/src/pages/costs/ScenarioSummary'

const definition = scenarioDefinition.parse({ name: 'Hub with nobody placed', years: 1, baseline: { IFA: 10 }, proposed: { IFA: 10 } })
const analysisWith = (saving: number): ScenarioAnalysis =>
  ({
    years: [{ year: 1, baseline: 416_000, proposed: 416_000 - saving, saving }],
    total: { baseline: 416_000, proposed: 416_000 - saving, saving },
    breakEven: {}
  }) as unknown as ScenarioAnalysis

describe('scenario summary', () => {
  it('shows an extra cost as an amount under "extra cost", never as a negative one', () => {
    render(<ScenarioSummary definition={definition} analysis={analysisWith(-754_000)} />)
    const tile = screen.getByTestId('total-saving')
    expect(tile.textContent).toBe('£754,000')
    expect(tile.nextElementSibling?.textContent).toBe('extra cost')
  })

  it('shows a saving as the amount under "saving"', () => {
    render(<ScenarioSummary definition={definition} analysis={analysisWith(120_000)} />)
    const tile = screen.getByTestId('total-saving')
    expect(tile.textContent).toBe('£120,000')
    expect(tile.nextElementSibling?.textContent).toBe('saving')
  })
})

describe('children placed in a new service', () => {
  const withArt = (notMoved: number): ScenarioAnalysis =>
    ({
      ...analysisWith(-754_000),
      breakEven: {
        ART_HUB: {
          service: 'ART_HUB',
          replaces: 'RESIDENTIAL_EXTERNAL',
          fixedAnnual: 598_000,
          replacedAnnualPerChild: 213_200,
          children: 2.8,
          capacity: 3,
          occupancy: 0.93,
          placed: 3,
          notMoved
        }
      }
    }) as unknown as ScenarioAnalysis

  it('says when they are still counted in the placement the service replaces, and how to move them', () => {
    render(<ScenarioSummary definition={definition} analysis={withArt(3)} />)
    expect(screen.getByTestId('not-moved-ART_HUB').textContent).toBe(
      '3 children placed in ART hub are still counted in Residential external in the proposed children, so the scenario pays for both places. To move them, lower the proposed Residential external by 3.'
    )
  })

  it('says nothing once they are taken out of it', () => {
    render(<ScenarioSummary definition={definition} analysis={withArt(0)} />)
    expect(screen.queryByTestId('not-moved-ART_HUB')).toBeNull()
  })
})
