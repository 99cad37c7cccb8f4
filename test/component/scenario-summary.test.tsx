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
