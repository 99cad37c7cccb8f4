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
    render(<ErrorState error={new ApiCallError('not_found', 'No child with ID X1')} />)
    expect(screen.getByRole('alert').textContent).toContain('No child with ID X1')
    expect(screen.queryByRole('list')).toBeNull()
  })
})
