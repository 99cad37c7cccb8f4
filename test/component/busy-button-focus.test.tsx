import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { CallOutput } from '../../src/shared/api'
import { fakeApi } from './fake-api'

describe('a button pressed from the keyboard while its work runs', () => {
  it('keeps the focus and ignores presses until the work ends', async () => {
    const fake = fakeApi({})
    let finish: (value: { ok: true; value: CallOutput<'export903Files'> }) => void = () => undefined
    let exports = 0
    fake.api.export903Files = () => {
      exports++
      return new Promise((resolve) => (finish = resolve))
    }
    window.api = fake.api
    vi.resetModules()
    const { ExportSection } = await import('../../src/renderer/src/pages/import/ExportSection')
    render(<ExportSection />)
    const button = screen.getByRole('button', { name: 'Download Header.csv and Episodes.csv' })
    button.focus()
    fireEvent.click(button)
    await screen.findByRole('button', { name: 'Preparing the files…' })
    expect(document.activeElement).toBe(button)
    expect(button.getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(button)
    expect(exports).toBe(1)
    await act(async () => finish({ ok: true, value: { files: [], children: 2, episodes: 3 } }))
    await screen.findByText('Downloaded 2 children and 3 episodes.')
    expect(document.activeElement).toBe(button)
    expect(button.getAttribute('aria-disabled')).toBeNull()
  })
})
