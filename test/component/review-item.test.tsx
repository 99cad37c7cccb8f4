import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { AppInfo, DriftThresholds, ReviewCycleSummary, ReviewItemDetail } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const info: AppInfo = {
  version: '0.1.0',
  schemaVersion: 3,
  dbPath: '/tmp/x.db',
  user: 'hos',
  shell: 'electron',
  demo: true,
  today: '2020-04-14',
  counts: {}
}
const cycle: ReviewCycleSummary = {
  id: 1,
  label: '2019-20 Q4',
  startDate: '2020-03-31',
  status: 'open',
  openedBy: 'hos',
  openedAt: '2020-03-31T09:00:00Z',
  progress: { total: 2, reviewed: 0 },
  byCohort: { FCO: { total: 1, reviewed: 0 }, S20: { total: 1, reviewed: 0 }, PWP: { total: 0, reviewed: 0 } },
  byOutcome: { refer_panel: 0, plan_confirmed: 0, refer_kdm: 0, other: 0 },
  changed: 1,
  cohortDefinitions: []
}
const item: ReviewItemDetail = {
  id: 7,
  cycleId: 1,
  childId: 'DEMO000007',
  name: 'Fable Puddlesnout',
  cohort: 'FCO',
  daysOnOrder: 800,
  snapshot: {
    ls: 'C2',
    legalStatusSince: '2018-01-20',
    periodStart: '2017-06-01',
    placement: 'U4',
    placementProvider: 'PR1',
    carer: 'Wren Carer',
    placementStart: '2018-02-01',
    placementsLast12Months: 3,
    status: 'none',
    decisionDate: null,
    lastPanelDate: null,
    lastOversightDate: null
  },
  changes: [{ kind: 'legal_status', detail: 'Legal status now Placement order (E1) (was Full care order (C2) when the cycle opened)' }],
  outcome: null,
  outcomeNote: null,
  reviewDate: null,
  nextReviewDate: null,
  reviewedBy: null,
  legalPermanenceSecure: null,
  version: 1,
  cycle,
  corrections: [],
  onAgenda: [],
  dob: '2012-05-05',
  legalStatusHistory: [
    { ls: 'C1', from: '2017-06-01', to: '2018-01-20' },
    { ls: 'C2', from: '2018-01-20', to: null }
  ],
  panelHistory: [],
  oversightNotes: []
}

const thresholds = (placementsIn12Months: number): DriftThresholds => ({ fcoMonths: 6, s20Months: 6, placementsIn12Months, panelLookMonths: 12, pwpMonths: 12 })

async function renderItem(answers: Parameters<typeof fakeApi>[0]) {
  const fake = fakeApi(answers)
  window.api = fake.api
  vi.resetModules()
  const { ReviewItemPage } = await import('../../src/renderer/src/pages/review/ReviewItemPage')
  render(<ReviewItemPage itemId={7} />)
  return fake
}

describe('review screen', () => {
  it('shows the snapshot facts, the change flag and instability', async () => {
    await renderItem({ appInfo: info, reviewItem: item, getDriftThresholds: thresholds(3) })
    expect(await screen.findByText('Fable Puddlesnout')).toBeTruthy()
    expect(screen.getByText('Legal status now Placement order (E1) (was Full care order (C2) when the cycle opened)')).toBeTruthy()
    expect(screen.getByText('Full care order (C2) since 20/01/2018')).toBeTruthy()
    expect(await screen.findByText(/3 placements in the 12 months to 31\/03\/2020 \(3 or more: unstable\)/)).toBeTruthy()
    expect(screen.getByText('Never considered by the Permanence Panel.')).toBeTruthy()
  })

  it('calls placements unstable from the council’s own drift threshold', async () => {
    await renderItem({ appInfo: info, reviewItem: item, getDriftThresholds: thresholds(2) })
    expect(await screen.findByText(/3 placements in the 12 months to 31\/03\/2020 \(2 or more: unstable\)/)).toBeTruthy()
  })

  it('does not call 3 placements unstable where the council counts from 4', async () => {
    const fake = await renderItem({ appInfo: info, reviewItem: item, getDriftThresholds: thresholds(4) })
    await waitFor(() => expect(fake.calls.some((c) => c.name === 'getDriftThresholds')).toBe(true))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await screen.findByText(/^3 placements in the 12 months to 31\/03\/2020/)).textContent).toBe('3 placements in the 12 months to 31/03/2020')
  })

  it('asks for the oversight note and next review for "plan confirmed" and sends them', async () => {
    const recorded = {
      ...item,
      outcome: 'plan_confirmed' as const,
      outcomeNote: 'Confirmed',
      reviewDate: '2020-04-14',
      nextReviewDate: '2020-07-14',
      reviewedBy: 'hos'
    }
    const fake = await renderItem({ appInfo: info, reviewItem: item, recordReviewOutcome: recorded })
    fireEvent.click(await screen.findByRole('radio', { name: /Plan confirmed with oversight/ }))
    const note = screen.getByRole('textbox', { name: /Oversight note \(required\)/ }) as HTMLTextAreaElement
    const next = screen.getByLabelText(/Next oversight review \(required\)/) as HTMLInputElement
    expect(note.required).toBe(true)
    expect(next.required).toBe(true)
    expect((screen.getByLabelText('Review date') as HTMLInputElement).value).toBe('14/04/2020')
    fireEvent.change(note, { target: { value: '  Confirmed  ' } })
    fireEvent.change(next, { target: { value: '14/07/2020' } })
    fireEvent.click(screen.getByRole('button', { name: 'Record outcome' }))
    await waitFor(() => expect(fake.calls.some((c) => c.name === 'recordReviewOutcome')).toBe(true))
    expect(fake.calls.find((c) => c.name === 'recordReviewOutcome')!.input).toEqual({
      itemId: 7,
      outcome: 'plan_confirmed',
      note: 'Confirmed',
      reviewDate: '2020-04-14',
      nextReviewDate: '2020-07-14',
      expectedVersion: 1
    })
  })

  it('a missing note is said on the page beside the note, in the core’s words, and the note takes the focus; nothing is sent', async () => {
    const fake = await renderItem({ appInfo: info, reviewItem: item })
    fireEvent.click(await screen.findByRole('radio', { name: /Refer to key decision-making meeting/ }))
    const note = screen.getByRole('textbox', { name: /Question for legal advice \(required\)/ })
    fireEvent.change(note, { target: { value: '   ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Record outcome' }))
    const said = await screen.findByText('A referral to a key decision-making meeting needs a note of the question for legal advice.')
    expect(said.getAttribute('role')).toBe('alert')
    expect(note.getAttribute('aria-invalid')).toBe('true')
    expect(note.getAttribute('aria-describedby')).toBe(said.id)
    expect(document.activeElement).toBe(note)
    expect(fake.calls.some((c) => c.name === 'recordReviewOutcome')).toBe(false)
    fireEvent.change(note, { target: { value: 'Is s20 still right?' } })
    expect(screen.queryByText(/needs a note of the question/)).toBeNull()
  })

  it('shows the error the core gives instead of pretending it was recorded', async () => {
    await renderItem({ appInfo: info, reviewItem: item, recordReviewOutcome: new Error('An outcome (other) was already recorded for DEMO000007') })
    fireEvent.click(await screen.findByRole('radio', { name: /Refer to Permanence Panel/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Record outcome' }))
    expect(await screen.findByText(/already recorded for DEMO000007/)).toBeTruthy()
    expect(screen.queryByTestId('recorded-outcome')).toBeNull()
  })

  it('on a conflict keeps the note typed, shows who changed what and their outcome, and loads their version', async () => {
    const theirs = { ...item, outcome: 'refer_panel' as const, outcomeNote: 'Carers ready', reviewDate: '2020-04-14', reviewedBy: 'hal_hos', version: 2 }
    const message =
      'hal_hos changed the review of Fable Puddlesnout at 14/04/2020 10:05 (outcome, outcome note and review date) after you opened it, so your changes were not saved.'
    let stored: ReviewItemDetail = item
    const fake = fakeApi({ appInfo: info })
    window.api = {
      ...fake.api,
      reviewItem: async () => ({ ok: true, value: stored }),
      recordReviewOutcome: async () => ({ ok: false, error: { code: 'conflict', message, details: { current: theirs } } })
    } as typeof fake.api
    vi.resetModules()
    const { ReviewItemPage } = await import('../../src/renderer/src/pages/review/ReviewItemPage')
    render(<ReviewItemPage itemId={7} />)
    fireEvent.click(await screen.findByRole('radio', { name: /Refer to key decision-making meeting/ }))
    const note = screen.getByRole('textbox', { name: /Question for legal advice/ }) as HTMLTextAreaElement
    fireEvent.change(note, { target: { value: 'Is s20 still right?' } })
    stored = theirs
    fireEvent.click(screen.getByRole('button', { name: 'Record outcome' }))

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(message)
    expect(alert.textContent).toContain('Carers ready')
    expect(alert.textContent).toContain('Is s20 still right?')
    expect(note.value).toBe('Is s20 still right?')
    fireEvent.click(screen.getByRole('button', { name: 'Load their version' }))
    expect((await screen.findByTestId('recorded-outcome')).textContent).toContain('Refer to Permanence Panel')
    // Their outcome is final; what this user typed stays on screen to copy into a note elsewhere.
    expect(screen.getByRole('alert').textContent).toContain('Is s20 still right?')
  })
  it('names the placement, the provider and the panel’s outcomes in words, not codes', async () => {
    const considered = { ...item, panelHistory: [{ date: '2019-11-02', outcome: 'not_agreed' as const, reasons: 'Carers not ready' }] }
    await renderItem({ appInfo: info, reviewItem: considered, getDriftThresholds: thresholds(3) })
    expect(await screen.findByText('Foster (long term) (U4), Own council (PR1) since 01/02/2018')).toBeTruthy()
    const panelRow = screen.getByText('Carers not ready').closest('tr')!
    expect(panelRow.textContent).toBe('02/11/2019Not agreedCarers not ready')
  })

  it('after recording, puts the focus on the way to the next child, not on the page body', async () => {
    const recorded = { ...item, outcome: 'refer_panel' as const, reviewDate: '2020-04-14', reviewedBy: 'hos', version: 2 }
    let stored: ReviewItemDetail = item
    const fake = fakeApi({
      appInfo: info,
      getDriftThresholds: thresholds(3),
      reviewCycle: {
        cycle,
        items: [
          { ...recorded, id: 7 },
          { ...item, id: 8, childId: 'DEMO000008', name: 'Quill Waitsalot' }
        ]
      }
    })
    window.api = {
      ...fake.api,
      reviewItem: async () => ({ ok: true, value: stored }),
      recordReviewOutcome: async () => {
        stored = recorded
        return { ok: true, value: recorded }
      }
    } as typeof fake.api
    vi.resetModules()
    const { ReviewItemPage } = await import('../../src/renderer/src/pages/review/ReviewItemPage')
    render(<ReviewItemPage itemId={7} />)
    const radio = await screen.findByRole('radio', { name: /Refer to Permanence Panel/ })
    radio.focus()
    fireEvent.click(radio)
    const submit = screen.getByRole('button', { name: 'Record outcome' })
    submit.focus()
    fireEvent.click(submit)
    const next = await screen.findByRole('button', { name: 'Next child to review: Quill Waitsalot' })
    await waitFor(() => expect(document.activeElement).toBe(next))
  })
})

describe('correcting a recorded outcome', () => {
  const recorded: ReviewItemDetail = {
    ...item,
    outcome: 'refer_panel',
    outcomeNote: 'Carers ready',
    reviewDate: '2020-04-10',
    reviewedBy: 'hos',
    version: 2,
    cycle: { ...cycle, progress: { total: 2, reviewed: 1 } }
  }
  const corrected: ReviewItemDetail = {
    ...recorded,
    outcome: 'other',
    outcomeNote: 'Await the sibling assessment',
    reviewedBy: 'hal_hos',
    version: 3,
    corrections: [{ by: 'hal_hos', at: '2020-04-14T10:05:00.000Z', reason: 'Chose the wrong child', was: 'refer_panel' }]
  }

  async function renderRecorded(stored: { current: ReviewItemDetail }) {
    const fake = fakeApi({ appInfo: info, getDriftThresholds: thresholds(3), reviewCycle: { cycle, items: [recorded] } })
    window.api = {
      ...fake.api,
      reviewItem: async () => ({ ok: true, value: stored.current }),
      correctReviewOutcome: async (input: unknown) => {
        fake.calls.push({ name: 'correctReviewOutcome', input })
        stored.current = corrected
        return { ok: true, value: corrected }
      }
    } as typeof fake.api
    vi.resetModules()
    const { ReviewItemPage } = await import('../../src/renderer/src/pages/review/ReviewItemPage')
    render(<ReviewItemPage itemId={7} />)
    return fake
  }

  it('opens the outcome form filled in with the recorded outcome, asks why, saves the correction and says so', async () => {
    const stored = { current: recorded }
    const fake = await renderRecorded(stored)
    fireEvent.click(await screen.findByRole('button', { name: 'Correct outcome' }))
    const form = screen.getByRole('form', { name: 'Correct the outcome' })
    const panel = screen.getByRole('radio', { name: /Refer to Permanence Panel/ }) as HTMLInputElement
    expect(panel.checked).toBe(true)
    expect(document.activeElement).toBe(panel)
    expect((screen.getByRole('textbox', { name: /^Note/ }) as HTMLTextAreaElement).value).toBe('Carers ready')
    expect((screen.getByLabelText('Review date') as HTMLInputElement).value).toBe('10/04/2020')
    const reason = screen.getByRole('textbox', { name: /Reason for the correction \(required\)/ }) as HTMLTextAreaElement
    expect(reason.required).toBe(true)
    expect(form.contains(screen.getByRole('button', { name: 'Save correction' }))).toBe(true)

    fireEvent.click(screen.getByRole('radio', { name: /^Other/ }))
    fireEvent.change(screen.getByRole('textbox', { name: /^Note/ }), { target: { value: 'Await the sibling assessment' } })
    fireEvent.change(reason, { target: { value: ' Chose the wrong child ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save correction' }))

    const notice = await screen.findByRole('status')
    expect(notice.textContent).toContain('Outcome corrected to “Other”')
    await waitFor(() => expect(document.activeElement).toBe(notice))
    expect(fake.calls.filter((c) => c.name === 'correctReviewOutcome').map((c) => c.input)).toEqual([
      {
        itemId: 7,
        outcome: 'other',
        note: 'Await the sibling assessment',
        reviewDate: '2020-04-10',
        nextReviewDate: undefined,
        correctionReason: 'Chose the wrong child',
        expectedVersion: 2
      }
    ])
    const shown = await screen.findByTestId('recorded-outcome')
    await waitFor(() => expect(shown.textContent).toContain('Await the sibling assessment'))
    expect(shown.textContent).toContain('Corrected by hal_hos on 14/04/2020')
    expect(shown.textContent).toContain('(was Refer to Permanence Panel): Chose the wrong child')
    expect(screen.queryByRole('form', { name: 'Correct the outcome' })).toBeNull()
  })

  it('a correction without its reason says so beside the reason, which takes the focus', async () => {
    const fake = await renderRecorded({ current: recorded })
    fireEvent.click(await screen.findByRole('button', { name: 'Correct outcome' }))
    fireEvent.click(screen.getByRole('radio', { name: /^Other/ }))
    fireEvent.change(screen.getByRole('textbox', { name: /^Note/ }), { target: { value: 'Await the sibling assessment' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save correction' }))
    const said = await screen.findByText('Reason for the correction must say why the recorded outcome is being corrected.')
    const reason = screen.getByRole('textbox', { name: /Reason for the correction/ })
    expect(reason.getAttribute('aria-describedby')).toBe(said.id)
    expect(document.activeElement).toBe(reason)
    expect(fake.calls.some((c) => c.name === 'correctReviewOutcome')).toBe(false)
  })

  it('shows the panel the child is on the agenda of, and a referral corrected says the child is still on it', async () => {
    const onAgenda = [{ meetingId: 3, date: '2020-05-04', reason: 'Referred to panel by the Head of Service review' }]
    await renderRecorded({ current: { ...recorded, onAgenda } })
    const link = within(await screen.findByTestId('on-agenda')).getByRole('link', { name: '04/05/2020' })
    expect(link.getAttribute('href')).toBe('#/panel/3')
    fireEvent.click(screen.getByRole('button', { name: 'Correct outcome' }))
    fireEvent.click(screen.getByRole('radio', { name: /^Other/ }))
    fireEvent.change(screen.getByRole('textbox', { name: /Reason for the correction/ }), { target: { value: 'Chose the wrong child' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save correction' }))
    expect((await screen.findByRole('status')).textContent).toContain(
      'still on the agenda of the Permanence Panel on 04/05/2020: the panel chair sees there that the referral was corrected'
    )
  })

  it('Escape or Cancel leaves the outcome as it was and puts the focus back on Correct outcome', async () => {
    const fake = await renderRecorded({ current: recorded })
    fireEvent.click(await screen.findByRole('button', { name: 'Correct outcome' }))
    fireEvent.click(screen.getByRole('radio', { name: /^Other/ }))
    fireEvent.keyDown(screen.getByRole('radio', { name: /^Other/ }), { key: 'Escape' })
    expect(screen.queryByRole('form', { name: 'Correct the outcome' })).toBeNull()
    expect(screen.getByTestId('recorded-outcome').textContent).toContain('Refer to Permanence Panel')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Correct outcome' })))

    fireEvent.click(screen.getByRole('button', { name: 'Correct outcome' }))
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Correct outcome' })))
    expect(fake.calls.some((c) => c.name === 'correctReviewOutcome')).toBe(false)
  })

  it('once the cycle is closed still says the outcome was corrected, and offers no correction', async () => {
    const closed = { ...corrected, cycle: { ...cycle, status: 'closed' as const } }
    await renderItem({ appInfo: info, getDriftThresholds: thresholds(3), reviewItem: closed, reviewCycle: { cycle, items: [closed] } })
    expect((await screen.findByTestId('recorded-outcome')).textContent).toMatch(
      /Corrected by hal_hos on 14\/04\/2020 \d\d:\d\d \(was Refer to Permanence Panel\): Chose the wrong child$/
    )
    expect(screen.queryByRole('button', { name: 'Correct outcome' })).toBeNull()
  })
})

describe('legal permanence question', () => {
  it('saves an answer only with Save answer, not as the radios are arrowed through, and a second save goes against the version the first left', async () => {
    const s20 = { ...item, cohort: 'S20' as const }
    const fake = fakeApi({ setLegalPermanenceSecure: { ...s20, version: 2, legalPermanenceSecure: true } })
    window.api = fake.api
    vi.resetModules()
    const { LegalPermanence } = await import('../../src/renderer/src/pages/review/LegalPermanence')
    render(<LegalPermanence item={s20} open />)
    const saveButton = screen.getByRole('button', { name: 'Save answer' })
    expect(saveButton.getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(screen.getByRole('radio', { name: 'No' }))
    fireEvent.click(screen.getByRole('radio', { name: 'Yes' }))
    expect(fake.calls.filter((c) => c.name === 'setLegalPermanenceSecure')).toEqual([])
    saveButton.focus()
    fireEvent.click(saveButton)
    expect(await screen.findByText('Saved: Yes.')).toBeTruthy()
    expect(document.activeElement).toBe(saveButton)
    fireEvent.click(screen.getByRole('radio', { name: 'No' }))
    fireEvent.click(saveButton)
    await waitFor(() => expect(fake.calls.filter((c) => c.name === 'setLegalPermanenceSecure')).toHaveLength(2))
    expect(fake.calls.filter((c) => c.name === 'setLegalPermanenceSecure').map((c) => c.input)).toEqual([
      { itemId: 7, secure: true, expectedVersion: 1 },
      { itemId: 7, secure: false, expectedVersion: 2 }
    ])
  })
})
