import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ApiCallError } from '../../src/renderer/src/api'
import { ErrorState } from '../../src/renderer/src/components/States'

describe('the shared error display', () => {
  it('lists each field of an invalid-input error in its own sentence, not the raw message', () => {
    const fields = [
      { path: 'definition.demandGrowth', label: 'Demand growth', message: 'Demand growth must be at most 100%.' },
      { path: 'definition.years', label: 'Years', message: 'Years must be at least 1.' }
    ]
    render(<ErrorState error={new ApiCallError('invalid_input', 'Please check 2 fields: …', undefined, fields)} />)
    expect(screen.getByText('2 details need changing.')).toBeTruthy()
    const items = screen.getAllByRole('listitem').map((li) => [li.getAttribute('data-field'), li.textContent])
    expect(items).toEqual([
      ['definition.demandGrowth', 'Demand growth must be at most 100%.'],
      ['definition.years', 'Years must be at least 1.']
    ])
  })

  it('shows any other error by its message', () => {
    render(<ErrorState error={new ApiCallError('internal', 'disk full')} onRetry={() => undefined} />)
    expect(screen.getByRole('alert').textContent).toBe('Something went wrong. disk fullTry again')
    expect(screen.queryByRole('list')).toBeNull()
  })

  it('says a missing record was not found, with the way home and no retry (an old link finds nothing twice)', () => {
    render(<ErrorState error={new ApiCallError('not_found', 'No child with ID X1')} onRetry={() => undefined} />)
    expect(screen.getByRole('alert').textContent).toBe('Not found. No child with ID X1 Go to the home page')
    expect(screen.getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).toBe('#/')
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
  })
})

describe('refused input without fields', () => {
  it('asks for a correction rather than saying something went wrong, and offers no retry', () => {
    const message = 'notes.csv: is not a 903 Header or Episodes table'
    render(<ErrorState error={new ApiCallError('invalid_input', message)} onRetry={() => undefined} />)
    expect(screen.getByRole('alert').textContent).toBe(`This needs correcting. ${message}`)
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
  })
})

describe('a refused form', () => {
  it('shows the problem beside the field it is about, and marks that field invalid', async () => {
    const { fireEvent } = await import('@testing-library/react')
    const { vi } = await import('vitest')
    const { fakeApi } = await import('./fake-api')
    const fake = fakeApi({ listTrackerViews: [] })
    const field = { path: 's20Months', label: 's20 without a decision, months', message: 's20 without a decision, months must be at least 1.' }
    window.api = {
      ...fake.api,
      setDriftThresholds: async () => ({ ok: false, error: { code: 'invalid_input', message: field.message, fields: [field] } })
    } as typeof fake.api
    vi.resetModules()
    const { DriftSettings } = await import('../../src/renderer/src/pages/tracker/TrackerControls')
    render(<DriftSettings thresholds={{ fcoMonths: 6, s20Months: 12, placementsIn12Months: 3, panelLookMonths: 12, pwpMonths: 6 }} />)
    fireEvent.change(screen.getByLabelText('s20 without a decision, months', { exact: false, selector: 'input' }), { target: { value: '0' } })
    // Submitted past the browser's own min check, as the API sees any value it is sent.
    fireEvent.submit(screen.getByRole('button', { name: 'Save thresholds' }).closest('form')!)
    await screen.findByText('Not saved: see the fields marked.')
    const note = await screen.findByText('s20 without a decision, months must be at least 1.')
    const input = screen.getByLabelText('s20 without a decision, months', { exact: false, selector: 'input' })
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(input.getAttribute('aria-describedby')).toBe(note.id)
    expect(screen.getByLabelText('FCO without a decision, months', { exact: false, selector: 'input' }).getAttribute('aria-invalid')).toBeNull()
  })
})
