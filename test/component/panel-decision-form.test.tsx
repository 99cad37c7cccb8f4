import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { DecisionForm, type DecisionInput } from '../../src/renderer/src/pages/panel/DecisionForm'
import { panelDecision } from './panel-decision-record'

const setup = (props: Partial<Parameters<typeof DecisionForm>[0]> = {}) => {
  const onSubmit = vi.fn<(input: DecisionInput) => Promise<string | null>>(async () => null)
  render(<DecisionForm childName="Pip Test" mode="record" initial={null} defaultOwner="Sam Social" onSubmit={onSubmit} {...props} />)
  return { onSubmit, form: screen.getByRole('form', { name: props.mode === 'amend' ? 'Amend decision for Pip Test' : 'Decision for Pip Test' }) }
}

const radio = (name: RegExp): HTMLInputElement => screen.getByRole('radio', { name }) as HTMLInputElement
/** Key presses as the keyboard sends them: each to whatever has the focus at that moment. */
const typeKeys = (keys: string): void => {
  for (const key of keys) fireEvent.keyDown(document.activeElement!, { key })
}

describe('decision form', () => {
  it('does not save while an action’s due date is not a real date, and says why', async () => {
    const { onSubmit } = setup()
    fireEvent.click(radio(/Agreed/))
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Right carers' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add action' }))
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'Send the letter' } })
    const due = screen.getByLabelText('Due')
    fireEvent.change(due, { target: { value: '31/13/2026' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Agreed/ }))
    expect(await screen.findByText('Correct the date marked above, or clear it.')).toBeTruthy()
    expect(screen.getByText('31/13/2026 is not a real date.')).toBeTruthy()
    expect(document.activeElement).toBe(due)
    expect(onSubmit).not.toHaveBeenCalled()
    fireEvent.change(due, { target: { value: '31/12/2026' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Agreed/ }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit.mock.calls[0]?.[0].actions).toEqual([{ description: 'Send the letter', owner: 'Sam Social', dueDate: '2026-12-31' }])
  })

  it('names the action missing its owner and puts the focus on that field', async () => {
    const { onSubmit } = setup({ defaultOwner: null })
    fireEvent.click(radio(/Agreed/))
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Right carers' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add action' }))
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'Send the letter' } })
    fireEvent.change(screen.getByLabelText('Owner'), { target: { value: 'Sam Social' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add action' }))
    fireEvent.change(screen.getAllByLabelText('Action')[1]!, { target: { value: 'Book the training' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Agreed/ }))
    expect(await screen.findByText('Action 2 needs an owner (or remove it).')).toBeTruthy()
    expect(document.activeElement).toBe(screen.getAllByLabelText('Owner')[1])
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('marks a deferral’s return date typed as words beside the field, and gives it the focus', async () => {
    const { onSubmit } = setup()
    fireEvent.click(radio(/Deferred/))
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Awaiting assessment' } })
    const returnBy = screen.getByLabelText('Return to panel by')
    fireEvent.change(returnBy, { target: { value: 'Awaiting parenting assessment' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Deferred/ }))
    expect(await screen.findByText('Correct the date marked above.')).toBeTruthy()
    expect(screen.getByText('Enter a date as DD/MM/YYYY, for example 31/03/2020.')).toBeTruthy()
    expect(returnBy.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(returnBy)
    fireEvent.change(returnBy, { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Deferred/ }))
    expect(await screen.findByText('A deferral needs the date it returns to panel.')).toBeTruthy()
    expect(document.activeElement).toBe(returnBy)
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('marks a return date more than a year after the meeting beside the field and does not save it', async () => {
    const { onSubmit } = setup({ meetingDate: '2020-04-15' })
    fireEvent.click(radio(/Deferred/))
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Awaiting assessment' } })
    const returnBy = screen.getByLabelText('Return to panel by')
    fireEvent.change(returnBy, { target: { value: '10/06/2090' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Deferred/ }))
    expect(await screen.findByText('Correct the date marked above.')).toBeTruthy()
    expect(screen.getByText('The date must be on or before 15/04/2021.')).toBeTruthy()
    expect(document.activeElement).toBe(returnBy)
    expect(onSubmit).not.toHaveBeenCalled()
    fireEvent.change(returnBy, { target: { value: '10/06/2020' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Deferred/ }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ outcome: 'deferred', returnDate: '2020-06-10' })
  })

  it('regression: pressing 3 then typing a date records Deferred, never Not agreed', async () => {
    const { onSubmit } = setup()
    // The chair tabs onto the outcome: "1. Agreed" has the focus, nothing is chosen yet.
    radio(/Agreed/).focus()
    expect(screen.getByRole('button', { name: /^Save/ }).textContent).toMatch(/^Save \(choose an outcome first\)/)
    typeKeys('3')
    expect(radio(/Deferred/).checked).toBe(true)
    // The focus moved on to the return date, so the date's digits go there, not to the outcome radios.
    expect(document.activeElement).toBe(screen.getByLabelText('Return to panel by'))
    typeKeys('10062020')
    expect(radio(/Deferred/).checked).toBe(true)
    expect(radio(/Not agreed/).checked).toBe(false)
    expect(screen.getByRole('button', { name: /^Save/ }).textContent).toMatch(/^Save: Deferred/)
    fireEvent.change(screen.getByLabelText('Return to panel by'), { target: { value: '10/06/2020' } })
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Carer assessment not received' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Deferred/ }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ outcome: 'deferred', returnDate: '2020-06-10' })
  })

  it('acts on number keys only on the outcome: digits in a text field are text', () => {
    setup()
    radio(/Agreed/).focus()
    typeKeys('1')
    expect(radio(/^1\. Agreed/).checked).toBe(true)
    expect(document.activeElement).toBe(screen.getByLabelText('Reasons'))
    typeKeys('4')
    fireEvent.keyDown(screen.getByLabelText('Dissent'), { key: '2' })
    expect(radio(/^1\. Agreed/).checked).toBe(true)
    fireEvent.keyDown(radio(/Agreed/), { key: '2', ctrlKey: true })
    expect(radio(/^1\. Agreed/).checked).toBe(true)
  })

  it('never saves on a plain Enter in a one-line field', () => {
    const { onSubmit } = setup()
    fireEvent.click(radio(/Agreed/))
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Right carers' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add action' }))
    const action = screen.getByLabelText('Action')
    fireEvent.change(action, { target: { value: 'Send the letter' } })
    expect(fireEvent.keyDown(action, { key: 'Enter' })).toBe(false)
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('saves with Ctrl+Enter, and a new action row takes the focus', async () => {
    const { onSubmit } = setup()
    fireEvent.click(radio(/Deferred/))
    fireEvent.change(screen.getByLabelText('Return to panel by'), { target: { value: '10/06/2020' } })
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Papers late' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add action' }))
    expect(document.activeElement).toBe(screen.getByLabelText('Action'))
    expect((screen.getByLabelText('Owner') as HTMLInputElement).value).toBe('Sam Social')
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'Chase the assessment' } })
    fireEvent.keyDown(screen.getByLabelText('Reasons'), { key: 'Enter', ctrlKey: true })
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      outcome: 'deferred',
      returnDate: '2020-06-10',
      reasons: 'Papers late',
      conditions: null,
      support: null,
      dissent: null,
      actions: [{ description: 'Chase the assessment', owner: 'Sam Social', dueDate: null }],
      amendmentReason: '',
      expectedVersion: 0
    })
  })

  it("says what is missing instead of saving, and shows the server's refusal", async () => {
    const { onSubmit } = setup()
    fireEvent.click(screen.getByRole('button', { name: /^Save/ }))
    expect((await screen.findByRole('alert')).textContent).toBe('Choose an outcome (keys 1-4 on the outcome).')
    fireEvent.click(radio(/Management oversight/))
    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Tracked at supervision' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Management oversight/ }))
    // The form says what is missing, and the empty date field is marked beside it.
    expect((await screen.findAllByRole('alert')).map((a) => a.textContent)).toEqual(['Enter a date as DD/MM/YYYY.', 'Oversight needs a review date.'])
    expect(onSubmit).not.toHaveBeenCalled()
    onSubmit.mockResolvedValueOnce('This decision was signed off and is locked.')
    fireEvent.change(screen.getByLabelText('Management review date'), { target: { value: '01/07/2020' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save: Management oversight/ }))
    expect((await screen.findByRole('alert')).textContent).toBe('This decision was signed off and is locked.')
  })

  it('amends with a required reason, starting from the signed decision, without actions', async () => {
    const signed = panelDecision({ outcome: 'not_agreed', reasons: 'Not evidenced', dissent: 'One member', locked: true })
    const { onSubmit } = setup({ mode: 'amend', initial: signed })
    expect((screen.getByLabelText('Reasons') as HTMLTextAreaElement).value).toBe('Not evidenced')
    expect(radio(/Not agreed/).checked).toBe(true)
    expect(screen.getByRole('button', { name: /^Save amendment: Not agreed/ })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Add action' })).toBeNull()
    fireEvent.keyDown(radio(/Not agreed/), { key: '1' })
    fireEvent.click(screen.getByRole('button', { name: /^Save amendment: Agreed/ }))
    expect((await screen.findByRole('alert')).textContent).toBe('Say why the signed decision is being corrected.')
    fireEvent.change(screen.getByLabelText('Reason for the amendment'), { target: { value: 'Minuted wrongly' } })
    fireEvent.click(screen.getByRole('button', { name: /^Save amendment/ }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ outcome: 'agreed', amendmentReason: 'Minuted wrongly', dissent: 'One member', actions: [] })
  })
})
