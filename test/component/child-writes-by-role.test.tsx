import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { AppInfo, Me, Role } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const info = {
  version: '0.1.0',
  schemaVersion: 14,
  dbPath: 'postgresql://panel1@db/team',
  user: 'panel1',
  shell: 'browser',
  demo: true,
  today: '2020-03-31',
  counts: {}
} as AppInfo
const carer = { id: 4, name: 'Robin Carer', kind: 'ifa', approvalNumber: null, agency: null, approvedFrom: null, approvedTo: null }
const placement = { start: '2019-03-28', startKnown: true, end: null, place: 'U6', placeProvider: 'PR4', episodes: 1, carers: [carer] }

async function renderSections(roles: Role[]): Promise<void> {
  window.api = fakeApi({ appInfo: info, childPlacements: [placement] as never, getCarePlan: null as never, listDischargeApplications: [] }).api
  // The renderer's api module binds window.api when first imported.
  vi.resetModules()
  const { MeContext } = await import('../../src/renderer/src/me')
  const { CarePlanSection } = await import('../../src/renderer/src/pages/child/CarePlanSection')
  const { CarersSection } = await import('../../src/renderer/src/pages/child/CarersSection')
  const me: Me = { user: 'someone', roles, chosen: true, source: 'team' }
  render(
    <MeContext.Provider value={{ me }}>
      <CarersSection childId="C1" />
      <CarePlanSection childId="C1" placedWithParents />
    </MeContext.Provider>
  )
  await screen.findByText(/Robin Carer/)
}

describe("a child's carers and care plan, by role", () => {
  it('gives a panel member, who may change none of them, nothing to change', async () => {
    await renderSections(['panel_member'])
    for (const name of [/Unlink/, /Details of/, /Save care plan/, /Save discharge application/]) expect(screen.queryByRole('button', { name })).toBeNull()
    expect(screen.queryByPlaceholderText('Carer name')).toBeNull()
    expect(screen.getByTestId('care-plan').textContent).toBe('No care plan recorded.')
  })

  it('gives the chair the links, the register and the care plan', async () => {
    await renderSections(['chair'])
    expect(screen.getByRole('button', { name: 'Unlink Robin Carer' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Details of Robin Carer' })).toBeTruthy()
    expect(await screen.findByRole('button', { name: 'Save care plan' })).toBeTruthy()
    expect(await screen.findByRole('button', { name: 'Save discharge application' })).toBeTruthy()
  })

  it('gives a data officer the links and the register but not the care plan', async () => {
    await renderSections(['data_officer'])
    expect(screen.getByRole('button', { name: 'Unlink Robin Carer' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Save care plan' })).toBeNull()
  })
})
