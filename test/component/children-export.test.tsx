import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ChildSummary } from '../../src/shared/api'
import { fakeApi } from './fake-api'
import { chairInfo } from './tracker-fixtures'

const child = (childId: string, dob: string): ChildSummary => ({
  childId,
  name: `Umber ${childId}`,
  sex: 'F',
  dob,
  legalStatus: 'C2',
  placement: 'U4',
  placementProvider: 'PR1',
  carer: null,
  lookedAfter: true,
  episodes: 1
})

/** The children page at `hash` on a chair's desk, the grid answering with `rows`. */
async function renderChildren(hash: string, rows: ChildSummary[]) {
  window.location.hash = hash
  const fake = fakeApi({
    appInfo: chairInfo,
    getMe: { user: 'chair', roles: ['chair'], chosen: true, source: 'desk' },
    childrenPage: { rows, total: rows.length }
  })
  window.api = fake.api
  const { vi } = await import('vitest')
  vi.resetModules()
  const { App } = await import('../../src/renderer/src/App')
  render(<App />)
  // jsdom has no object URLs; the download itself is the e2e test's.
  URL.createObjectURL = () => 'blob:test'
  URL.revokeObjectURL = () => undefined
  return { fake, button: (await screen.findByRole('button', { name: 'Export to Excel' })) as HTMLButtonElement }
}

// The first render imports ag-grid, which is slow on a busy machine.
describe('the children page’s Export to Excel', () => {
  it('asks for every child the grid holds, with its tick, search and header sort, once however often it is pressed while preparing', async () => {
    const { fake, button } = await renderChildren('#/children?all=1&sort=dob.desc', [child('C1', '2012-01-01'), child('C2', '2010-01-01')])
    fireEvent.change(screen.getByLabelText('Search children'), { target: { value: 'Umber' } })
    await waitFor(() => expect(fake.calls.filter((c) => c.name === 'childrenPage').at(-1)?.input).toMatchObject({ search: 'Umber' }))
    await waitFor(() => expect(button.disabled).toBe(false))
    let answer: (value: { ok: true; value: unknown }) => void = () => undefined
    fake.api.exportChildren = (input) => {
      fake.calls.push({ name: 'exportChildren', input })
      return new Promise((resolve) => (answer = resolve as typeof answer))
    }
    fireEvent.click(button)
    fireEvent.click(button)
    expect(screen.getByText('Preparing the workbook…')).toBeTruthy()
    expect(button.disabled).toBe(true)
    answer({ ok: true, value: { fileName: 'permanence-children-2020-03-31.xlsx', base64: btoa('PK'), rows: 2 } })
    expect(await screen.findByText('Downloaded permanence-children-2020-03-31.xlsx (2 children).')).toBeTruthy()
    expect(button.disabled).toBe(false)
    expect(fake.calls.filter((c) => c.name === 'exportChildren').map((c) => c.input)).toEqual([
      { filters: { lookedAfterOnly: false }, search: 'Umber', sort: [{ column: 'dob', direction: 'desc' }] }
    ])
  })

  it('says why when the workbook is refused, and is not offered for an empty list', async () => {
    const { fake, button } = await renderChildren('#/children', [child('C1', '2012-01-01')])
    await waitFor(() => expect(button.disabled).toBe(false))
    fake.api.exportChildren = async () => ({
      ok: false,
      error: { code: 'forbidden', message: 'Not permitted for your role: the list of children names children, and a commissioner’s work is numbers only.' }
    })
    fireEvent.click(button)
    expect(await screen.findByText(/^Not permitted for your role: the list of children/)).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Search children'), { target: { value: 'nobody' } })
    fake.api.childrenPage = async () => ({ ok: true, value: { rows: [], total: 0 } })
    expect(await screen.findByText('No child matches “nobody”.')).toBeTruthy()
    expect(button.disabled).toBe(true)
  })
})
