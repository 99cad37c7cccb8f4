import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { CostBaseline, CostOption, MappingPreview } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const options: CostOption[] = [
  { code: 'RESIDENTIAL_EXTERNAL', label: "External children's home", kind: 'placement', retiredFrom: null },
  { code: 'SGO', label: 'Special guardianship', kind: 'placement', retiredFrom: null }
]
const unmapped: CostBaseline['unmapped'] = [
  { place: 'S1', placeProvider: 'PR1', children: 4 },
  { place: 'K2', placeProvider: 'PR4', children: 2 }
]
const preview: MappingPreview = {
  date: '2020-03-31',
  rows: [{ place: 'U1', placeProvider: '*', ageFrom: 0, ageTo: 99, optionCode: 'RESIDENTIAL_EXTERNAL', children: 7 }],
  unmapped,
  unmappedTotal: 6
}

async function renderEditor() {
  const fake = fakeApi({ previewMapping: preview, listOptions: options, setPlacementMapping: null })
  window.api = fake.api
  vi.resetModules()
  const { MappingEditor } = await import('../../src/renderer/src/pages/costs/MappingEditor')
  const view = render(<MappingEditor date="2020-03-31" unmapped={unmapped} />)
  await screen.findAllByRole('option', { name: 'Special guardianship' })
  const saves = () => fake.calls.filter((c) => c.name === 'setPlacementMapping')
  return { fake, view, saves, MappingEditor }
}

describe('placement mapping on the Costs page', () => {
  it('saves an unmapped placement only from its Save, then takes the focus to the next row to map with a notice', async () => {
    const { view, saves, MappingEditor } = await renderEditor()
    const select = screen.getByLabelText('Map S1 PR1') as HTMLSelectElement
    const save = screen.getByRole('button', { name: 'Save mapping of S1 PR1' })
    expect(save.getAttribute('aria-disabled')).toBe('true')
    // What one arrow key on the closed list does.
    fireEvent.change(select, { target: { value: 'SGO' } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(saves()).toEqual([])
    expect(select.value).toBe('SGO')
    expect(save.getAttribute('aria-disabled')).toBeNull()

    save.focus()
    fireEvent.click(save)
    await waitFor(() => expect(saves().map((c) => c.input)).toEqual([{ place: 'S1', placeProvider: 'PR1', ageFrom: 0, ageTo: 99, optionCode: 'SGO' }]))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('S1 PR1 now counts as Special guardianship: 4 children re-costed.'))
    expect(document.activeElement).toBe(save)
    // The baseline read again no longer lists it.
    view.rerender(<MappingEditor date="2020-03-31" unmapped={unmapped.slice(1)} />)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Map K2 PR4')))
  })

  it('changes a stored mapping only from its Save, keeping the focus on it', async () => {
    const { saves } = await renderEditor()
    const select = screen.getByLabelText('Mapping for U1 * any age') as HTMLSelectElement
    fireEvent.change(select, { target: { value: 'SGO' } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(saves()).toEqual([])
    const save = screen.getByRole('button', { name: 'Save mapping for U1 any provider any age' })
    save.focus()
    fireEvent.click(save)
    await waitFor(() => expect(saves().map((c) => c.input)).toEqual([{ place: 'U1', placeProvider: '*', ageFrom: 0, ageTo: 99, optionCode: 'SGO' }]))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('U1 any provider any age now counts as Special guardianship.'))
    expect(document.activeElement).toBe(save)
  })
})
