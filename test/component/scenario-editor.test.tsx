import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { scenarioDefinition, type ScenarioDefinition } from '../../src/shared/api'
import { ScenarioEditor } from '../../src/renderer/src/pages/costs/ScenarioEditor'

const start = scenarioDefinition.parse({
  name: 'Draft',
  years: 5,
  demandGrowth: 0.02,
  baseline: { IFA: 10, RESIDENTIAL_EXTERNAL: 4 },
  proposed: { IFA: 10, RESIDENTIAL_EXTERNAL: 4 },
  services: { ART_HUB: { beds: 3, fixedAnnual: 598_000 } }
})

function Harness({ seen }: { seen: ScenarioDefinition[] }) {
  const [value, setValue] = useState(start)
  return (
    <ScenarioEditor
      value={value}
      onChange={(next) => {
        seen.push(next)
        setValue(next)
      }}
    />
  )
}

describe('scenario editor', () => {
  it('edits counts, percentages and services into a scenario definition', () => {
    const seen: ScenarioDefinition[] = []
    render(<Harness seen={seen} />)
    expect((screen.getByLabelText('Demand growth a year') as HTMLInputElement).value).toBe('2')

    fireEvent.change(screen.getByLabelText('Proposed Residential external'), { target: { value: '1' } })
    fireEvent.change(screen.getByLabelText('Proposed ART hub'), { target: { value: '3' } })
    fireEvent.change(screen.getByLabelText('Proposed IFA'), { target: { value: '0' } })
    fireEvent.change(screen.getByLabelText('Inflation a year'), { target: { value: '3.5' } })
    fireEvent.change(screen.getByLabelText('ART hub running cost a year £'), { target: { value: '650000' } })
    fireEvent.click(screen.getByLabelText('MFP'))

    const last = seen.at(-1)!
    expect(last.proposed).toEqual({ RESIDENTIAL_EXTERNAL: 1, ART_HUB: 3 })
    expect(last.baseline).toEqual({ IFA: 10, RESIDENTIAL_EXTERNAL: 4 })
    expect(last.inflation).toBeCloseTo(0.035, 10)
    expect(last.services).toEqual({ ART_HUB: { beds: 3, fixedAnnual: 650_000 }, MFP: { units: 1, placesPerUnit: 3, fixedAnnualPerUnit: 0 } })
    expect(scenarioDefinition.safeParse(last).success).toBe(true)
    expect(screen.getByText('-3')).toBeTruthy()
  })

  it('overrides a weekly cost for this scenario only, and clearing it goes back to the table', () => {
    const seen: ScenarioDefinition[] = []
    render(<Harness seen={seen} />)
    const ifa = screen.getByLabelText('Weekly cost override IFA') as HTMLInputElement
    expect(ifa.value).toBe('')
    fireEvent.change(ifa, { target: { value: '875.5' } })
    expect(seen.at(-1)!.unitCosts).toEqual({ IFA: 875.5 })
    fireEvent.change(ifa, { target: { value: '' } })
    expect(seen.at(-1)!.unitCosts).toEqual({})
    expect(screen.queryByLabelText('Weekly cost override ART hub')).toBeNull()
  })
})
