import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { AppInfo, MeetingDetail, Me } from '../../src/shared/api'
import { ApiCallError } from '../../src/renderer/src/api'
import { ErrorState } from '../../src/renderer/src/components/States'
import { fakeApi } from './fake-api'

const info: AppInfo = {
  version: '0.1.0',
  schemaVersion: 13,
  dbPath: 'postgresql://member@db.example:5432/permanence',
  user: 'member',
  shell: 'electron',
  demo: false,
  today: '2020-03-31',
  counts: { children: 10, episodes: 20 }
}
const meeting = {
  id: 7,
  date: '2020-04-15',
  startTime: '10:00',
  place: 'Room 2',
  online: false,
  chair: 'A Chair',
  status: 'planned' as const,
  items: 1,
  decided: 0,
  signedBy: null,
  signedAt: null
}
const detail: MeetingDetail = {
  ...meeting,
  notes: null,
  quorumRule: { minMembers: 3, requireChair: true, requireRoles: [] },
  quorum: { quorate: true, present: 3, shortfalls: [] },
  members: [{ id: 1, name: 'A Chair', role: 'chair', attended: true }],
  agenda: [
    {
      id: 1,
      childId: 'C1',
      childName: 'Child One',
      position: 1,
      slotTime: '10:15',
      socialWorker: 'S Worker',
      reason: null,
      papers: [{ kind: 'Carer assessment', received: true, file: null }],
      decision: null,
      superseded: [],
      referralWithdrawn: null,
      alsoOnAgendaOf: []
    }
  ],
  lastSave: null,
  upcoming: false
} as never

async function renderApp(me: Me, answers: Parameters<typeof fakeApi>[0], hash = '') {
  window.location.hash = hash
  const fake = fakeApi({ appInfo: info, getMe: me, ...answers })
  window.api = fake.api
  vi.resetModules()
  const { App } = await import('../../src/renderer/src/App')
  render(<App />)
  return fake
}

describe('a refusal for the role', () => {
  it('is shown as not available to the role, politely, never as something that went wrong', () => {
    render(
      <ErrorState
        error={new ApiCallError('forbidden', 'Not permitted for your role: create meeting. Ask an administrator if your work needs it.')}
        onRetry={() => undefined}
      />
    )
    const shown = screen.getByTestId('forbidden')
    expect(shown.textContent).toBe('Not available to your role. Not permitted for your role: create meeting. Ask an administrator if your work needs it.')
    expect(screen.queryByText(/Something went wrong/)).toBeNull()
    // Trying again would get the same answer.
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
  })

  it('any other error still says it went wrong', () => {
    render(<ErrorState error={new ApiCallError('internal', 'Disk full.')} />)
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong.')
    expect(screen.queryByTestId('forbidden')).toBeNull()
  })
})

describe('roles from the team database', () => {
  const member: Me = { user: 'member', roles: ['panel_member'], chosen: true, source: 'team' }

  it("gives a panel member the meetings to read, and only the panel's page", async () => {
    const fake = await renderApp(member, { listMeetings: [meeting] })
    expect((await screen.findByTestId('meetings-to-read')).textContent).toBe('15/04/2020 at 10:00: 1 child on the agenda')
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Permanence Panel'])
    expect(fake.calls.map((c) => c.name)).toEqual(expect.not.arrayContaining(['getMeeting', 'reviewDashboard', 'costBaseline', 'listImports']))
  })

  it('opens a meeting for a panel member with the agenda and papers, and no recording or sign-off', async () => {
    const fake = await renderApp(member, { getMeeting: detail }, '#/panel/7')
    expect(await screen.findByText(/You are reading this meeting as a panel member/)).toBeTruthy()
    expect(screen.getByRole('list', { name: 'Papers for Child One' }).textContent).toContain('Carer assessment')
    expect((screen.getByRole('checkbox', { name: 'Carer assessment' }) as HTMLInputElement).disabled).toBe(true)
    expect(screen.getByText('Not decided yet.')).toBeTruthy()
    for (const name of [/Record/i, /Sign off/i, /Take off the agenda/i, /Attach paper/i, /Add member/i])
      expect(screen.queryByRole('button', { name })).toBeNull()
    expect(fake.calls.map((c) => c.name)).toEqual(expect.not.arrayContaining(['recordDecision', 'signOffMeeting']))
  })

  it("opens a meeting read-only for a Head of Service, whose role may not write the panel's records", async () => {
    const fake = await renderApp(
      { user: 'hos1', roles: ['head_of_service'], chosen: true, source: 'team' },
      {
        getMeeting: {
          ...detail,
          lastSave: { itemId: 1, childName: 'Child One', outcome: 'agreed', created: true, savedBy: 'chair1', savedAt: '2020-04-15T10:30:00Z' }
        } as never
      },
      '#/panel/7'
    )
    expect(await screen.findByText(/You are reading this meeting: the chair records the decisions/)).toBeTruthy()
    for (const name of [/Record/i, /Sign off/i, /Undo last save/i, /Take off the agenda/i, /Attach paper/i, /Add member/i])
      expect(screen.queryByRole('button', { name })).toBeNull()
    expect(fake.calls.map((c) => c.name)).toEqual(expect.not.arrayContaining(['recordDecision', 'undoLastSave']))
  })

  it('tells a data officer on a team database that its server backs it up, with no Back up now', async () => {
    await renderApp(
      { user: 'officer1', roles: ['data_officer'], chosen: true, source: 'team' },
      { listBackups: { folder: '', dbPath: info.dbPath, keep: 14, backups: [] } },
      '#/backups'
    )
    expect((await screen.findByTestId('team-backups')).textContent).toContain('backed up on its server by your database administrator')
    expect(screen.queryByRole('button', { name: 'Back up now' })).toBeNull()
  })

  it("shows a panel member the panel's actions without a Done box to tick, which only the chair may", async () => {
    const action = {
      id: 3,
      childId: 'C1',
      childName: 'Child One',
      decisionId: 1,
      meetingId: 7,
      meetingDate: '2020-02-27',
      description: 'Send the letter',
      owner: 'S Worker',
      dueDate: '2020-03-26',
      doneAt: null,
      status: 'overdue' as const
    }
    await renderApp(member, { listActions: [action], actionSummary: { open: 0, overdue: 1, dueSoon: 0, byOwner: [] } }, '#/panel-actions')
    expect(((await screen.findByRole('checkbox', { name: 'Done: Send the letter' })) as HTMLInputElement).disabled).toBe(true)
  })

  it('shows the roles the database gives, with no form to change them', async () => {
    await renderApp({ user: 'asmith', roles: ['chair', 'panel_member'], chosen: true, source: 'team' }, {}, '#/roles')
    expect(await screen.findByText(/The team database gives asmith these roles/)).toBeTruthy()
    expect(screen.getByText('Panel chair')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Save roles' })).toBeNull()
    expect(screen.queryByRole('checkbox')).toBeNull()
  })

  it('tells a login with no role to ask an administrator', async () => {
    await renderApp({ user: 'newperson', roles: [], chosen: true, source: 'team' }, {})
    expect(await screen.findByText(/has no Permanence Desk role in the team database yet/)).toBeTruthy()
  })

  it("gives an administrator every page, each role's home and the team with their roles", async () => {
    const zero = { FCO: 0, ICO: 0, S20: 0, PO: 0, REMAND: 0, OTHER: 0 }
    const fake = await renderApp(
      { user: 'itadmin', roles: ['admin'], chosen: true, source: 'team' },
      {
        listTeamMembers: [
          { name: 'asmith', canLogin: true, roles: ['chair', 'panel_member'] },
          { name: 'itadmin', canLogin: true, roles: ['admin'] }
        ],
        trackerCounts: {
          asOf: '2020-03-31',
          lookedAfter: 0,
          byLegalStatus: zero,
          permanence: { agreed: 0, notAgreed: 0, oversight: 0, none: 0 },
          noDecisionByLegalStatus: zero,
          carersChangedSinceDecision: 0
        }
      }
    )
    const team = await screen.findByRole('table', { name: 'The team and their roles' })
    expect([...team.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual(['asmithPanel chair, Panel member', 'itadminAdministrator'])
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual([
      'Permanence Panel',
      'Permanence tracker',
      'Head of Service review',
      'Head of Service dashboard',
      'Placement costs',
      'Children',
      'Import & export',
      'Backups',
      'Database connection'
    ])
    // Every role's home card asks for its own data.
    expect(fake.calls.map((c) => c.name)).toEqual(expect.arrayContaining(['listMeetings', 'listTeamMembers']))
  })
})
