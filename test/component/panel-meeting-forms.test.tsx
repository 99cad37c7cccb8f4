import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { AppInfo } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const info: AppInfo = { version: '0.1.0', schemaVersion: 1, dbPath: '/tmp/x.db', user: 'chair', shell: 'browser', demo: true, today: '2020-03-31', counts: {} }

async function renderPanelPage() {
  const fake = fakeApi({ appInfo: info, listMeetings: [], getQuorumDefault: { minMembers: 3, requireChair: true, requireRoles: ['fostering'] } })
  window.api = fake.api
  vi.resetModules()
  const { PanelPage } = await import('../../src/renderer/src/pages/panel/PanelPage')
  render(<PanelPage />)
  await screen.findByRole('form', { name: 'New meeting' })
  return fake
}

// Each test imports the page afresh (its module reads window.api): slow on a shared machine.
describe('new meeting form', () => {
  it('refuses a meeting dated 1900 and a missing chair beside the fields, in plain words, without calling the core', async () => {
    const fake = await renderPanelPage()
    const date = screen.getByLabelText('Date') as HTMLInputElement
    // The date field is the UK one: DD/MM/YYYY typed, today offered.
    expect(date.value).toBe('31/03/2020')
    fireEvent.change(date, { target: { value: '15/04/1900' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create meeting' }))
    expect(document.getElementById('new-meeting-date-error')!.textContent).toBe(
      "A panel meeting can't be dated before 01/01/2000; check the year (15/04/1900 was typed)."
    )
    expect(document.activeElement).toBe(date)
    const chair = screen.getByLabelText('Chair')
    expect(document.getElementById(chair.getAttribute('aria-describedby')!)!.textContent).toBe("Enter the chair's name")
    expect(document.body.textContent).not.toMatch(/createMeeting|required/)
    expect(fake.calls.map((c) => c.name)).not.toContain('createMeeting')
  })

  it('creates the meeting once the fields are right', async () => {
    const fake = await renderPanelPage()
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '15/04/2020' } })
    fireEvent.change(screen.getByLabelText('Chair'), { target: { value: 'Ada Chair' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create meeting' }))
    await waitFor(() => expect(fake.calls.map((c) => c.name)).toContain('createMeeting'))
    expect(fake.calls.find((c) => c.name === 'createMeeting')!.input).toEqual({
      date: '2020-04-15',
      startTime: '10:00',
      place: null,
      online: false,
      chair: 'Ada Chair'
    })
  })
})
