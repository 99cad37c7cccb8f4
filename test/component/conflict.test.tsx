import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { ApiCallError } from '../../src/renderer/src/api'
import { DecisionForm, type DecisionInput } from '../../src/renderer/src/pages/panel/DecisionForm'
import { panelDecision } from './panel-decision-record'

const theirs = panelDecision({
  id: 4,
  reasons: 'Bea’s reasons',
  support: 'Respite monthly',
  recordedBy: 'bea_chair',
  recordedAt: '2020-04-15T10:05:00Z',
  actions: [
    {
      id: 3,
      childId: 'C1',
      childName: 'Pip Test',
      decisionId: 4,
      meetingId: 1,
      meetingDate: '2020-04-15',
      description: 'Send the letter',
      owner: 'Bea',
      dueDate: null,
      doneAt: null,
      status: 'open'
    }
  ]
})
const message = 'bea_chair changed the decision for C1 at 15/04/2020 11:05 (outcome, reasons and support) after you opened it, so your changes were not saved.'

describe('a save refused because someone else changed the decision first', () => {
  it('keeps what the user typed, shows who changed what and their values, and loads their version on request', async () => {
    const onSubmit = vi.fn<(input: DecisionInput) => Promise<ApiCallError | null>>()
    onSubmit.mockResolvedValueOnce(new ApiCallError('conflict', message, { current: theirs }))
    onSubmit.mockResolvedValueOnce(null)
    render(<DecisionForm childName="Pip Test" mode="record" initial={null} defaultOwner={null} onSubmit={onSubmit} />)
    fireEvent.click(screen.getByRole('radio', { name: /Not agreed/ }))
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'My reasons, typed at the same time' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add action' }))
    fireEvent.change(screen.getByLabelText('Action', { exact: true }), { target: { value: 'Chase the report' } })
    fireEvent.change(screen.getByLabelText('Owner'), { target: { value: 'Sam' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Not agreed/ }))

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(message)
    expect(onSubmit.mock.calls[0]?.[0].expectedVersion).toBe(0)
    // Nothing typed is lost: the form still holds it, and the notice shows it beside theirs.
    expect((screen.getByLabelText('Reasons') as HTMLTextAreaElement).value).toBe('My reasons, typed at the same time')
    const rows = within(alert)
      .getAllByRole('row')
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))
    expect(rows).toEqual([
      ['Field', 'Their version (saved)', 'Your text (not saved)'],
      ['Outcome', 'Agreed', 'Not agreed'],
      ['Reasons', 'Bea’s reasons', 'My reasons, typed at the same time'],
      ['Support and training', 'Respite monthly', '(empty)'],
      ['Open actions', 'Send the letter (Bea)', 'Chase the report (Sam)']
    ])
    expect(screen.getByRole('form').getAttribute('data-unsaved')).toBe('true')

    fireEvent.click(within(alert).getByRole('button', { name: 'Load their version' }))
    expect((screen.getByLabelText('Reasons') as HTMLTextAreaElement).value).toBe('Bea’s reasons')
    expect((screen.getByRole('radio', { name: /Agreed/ }) as HTMLInputElement).checked).toBe(true)
    // Saving replaces the open actions: theirs come into the form with the rest of their decision.
    expect((screen.getByLabelText('Action', { exact: true }) as HTMLInputElement).value).toBe('Send the letter')
    // The user's own text stays on screen to copy from.
    expect(screen.getByRole('alert').textContent).toContain('My reasons, typed at the same time')
    expect(within(screen.getByRole('alert')).queryByRole('button', { name: 'Load their version' })).toBeNull()

    fireEvent.change(screen.getByLabelText('Conditions'), { target: { value: 'Added after reading theirs' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Agreed/ }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2))
    expect(onSubmit.mock.calls[1]?.[0]).toMatchObject({
      outcome: 'agreed',
      reasons: 'Bea’s reasons',
      support: 'Respite monthly',
      conditions: 'Added after reading theirs',
      expectedVersion: 1,
      actions: [{ description: 'Send the letter', owner: 'Bea', dueDate: null }]
    })
  })

  it('shows any other refusal as a plain problem', async () => {
    const onSubmit = vi.fn(async () => new ApiCallError('locked', 'This decision was signed off and is locked.'))
    render(<DecisionForm childName="Pip Test" mode="record" initial={null} defaultOwner={null} onSubmit={onSubmit} />)
    fireEvent.click(screen.getByRole('radio', { name: /Not agreed/ }))
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'x' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Not agreed/ }))
    expect((await screen.findByRole('alert')).textContent).toBe('This decision was signed off and is locked.')
    expect(screen.queryByRole('button', { name: 'Load their version' })).toBeNull()
  })
})
