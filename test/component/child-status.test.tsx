import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ChildTimeline, DriftThresholds } from '../../src/shared/api'
import { fakeApi } from './fake-api'
import { chairInfo, trackerRow } from './tracker-fixtures'

const thresholds: DriftThresholds = { fcoMonths: 6, s20Months: 12, placementsIn12Months: 3, panelLookMonths: 12, pwpMonths: 6 }

async function renderChild(row: ChildTimeline['tracker'], beforeRender?: () => Promise<void>): Promise<string> {
  const timeline = { childId: 'C1', name: 'Child C1', dob: '2010-01-01', asOf: '2020-03-31', tracker: row, thresholds, episodes: [], events: [], actions: [] }
  window.api = fakeApi({
    appInfo: chairInfo,
    childTimeline: timeline as ChildTimeline,
    childPlacements: [],
    getCarePlan: null as never,
    listDischargeApplications: [],
    childReviews: []
  }).api
  // The renderer's api module binds window.api when first imported.
  vi.resetModules()
  await beforeRender?.()
  const { ChildPage } = await import('../../src/renderer/src/pages/ChildPage')
  render(<ChildPage childId="C1" />)
  return (await screen.findByTestId('child-status')).textContent ?? ''
}

describe("a child's permanence status", () => {
  it('says why an agreed decision no longer counts once the child lives with new carers', async () => {
    const status = await renderChild(trackerRow('C1', { status: 'none', carersChangedSinceDecision: true, carersSince: '2020-01-06' }))
    expect(status).toContain("None — the panel's decisions in this period of care were about earlier carers")
    expect(status).toContain('new carers since 06/01/2020')
  })

  it('gives the decision date alone when the decision counts', async () => {
    const status = await renderChild(trackerRow('C1', { status: 'agreed', decisionDate: '2019-06-01' }))
    expect(status).toContain('(panel 01/06/2019)')
    expect(status).not.toContain('earlier carers')
  })
})

describe('the way back from a child', () => {
  const hashChange = async (hash: string): Promise<void> => {
    const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }))
    window.location.hash = hash
    await changed
  }

  it('links back to the meeting the child was opened from, beside the tracker', async () => {
    await renderChild(trackerRow('C1', { status: 'none' }), async () => {
      await import('../../src/renderer/src/router')
      await hashChange('#/panel/3')
      await hashChange('#/child/C1')
    })
    expect(screen.getByRole('link', { name: '← Back to the meeting' }).getAttribute('href')).toBe('#/panel/3')
  })

  it('offers no such link when the child was opened from the tracker', async () => {
    await renderChild(trackerRow('C1', { status: 'none' }), async () => {
      await import('../../src/renderer/src/router')
      await hashChange('#/tracker')
      await hashChange('#/child/C1')
    })
    expect(screen.queryByRole('link', { name: /Back to/ })).toBeNull()
    expect(screen.getByRole('link', { name: '← Permanence tracker' })).toBeTruthy()
  })
})
