import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { DecisionForm, type DecisionInput } from '../../src/renderer/src/pages/panel/DecisionForm'
import type { PanelDecision } from '../../src/shared/api'

const setup = (props: Partial<Parameters<typeof DecisionForm>[0]> = {}) => {
  const onSubmit = vi.fn<(input: DecisionInput) => Promise<string | null>>(async () => null)
  render(<DecisionForm childName="Pip Test" mode="record" initial={null} defaultOwner="Sam Social" onSubmit={onSubmit} autoFocus {...props} />)
  return { onSubmit, form: screen.getByRole('form', { name: props.mode === 'amend' ? 'Amend decision for Pip Test' : 'Decision for Pip Test' }) }
}

describe('decision form', () => {
  it('takes the focus on the outcome, picks it with 1-4 and saves with Ctrl+Enter', async () => {
    const { onSubmit, form } = setup()
    const first = screen.getByRole('radio', { name: /Agreed/ })
    expect(document.activeElement).toBe(first)
    fireEvent.keyDown(first, { key: '3' })
    expect((screen.getByRole('radio', { name: /Deferred/ }) as HTMLInputElement).checked).toBe(true)
    fireEvent.change(screen.getByLabelText('Return to panel by'), { target: { value: '2020-06-10' } })
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Papers late' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add action' }))
    expect((screen.getByLabelText('Owner') as HTMLInputElement).value).toBe('Sam Social')
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'Chase the assessment' } })
    fireEvent.keyDown(screen.getByLabelText('Reasons'), { key: 'Enter', ctrlKey: true })
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit.mock.calls[0][0]).toEqual({
      outcome: 'deferred', returnDate: '2020-06-10', reasons: 'Papers late', conditions: null, support: null, dissent: null,
      actions: [{ description: 'Chase the assessment', owner: 'Sam Social', dueDate: null }], amendmentReason: ''
    })
    expect(form).toBeTruthy()
  })

  it('says what is missing instead of saving, and shows the server\'s refusal', async () => {
    const { onSubmit } = setup()
    fireEvent.click(screen.getByRole('button', { name: /Save decision/ }))
    expect((await screen.findByRole('alert')).textContent).toBe('Choose an outcome (keys 1-4).')
    fireEvent.click(screen.getByRole('radio', { name: /Management oversight/ }))
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Tracked at supervision' } })
    fireEvent.click(screen.getByRole('button', { name: /Save decision/ }))
    expect((await screen.findByRole('alert')).textContent).toBe('Oversight needs a review date.')
    expect(onSubmit).not.toHaveBeenCalled()
    onSubmit.mockResolvedValueOnce('This decision was signed off and is locked.')
    fireEvent.change(screen.getByLabelText('Management review date'), { target: { value: '2020-07-01' } })
    fireEvent.click(screen.getByRole('button', { name: /Save decision/ }))
    expect((await screen.findByRole('alert')).textContent).toBe('This decision was signed off and is locked.')
  })

  it('amends with a required reason, starting from the signed decision, without actions', async () => {
    const signed: PanelDecision = {
      id: 9, childId: 'C1', meetingId: 1, agendaItemId: 2, decisionDate: '2020-04-15', outcome: 'not_agreed', returnDate: null, reasons: 'Not evidenced',
      conditions: null, support: null, dissent: 'One member', quorate: true, locked: true, superseded: false, amendsId: null, amendmentReason: null,
      recordedBy: 'chair', recordedAt: '2020-04-15T10:00:00Z', actions: []
    }
    const { onSubmit } = setup({ mode: 'amend', initial: signed })
    expect((screen.getByLabelText('Reasons') as HTMLTextAreaElement).value).toBe('Not evidenced')
    expect((screen.getByRole('radio', { name: /Not agreed/ }) as HTMLInputElement).checked).toBe(true)
    expect(screen.queryByRole('button', { name: 'Add action' })).toBeNull()
    fireEvent.keyDown(screen.getByRole('radio', { name: /Not agreed/ }), { key: '1' })
    fireEvent.click(screen.getByRole('button', { name: /Save amendment/ }))
    expect((await screen.findByRole('alert')).textContent).toBe('Say why the signed decision is being corrected.')
    fireEvent.change(screen.getByLabelText('Reason for the amendment'), { target: { value: 'Minuted wrongly' } })
    fireEvent.click(screen.getByRole('button', { name: /Save amendment/ }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit.mock.calls[0][0]).toMatchObject({ outcome: 'agreed', amendmentReason: 'Minuted wrongly', dissent: 'One member', actions: [] })
  })
})
