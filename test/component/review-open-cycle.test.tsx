import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { AppInfo, ReviewCycleSummary } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const info: AppInfo = { version: '0.1.0', schemaVersion: 3, dbPath: '/tmp/x.db', user: 'hos', shell: 'electron', demo: true, today: '2026-11-30', counts: {} }
const open: ReviewCycleSummary = {
  id: 1,
  label: '2026-27 Q2',
  startDate: '2026-09-30',
  status: 'open',
  openedBy: 'hos',
  openedAt: '2026-09-30T09:00:00Z',
  progress: { total: 2, reviewed: 1 },
  byCohort: { FCO: { total: 1, reviewed: 1 }, S20: { total: 1, reviewed: 0 }, PWP: { total: 0, reviewed: 0 } },
  byOutcome: { refer_panel: 1, plan_confirmed: 0, refer_kdm: 0, other: 0 },
  changed: 0,
  cohortDefinitions: []
}
const reason =
  'The cohort date 31/03/2031 is more than a quarter after today (30/11/2026): the cohort would be the children the tracker expects to be looked after then.'

describe('opening a review cycle', () => {
  it("warns that a cycle is still open, shows the core's reasons and opens only when confirmed", async () => {
    const fake = fakeApi({ appInfo: info, listReviewCycles: [open], reviewCycle: { cycle: open, items: [] } })
    const opened = { ...open, id: 2, label: '2030-31 Q4', startDate: '2031-03-31', progress: { total: 0, reviewed: 0 } }
    const openCalls: unknown[] = []
    fake.api.openReviewCycle = vi.fn(async (input) => {
      openCalls.push(input)
      return 'confirm' in input
        ? { ok: true as const, value: opened }
        : { ok: false as const, error: { code: 'conflict' as const, message: 'not opened', details: { confirm: [reason] } } }
    })
    window.api = fake.api
    vi.resetModules()
    const { ReviewPage } = await import('../../src/renderer/src/pages/review/ReviewPage')
    render(<ReviewPage />)
    expect((await screen.findByTestId('open-cycle-warning')).textContent).toBe(
      '"2026-27 Q2" (cohort date 30/09/2026, 1 of 2 reviewed) is still open. Close it before opening the next quarter\'s cycle, unless both are meant.'
    )
    const date = screen.getByLabelText('Cohort date') as HTMLInputElement
    expect(date.value).toBe('30/11/2026')
    fireEvent.change(date, { target: { value: '31/03/2031' } })
    fireEvent.click(screen.getByRole('button', { name: 'Open review cycle' }))
    const confirm = await screen.findByRole('alert', { name: 'Confirm the new review cycle' })
    expect(confirm.textContent).toContain(reason)
    expect(openCalls).toEqual([{ startDate: '2031-03-31' }])
    fireEvent.click(screen.getByRole('button', { name: 'Open anyway' }))
    await waitFor(() => expect(openCalls).toEqual([{ startDate: '2031-03-31' }, { startDate: '2031-03-31', confirm: true }]))
  })

  it('refuses a cohort date before 2000 in the field itself', async () => {
    window.api = fakeApi({ appInfo: info, listReviewCycles: [] }).api
    vi.resetModules()
    const { ReviewPage } = await import('../../src/renderer/src/pages/review/ReviewPage')
    render(<ReviewPage />)
    const date = (await screen.findByLabelText('Cohort date')) as HTMLInputElement
    fireEvent.change(date, { target: { value: '31/03/1999' } })
    fireEvent.blur(date)
    expect(screen.getByRole('alert').textContent).toBe('The date must be on or after 01/01/2000.')
    expect(screen.getByRole('button', { name: 'Open review cycle' }).getAttribute('aria-disabled')).toBe('true')
  })
  it('after closing a cycle, leaves the focus on the cycle list, which says it is closed', async () => {
    const closed = { ...open, status: 'closed' as const }
    let current = open
    const fake = fakeApi({ appInfo: info })
    fake.api.listReviewCycles = async () => ({ ok: true as const, value: [current] })
    fake.api.reviewCycle = async () => ({ ok: true as const, value: { cycle: current, items: [] } })
    fake.api.closeReviewCycle = async () => {
      current = closed
      return { ok: true as const, value: closed }
    }
    window.api = fake.api
    vi.resetModules()
    const { ReviewPage } = await import('../../src/renderer/src/pages/review/ReviewPage')
    render(<ReviewPage />)
    const close = await screen.findByRole('button', { name: 'Close cycle' })
    close.focus()
    fireEvent.click(close)
    fireEvent.click(within(screen.getByRole('group', { name: 'Confirm closing the cycle' })).getByRole('button', { name: 'Close cycle' }))
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Close cycle' })).toBeNull())
    const picker = screen.getByRole('combobox', { name: 'Review cycle' })
    expect(document.activeElement).toBe(picker)
    await waitFor(() => expect(picker.textContent).toContain('(closed)'))
  })

  it('before closing a cycle with children still to review, says how many and starts on Cancel; Escape keeps it open', async () => {
    const fake = fakeApi({ appInfo: info, listReviewCycles: [open], reviewCycle: { cycle: open, items: [] } })
    const closeCalls: unknown[] = []
    fake.api.closeReviewCycle = async (input) => {
      closeCalls.push(input)
      return { ok: true as const, value: { ...open, status: 'closed' as const } }
    }
    window.api = fake.api
    vi.resetModules()
    const { ReviewPage } = await import('../../src/renderer/src/pages/review/ReviewPage')
    render(<ReviewPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'Close cycle' }))
    const confirm = screen.getByRole('group', { name: 'Confirm closing the cycle' })
    expect(confirm.textContent).toContain(
      '1 child of 2 in "2026-27 Q2" has no outcome yet. Once the cycle is closed no outcome can be recorded or corrected in it, and it cannot be opened again.'
    )
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }))
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close cycle' })))
    expect(screen.queryByRole('group', { name: 'Confirm closing the cycle' })).toBeNull()
    expect(closeCalls).toEqual([])
  })
})
