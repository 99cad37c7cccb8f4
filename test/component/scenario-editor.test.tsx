import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fieldProblems, scenarioDefinition, type FieldProblem, type ScenarioDefinition } from '../../src/shared/api'
import { ScenarioEditor } from '../../src/renderer/src/pages/costs/ScenarioEditor'

const start = scenarioDefinition.parse({
  name: 'Draft',
  years: 5,
  demandGrowth: 0.02,
  baseline: { IFA: 10, RESIDENTIAL_EXTERNAL: 4 },
  proposed: { IFA: 10, RESIDENTIAL_EXTERNAL: 4 },
  services: { ART_HUB: { beds: 3, fixedAnnual: 598_000 } }
})

function Harness({ seen, problems, tableCosts }: { seen: ScenarioDefinition[]; problems?: FieldProblem[]; tableCosts?: Record<string, number> }) {
  const [value, setValue] = useState(start)
  return (
    <ScenarioEditor
      value={value}
      problems={problems}
      tableCosts={tableCosts}
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

  it('keeps a cleared field blank, saying what the figures still use, and takes the next number as typed', () => {
    const seen: ScenarioDefinition[] = []
    render(<Harness seen={seen} />)
    const years = screen.getByLabelText('Years') as HTMLInputElement
    fireEvent.change(years, { target: { value: '' } })
    // It had snapped to 1 at once, so the 7 typed next read 17.
    expect(years.value).toBe('')
    expect(seen.at(-1)?.years ?? start.years).toBe(5)
    expect(years.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(years.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Years is blank: the figures still use 5 until a number is typed.'
    )
    fireEvent.change(years, { target: { value: '7' } })
    expect(seen.at(-1)!.years).toBe(7)
    expect(years.getAttribute('aria-invalid')).toBeNull()

    // Leaving a blank field shows the number in use again.
    const weeks = screen.getByLabelText('Weeks a year') as HTMLInputElement
    fireEvent.change(weeks, { target: { value: '' } })
    fireEvent.blur(weeks)
    expect(weeks.value).toBe('52')
  })

  it('passes numbers outside the rules to the core as typed, and shows its answer beside the field', () => {
    const seen: ScenarioDefinition[] = []
    const { rerender } = render(<Harness seen={seen} />)
    fireEvent.change(screen.getByLabelText('Years'), { target: { value: '0' } })
    expect(seen.at(-1)!.years).toBe(0)
    fireEvent.change(screen.getByLabelText('Years'), { target: { value: '100' } })
    expect(seen.at(-1)!.years).toBe(100)
    fireEvent.change(screen.getByLabelText('ART hub assessment beds'), { target: { value: '2.5' } })
    expect(seen.at(-1)!.services.ART_HUB?.beds).toBe(2.5)
    // A negative count had been dropped without a word, as if 0 had been typed.
    fireEvent.change(screen.getByLabelText('Proposed IFA'), { target: { value: '-5' } })
    expect(seen.at(-1)!.proposed.IFA).toBe(-5)
    expect(scenarioDefinition.safeParse(seen.at(-1)).success).toBe(false)

    const message = 'Proposed children (IFA) must be at least 0.'
    rerender(<Harness seen={seen} problems={[{ path: 'definition.proposed.IFA', label: 'Proposed children (IFA)', message }]} />)
    const ifa = screen.getByLabelText('Proposed IFA')
    expect(ifa.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(ifa.getAttribute('aria-describedby')!)?.textContent).toBe(message)
  })
})

describe("scenario editor: a service's admissions shares", () => {
  it('passes a negative share to the core as typed, and shows its answer beside that share, naming it as the screen does', () => {
    const seen: ScenarioDefinition[] = []
    const table = { IFA: 800, RESIDENTIAL_EXTERNAL: 4100 }
    const { rerender } = render(<Harness seen={seen} tableCosts={table} />)
    fireEvent.click(screen.getByLabelText('ART hub costed by admissions'))
    fireEvent.change(screen.getByLabelText('ART hub otherwise IFA'), { target: { value: '-10' } })
    // It had been dropped without a word: the Total turned red and nothing named the field.
    const last = seen.at(-1)!
    expect(last.services.ART_HUB?.otherwise).toEqual({ IFA: -0.1 })
    const refused = z.strictObject({ definition: scenarioDefinition }).safeParse({ definition: last })
    const problems = fieldProblems(refused.error!)
    expect(problems).toEqual([
      {
        path: 'definition.services.ART_HUB.otherwise.IFA',
        label: 'ART hub would otherwise use IFA',
        message: 'ART hub would otherwise use IFA must be at least 0%.'
      }
    ])
    rerender(<Harness seen={seen} problems={problems} tableCosts={table} />)
    const share = screen.getByLabelText('ART hub otherwise IFA')
    expect(share.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(share.getAttribute('aria-describedby')!)?.textContent).toBe('ART hub would otherwise use IFA must be at least 0%.')
    expect(screen.getByLabelText('ART hub goes on to IFA').getAttribute('aria-invalid')).toBeNull()
  })
})
