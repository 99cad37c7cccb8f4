import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { PanelAction } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const action: PanelAction = {
  id: 3,
  childId: 'DEMO000381',
  childName: 'Hopscotch Custardworth',
  decisionId: 1,
  meetingId: 7,
  meetingDate: '2026-10-28',
  description: 'Send decision letter to carers',
  owner: 'Sam Social',
  dueDate: '2026-11-25',
  doneAt: null,
  status: 'overdue'
}

async function renderActions(listActions: PanelAction[]) {
  const fake = fakeApi({ listActions, actionSummary: { open: 1, overdue: 1, dueSoon: 0, byOwner: [{ owner: 'Sam Social', open: 1, overdue: 1 }] } })
  window.api = fake.api
  vi.resetModules()
  const { ActionsPage } = await import('../../src/renderer/src/pages/panel/ActionsPage')
  render(<ActionsPage />)
  return fake
}

describe('panel actions', () => {
  it('names the child and says the status in words', async () => {
    await renderActions([action])
    const row = (await screen.findByRole('checkbox', { name: 'Done: Send decision letter to carers' })).closest('tr')!
    expect(Array.from(row.querySelectorAll('td')).map((td) => td.textContent)).toEqual([
      '',
      'Send decision letter to carers',
      'Sam Social',
      '25/11/2026',
      'Overdue',
      'Hopscotch Custardworth DEMO000381',
      '28/10/2026'
    ])
  })

  it('says "No actions." when there are none at all, not "No all actions."', async () => {
    await renderActions([])
    fireEvent.click(await screen.findByRole('button', { name: 'All' }))
    expect(await screen.findByText('No actions.')).toBeTruthy()
  })

  it('calls actions that are neither overdue nor done "Not yet due", and says so when there are none', async () => {
    await renderActions([])
    fireEvent.click(await screen.findByRole('button', { name: /^Not yet due/ }))
    expect(await screen.findByText('No actions that are not yet due.')).toBeTruthy()
  })
})
