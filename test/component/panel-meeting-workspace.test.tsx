import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { callNames, type AgendaItem, type ApiClient, type ChildSummary, type MeetingDetail } from '../../src/shared/api'
import { fakeApi } from './fake-api'
import { panelDecision } from './panel-decision-record'

const child = (childId: string, name: string): ChildSummary => ({
  childId,
  name,
  sex: 'F',
  dob: '2012-01-01',
  legalStatus: 'C2',
  placement: 'U4',
  placementProvider: 'PR1',
  carer: null,
  lookedAfter: true,
  episodes: 2
})
const item = (id: number, childId: string, childName: string, position: number): AgendaItem => ({
  id,
  childId,
  childName,
  position,
  slotTime: null,
  socialWorker: null,
  reason: null,
  papers: [{ kind: 'Child permanence report', received: false, file: null }],
  decision: null,
  superseded: [],
  referralWithdrawn: null,
  alsoOnAgendaOf: [],
  version: 1
})
const meeting = (agenda: AgendaItem[]): MeetingDetail => ({
  id: 1,
  date: '2020-04-15',
  startTime: '10:00',
  place: 'Room 1',
  online: false,
  chair: 'Ada Chair',
  status: 'planned',
  items: agenda.length,
  decided: 0,
  signedBy: null,
  signedAt: null,
  notes: null,
  quorumRule: { minMembers: 1, requireChair: false, requireRoles: [] },
  quorum: { quorate: true, present: 1, shortfalls: [] },
  members: [{ id: 1, name: 'Ada Chair', role: 'chair', attended: true }],
  agenda,
  lastSave: null,
  upcoming: false,
  version: 1
})

/**
 * The meeting as the core holds it: each call that answers with the whole meeting leaves
 * it so, and getMeeting (which every write makes the page load again) answers that.
 */
async function renderMeeting(answers: Parameters<typeof fakeApi>[0], overrides: Partial<ApiClient> = {}) {
  const fake = fakeApi(answers)
  let stored = answers.getMeeting
  const isMeeting = (value: unknown): value is MeetingDetail => typeof value === 'object' && value !== null && 'agenda' in value
  window.api = Object.fromEntries(
    callNames.map((name) => [
      name,
      async (input: never) => {
        const result = await (overrides[name] ?? fake.api[name])(input)
        if (name === 'getMeeting') return stored instanceof Error || stored === undefined ? result : { ok: true, value: stored }
        if (result.ok && isMeeting(result.value)) stored = result.value
        return result
      }
    ])
  ) as ApiClient
  vi.resetModules()
  const { MeetingPage } = await import('../../src/renderer/src/pages/panel/MeetingPage')
  render(<MeetingPage meetingId={1} />)
  await screen.findByRole('heading', { level: 1 })
  return fake
}

// Each test imports the page afresh (its module reads window.api): slow on a shared machine.
describe('meeting workspace', () => {
  it('adds any child found by search with the keyboard, and keeps the focus in the search', async () => {
    const first = item(10, 'DEMO000001', 'Ash Tree', 1)
    const fake = await renderMeeting({
      getMeeting: meeting([first]),
      suggestAgenda: [],
      listChildren: [child('DEMO000001', 'Ash Tree'), child('DEMO000002', 'Pip Tree'), child('DEMO000003', 'Oak Tree')],
      addAgendaItem: meeting([first, item(11, 'DEMO000002', 'Pip Tree', 2)])
    })
    const search = screen.getByRole('combobox', { name: 'Add any child by name or child ID' })
    search.focus()
    fireEvent.change(search, { target: { value: 'Tree' } })
    // The paper picker's <select> has options too: these are the search's own.
    const found = await screen.findByRole('listbox', { name: 'Children found' })
    const options = within(found).getAllByRole('option')
    expect(options.map((o) => o.textContent)).toEqual([
      'Ash Tree DEMO000001 · Full care order (C2) · already on the agenda',
      'Pip Tree DEMO000002 · Full care order (C2)',
      'Oak Tree DEMO000003 · Full care order (C2)'
    ])
    expect(fake.calls.find((c) => c.name === 'listChildren')!.input).toEqual({ search: 'Tree', limit: 9 })
    expect(options[0]?.getAttribute('aria-disabled')).toBe('true')
    fireEvent.keyDown(search, { key: 'ArrowDown' })
    expect(search.getAttribute('aria-activedescendant')).toBe(options[1]?.id)
    fireEvent.keyDown(search, { key: 'Enter' })
    await waitFor(() => expect(fake.calls.find((c) => c.name === 'addAgendaItem')?.input).toEqual({ meetingId: 1, childId: 'DEMO000002', reason: null }))
    await screen.findByText('Pip Tree (DEMO000002) added to the agenda.')
    expect(document.activeElement).toBe(search)
    expect((search as HTMLInputElement).value).toBe('')
    expect(screen.getByRole('list', { name: 'Agenda' }).textContent).toContain('2. Pip Tree')
  })

  it('asks on the page before adding a child already on another open meeting’s agenda, and adds them only once the chair says so', async () => {
    const first = item(10, 'DEMO000001', 'Ash Tree', 1)
    const added = meeting([first, item(11, 'DEMO000002', 'Pip Tree', 2)])
    const sent: unknown[] = []
    const alsoOn =
      'Pip Tree (DEMO000002) is already on the agenda of the meeting on 20/05/2020, not yet signed off: added here too, they could be decided at both.'
    const fake = await renderMeeting(
      { getMeeting: meeting([first]), suggestAgenda: [], listChildren: [child('DEMO000002', 'Pip Tree')] },
      {
        addAgendaItem: async (input) => {
          sent.push(input)
          return input.confirm
            ? { ok: true, value: added }
            : {
                ok: false,
                error: { code: 'conflict', message: `DEMO000002 was not added. ${alsoOn} Confirm to add them anyway.`, details: { confirm: [alsoOn] } }
              }
        }
      }
    )
    const confirmSpy = vi.spyOn(window, 'confirm')
    const search = screen.getByRole('combobox', { name: 'Add any child by name or child ID' })
    search.focus()
    fireEvent.change(search, { target: { value: 'Pip' } })
    await screen.findByRole('option', { name: /Pip Tree/ })
    fireEvent.keyDown(search, { key: 'Enter' })

    const question = await screen.findByTestId('confirm-agenda-add')
    expect(question.textContent).toContain(alsoOn)
    expect(screen.getByRole('list', { name: 'Agenda' }).textContent).not.toContain('Pip Tree')
    // Asked on the page, once: no banner saying it again, no browser dialog.
    expect(screen.getAllByText(alsoOn, { exact: false })).toHaveLength(1)
    expect(confirmSpy).not.toHaveBeenCalled()
    const addToo = within(question).getByRole('button', { name: 'Add to this meeting too' })
    await waitFor(() => expect(document.activeElement).toBe(addToo))

    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByTestId('confirm-agenda-add')).toBeNull()
    expect(document.activeElement).toBe(search)
    expect(sent).toEqual([{ meetingId: 1, childId: 'DEMO000002', reason: null }])

    fireEvent.keyDown(search, { key: 'Enter' })
    fireEvent.click(within(await screen.findByTestId('confirm-agenda-add')).getByRole('button', { name: 'Add to this meeting too' }))
    await screen.findByText('Pip Tree (DEMO000002) added to the agenda.')
    expect(sent.at(-1)).toEqual({ meetingId: 1, childId: 'DEMO000002', reason: null, confirm: true })
    expect(screen.queryByTestId('confirm-agenda-add')).toBeNull()
    expect(screen.getByRole('list', { name: 'Agenda' }).textContent).toContain('2. Pip Tree')
    expect(fake.calls.some((c) => c.name === 'addAgendaItem')).toBe(false)
  })

  it("moves the focus to the decision's first field when a child is chosen on the agenda, and to the heading of a decision already recorded", async () => {
    const decided = { ...item(12, 'DEMO000003', 'Oak Tree', 3), decision: panelDecision({ outcome: 'agreed', reasons: 'Settled with the carers.' }) }
    await renderMeeting({ getMeeting: meeting([item(10, 'DEMO000001', 'Ash Tree', 1), item(11, 'DEMO000002', 'Pip Tree', 2), decided]), suggestAgenda: [] })
    fireEvent.click(screen.getByRole('button', { name: /^2\. Pip Tree/ }))
    const form = screen.getByRole('form', { name: 'Decision for Pip Tree' })
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByRole('radio', { name: '1. Agreed' })))
    // One file control for the child, not one per paper.
    expect(document.querySelectorAll('input[type=file]')).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: /^3\. Oak Tree/ }))
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Decision for Oak Tree'))
  })

  it('asks before another child on the agenda replaces a decision typed and not saved, and keeps it when the chair stays', async () => {
    await renderMeeting({ getMeeting: meeting([item(10, 'DEMO000001', 'Ash Tree', 1), item(11, 'DEMO000002', 'Pip Tree', 2)]), suggestAgenda: [] })
    const form = screen.getByRole('form', { name: 'Decision for Ash Tree' })
    fireEvent.click(within(form).getByRole('radio', { name: '1. Agreed' }))
    fireEvent.change(within(form).getByLabelText('Reasons'), { target: { value: 'Settled; carers committed to her into adulthood.' } })
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false)
    fireEvent.click(screen.getByRole('button', { name: /^2\. Pip Tree/ }))
    expect(confirm).toHaveBeenCalledWith('Open another child? What you have typed for Ash Tree and not saved will be lost.')
    expect((within(screen.getByRole('form', { name: 'Decision for Ash Tree' })).getByLabelText('Reasons') as HTMLTextAreaElement).value).toBe(
      'Settled; carers committed to her into adulthood.'
    )
    // Choosing the child already open is not leaving it.
    fireEvent.click(screen.getByRole('button', { name: /^1\. Ash Tree/ }))
    expect(confirm).toHaveBeenCalledTimes(1)
    confirm.mockReturnValue(true)
    fireEvent.click(screen.getByRole('button', { name: /^2\. Pip Tree/ }))
    expect(confirm).toHaveBeenCalledTimes(2)
    await screen.findByRole('form', { name: 'Decision for Pip Tree' })
    // An untouched form is left without a question.
    fireEvent.click(screen.getByRole('button', { name: /^1\. Ash Tree/ }))
    await screen.findByRole('form', { name: 'Decision for Ash Tree' })
    expect(confirm).toHaveBeenCalledTimes(2)
    confirm.mockRestore()
  })

  it('says beside Save that a decision saved while the panel is not quorate is recorded so', async () => {
    const notQuorate = {
      ...meeting([item(10, 'DEMO000001', 'Ash Tree', 1)]),
      quorum: { quorate: false, present: 0, shortfalls: ['0 of 3 members present', 'the chair is not present'] }
    }
    await renderMeeting({ getMeeting: notQuorate, suggestAgenda: [] })
    const form = screen.getByRole('form', { name: 'Decision for Ash Tree' })
    expect(within(form).getByTestId('decision-not-quorate').textContent).toBe(
      'The panel is not quorate (0 of 3 members present; the chair is not present): a decision saved now is recorded as made while the panel was not quorate. ' +
        'If members are here, tick them present under “Members and attendance” first.'
    )
  })

  it('shows no quorum warning in the decision form of a quorate panel', async () => {
    await renderMeeting({ getMeeting: meeting([item(10, 'DEMO000001', 'Ash Tree', 1)]), suggestAgenda: [] })
    expect(within(screen.getByRole('form', { name: 'Decision for Ash Tree' })).queryByTestId('decision-not-quorate')).toBeNull()
  })

  it('says on the agenda and beside Save that a child is also on another open meeting’s agenda, and still saves their decision', async () => {
    const alsoOn = { ...item(10, 'DEMO000001', 'Ash Tree', 1), alsoOnAgendaOf: [{ id: 7, date: '2027-01-14' }] }
    const fake = await renderMeeting({
      getMeeting: meeting([alsoOn, item(11, 'DEMO000002', 'Pip Tree', 2)]),
      suggestAgenda: [],
      recordDecision: meeting([{ ...alsoOn, decision: panelDecision() }, item(11, 'DEMO000002', 'Pip Tree', 2)])
    })
    expect(screen.getByRole('button', { name: /^1\. Ash Tree/ }).textContent).toContain('Also on the agenda of the meeting on 14/01/2027, not yet signed off')
    expect(screen.getByRole('button', { name: /^2\. Pip Tree/ }).textContent).not.toContain('Also on')

    const form = screen.getByRole('form', { name: 'Decision for Ash Tree' })
    const warning = within(form).getByTestId('decision-also-on-agenda')
    expect(warning.textContent).toBe(
      'Ash Tree is also on the agenda of the meeting on 14/01/2027, not yet signed off: they could be decided there as well as here. Open the meeting on 14/01/2027'
    )
    expect(within(warning).getByRole('link', { name: 'Open the meeting on 14/01/2027' }).getAttribute('href')).toBe('#/panel/7')
    // Beside Save: after the last field, just before the button.
    const save = within(form).getByRole('button', { name: /^Save/ })
    expect(warning.compareDocumentPosition(save) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(warning.compareDocumentPosition(within(form).getByLabelText('Dissent')) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy()

    // A warning, not a refusal: the chair may mean it.
    fireEvent.click(within(form).getByRole('radio', { name: '1. Agreed' }))
    fireEvent.change(within(form).getByLabelText('Reasons'), { target: { value: 'Settled with the carers.' } })
    fireEvent.click(within(form).getByRole('button', { name: /^Save: Agreed/ }))
    await screen.findByText('Saved: Agreed for Ash Tree.')
    expect(fake.calls.find((c) => c.name === 'recordDecision')?.input).toMatchObject({ itemId: 10, outcome: 'agreed' })
  })

  it('says why a decision was not saved once, beside the form, not again in a banner at the top of the page', async () => {
    await renderMeeting({
      getMeeting: meeting([item(10, 'DEMO000001', 'Ash Tree', 1)]),
      suggestAgenda: [],
      recordDecision: new Error('This decision was signed off with the minutes of 15/04/2020 and is locked.')
    })
    const form = screen.getByRole('form', { name: 'Decision for Ash Tree' })
    fireEvent.click(within(form).getByRole('radio', { name: '1. Agreed' }))
    fireEvent.change(within(form).getByLabelText('Reasons'), { target: { value: 'Settled with the carers.' } })
    fireEvent.click(within(form).getByRole('button', { name: /^Save: Agreed/ }))
    await within(form).findByText(/is locked\.$/)
    expect(screen.getAllByText(/signed off with the minutes of 15\/04\/2020/)).toHaveLength(1)
  })

  it('makes the agenda one Tab stop, on the child open beside it, with the arrow keys moving between the children', async () => {
    await renderMeeting({
      getMeeting: meeting([item(10, 'DEMO000001', 'Ash Tree', 1), item(11, 'DEMO000002', 'Pip Tree', 2), item(12, 'DEMO000003', 'Oak Tree', 3)]),
      suggestAgenda: []
    })
    const agenda = screen.getByRole('list', { name: 'Agenda' })
    const entries = within(agenda).getAllByRole('button')
    const stops = (): string[] => entries.filter((e) => e.tabIndex === 0).map((e) => e.querySelector('.agenda-name')?.textContent ?? '')
    expect(stops()).toEqual(['1. Ash Tree'])
    entries[0]!.focus()
    fireEvent.keyDown(entries[0]!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(entries[1])
    // Tab leaves from where the user is.
    expect(stops()).toEqual(['2. Pip Tree'])
    fireEvent.keyDown(entries[1]!, { key: 'End' })
    expect(document.activeElement).toBe(entries[2])
    fireEvent.keyDown(entries[2]!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(entries[2])
    fireEvent.keyDown(entries[2]!, { key: 'Home' })
    expect(document.activeElement).toBe(entries[0])
    fireEvent.keyDown(entries[0]!, { key: 'ArrowDown' })
    fireEvent.click(entries[1]!)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('radio', { name: '1. Agreed' })))
    // Left, the agenda starts again at the child now open.
    expect(stops()).toEqual(['2. Pip Tree'])
    expect(entries[1]!.getAttribute('aria-current')).toBe('true')
  })

  it('makes the suggestions one Tab stop: ↑ ↓ between the children, ← → between Add and the child’s page', async () => {
    const suggested = (childId: string, name: string) => ({
      childId,
      name,
      legalStatus: 'C2',
      reasons: [{ code: 'fco_no_decision' as const, text: 'Full care order with no permanence decision', since: '2019-01-01' }]
    })
    await renderMeeting({
      getMeeting: meeting([item(10, 'DEMO000001', 'Ash Tree', 1)]),
      suggestAgenda: [suggested('DEMO000002', 'Pip Tree'), suggested('DEMO000003', 'Oak Tree')]
    })
    const list = await screen.findByRole('list', { name: 'Suggested children' })
    const add = within(list).getAllByRole('button')
    const pages = within(list).getAllByRole('link')
    expect([...add, ...pages].filter((c) => c.tabIndex === 0)).toEqual([add[0]])
    add[0]!.focus()
    fireEvent.keyDown(add[0]!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(add[1])
    fireEvent.keyDown(add[1]!, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(pages[1])
    fireEvent.keyDown(pages[1]!, { key: 'ArrowUp' })
    expect(document.activeElement).toBe(pages[0])
    fireEvent.keyDown(pages[0]!, { key: 'ArrowLeft' })
    expect(document.activeElement).toBe(add[0])
    expect([...add, ...pages].filter((c) => c.tabIndex === 0)).toEqual([add[0]])
  })

  it('offers no decision form and no sign-off before the meeting day, and says when they open', async () => {
    await renderMeeting({ getMeeting: { ...meeting([item(10, 'DEMO000001', 'Ash Tree', 1)]), date: '2020-05-06', upcoming: true }, suggestAgenda: [] })
    expect(screen.queryByRole('form', { name: 'Decision for Ash Tree' })).toBeNull()
    expect(screen.getByTestId('decision-not-yet').textContent).toBe(
      'The panel meets on 06/05/2020: its decision is recorded from that day. Papers can be got ready now.'
    )
    expect((screen.getByRole('button', { name: 'Sign off minutes' }) as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByText("The minutes can be signed off from the meeting's day, 06/05/2020.")).toBeTruthy()
  })

  it('offers Undo last save naming what it takes back, and asks the core to undo it', async () => {
    const decided = meeting([item(10, 'DEMO000001', 'Ash Tree', 1)])
    decided.lastSave = { itemId: 10, childName: 'Ash Tree', outcome: 'deferred', created: true, savedBy: 'chair', savedAt: '2020-04-15T10:32:00Z' }
    const fake = await renderMeeting({ getMeeting: decided, suggestAgenda: [], undoLastSave: meeting([item(10, 'DEMO000001', 'Ash Tree', 1)]) })
    expect(screen.getByText(/^Last saved:/).textContent).toMatch(/^Last saved: Deferred for Ash Tree at \d\d:\d\d\./)
    fireEvent.click(screen.getByRole('button', { name: 'Undo last save' }))
    await screen.findByText('Save undone: Ash Tree has no decision again.')
    expect(fake.calls.find((c) => c.name === 'undoLastSave')!.input).toEqual({ meetingId: 1 })
    expect(screen.queryByRole('button', { name: 'Undo last save' })).toBeNull()
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Decision for Ash Tree'))
  })

  it('after removing a member, puts the focus where members are added and says who went', async () => {
    const withAsh = meeting([item(10, 'DEMO000001', 'Ash Tree', 1)])
    withAsh.members = [...withAsh.members, { id: 2, name: 'Fay Foster', role: 'fostering', attended: false }]
    const fake = await renderMeeting({ getMeeting: withAsh, suggestAgenda: [], removeMember: meeting([item(10, 'DEMO000001', 'Ash Tree', 1)]) })
    const remove = screen.getByRole('button', { name: 'Remove Fay Foster' })
    remove.focus()
    fireEvent.click(remove)
    await screen.findByText('Fay Foster removed from the panel.')
    expect(fake.calls.find((c) => c.name === 'removeMember')!.input).toEqual({ memberId: 2 })
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Name')))
  })

  it('saves the time and the social worker one after the other when the chair tabs between them, the second against the version the first left', async () => {
    const saved = item(10, 'DEMO000001', 'Ash Tree', 1)
    const fake = await renderMeeting({
      getMeeting: meeting([item(10, 'DEMO000001', 'Ash Tree', 1)]),
      suggestAgenda: [],
      updateAgendaItem: meeting([{ ...saved, version: 2 }])
    })
    const time = screen.getByLabelText('Time')
    const worker = screen.getByLabelText(/Presenting social worker/)
    fireEvent.change(time, { target: { value: '10:20' } })
    fireEvent.blur(time)
    fireEvent.change(worker, { target: { value: 'Sam Social' } })
    fireEvent.blur(worker)
    await waitFor(() => expect(fake.calls.filter((c) => c.name === 'updateAgendaItem')).toHaveLength(2))
    expect(fake.calls.filter((c) => c.name === 'updateAgendaItem').map((c) => c.input)).toEqual([
      { itemId: 10, slotTime: '10:20', expectedVersion: 1 },
      { itemId: 10, socialWorker: 'Sam Social', expectedVersion: 2 }
    ])
  })

  it('ticks attendance at once while it is saved, and puts the stored attendance back when the save fails', async () => {
    const withFay = meeting([])
    withFay.members = [...withFay.members, { id: 2, name: 'Fay Foster', role: 'fostering', attended: false }]
    const fake = await renderMeeting({ getMeeting: withFay, suggestAgenda: [], setAttendance: new Error('The database is busy.') })
    const box = screen.getByRole('checkbox', { name: 'Present: Fay Foster' }) as HTMLInputElement
    fireEvent.click(box)
    expect(box.checked).toBe(true)
    expect(screen.getByText(/2 of 2 present/)).toBeTruthy()
    await screen.findByText('The database is busy.')
    await waitFor(() => expect(box.checked).toBe(false))
    expect(fake.calls.find((c) => c.name === 'setAttendance')!.input).toEqual({ memberId: 2, attended: true })
  })

  it('gives the focus back to "Sign off minutes" when the sign-off is cancelled', async () => {
    const decided = item(10, 'DEMO000001', 'Ash Tree', 1)
    decided.decision = panelDecision({ childId: 'DEMO000001', agendaItemId: 10 })
    await renderMeeting({ getMeeting: meeting([decided]), suggestAgenda: [] })
    fireEvent.click(screen.getByRole('button', { name: 'Sign off minutes' }))
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Confirm sign-off'))
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign off minutes' })))
  })

  it('cancels the sign-off on Escape, signing nothing', async () => {
    const decided = item(10, 'DEMO000001', 'Ash Tree', 1)
    decided.decision = panelDecision({ childId: 'DEMO000001', agendaItemId: 10 })
    const fake = await renderMeeting({ getMeeting: meeting([decided]), suggestAgenda: [] })
    fireEvent.click(screen.getByRole('button', { name: 'Sign off minutes' }))
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Confirm sign-off'))
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign off minutes' })))
    expect(screen.queryByRole('group', { name: 'Confirm sign-off' })).toBeNull()
    expect(fake.calls.some((c) => c.name === 'signOffMeeting')).toBe(false)
  })
})

// Each test imports the page afresh (its module reads window.api): slow on a shared machine.
describe('errors for the chair', () => {
  it("shows the contract's plain message without the call and field names", async () => {
    const { forTheChair } = await import('../../src/renderer/src/pages/panel/fieldErrors')
    const { ApiCallError } = await import('../../src/renderer/src/api')
    const dev = new ApiCallError('invalid_input', "Invalid input for createMeeting: chair: Enter the chair's name; date: Enter the date of the meeting")
    expect(forTheChair(dev).message).toBe("Enter the chair's name; Enter the date of the meeting")
    const core = new ApiCallError('invalid_input', 'A "Deferred" decision needs a return date.')
    expect(forTheChair(core)).toBe(core)
  })
})

describe('a referral corrected after the child was put on the agenda', () => {
  it('tells the chair who corrected it, to what and why, beside the child', async () => {
    const withdrawn: AgendaItem = {
      ...item(10, 'DEMO000001', 'Ash Tree', 1),
      referralWithdrawn: {
        itemId: 4,
        cycleLabel: '2020 Q1',
        by: 'hal_hos',
        at: '2020-04-14T10:05:00.000Z',
        reason: 'Chose the wrong child',
        was: 'refer_panel',
        now: 'other'
      }
    }
    await renderMeeting({ getMeeting: meeting([withdrawn, item(11, 'DEMO000002', 'Pip Tree', 2)]), suggestAgenda: [] })
    // Marked in the agenda too, so the chair sees it before opening the child.
    expect(screen.getByRole('button', { name: /^1\. Ash Tree/ }).textContent).toContain('Referral corrected')
    expect(screen.getByRole('button', { name: /^2\. Pip Tree/ }).textContent).not.toContain('Referral corrected')
    fireEvent.click(screen.getByRole('button', { name: /^1\. Ash Tree/ }))
    // The time is the desk's local time of the correction.
    expect((await screen.findByTestId('referral-withdrawn')).textContent).toMatch(
      /^The Head of Service review \(2020 Q1\) no longer refers this child to panel: hal_hos corrected “Refer to Permanence Panel” to “Other” on 14\/04\/2020 \d\d:05, because: Chose the wrong child\. “Take off the agenda” if they no longer need to come\.$/
    )
  })
})
