import { act, render, screen, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { liveRefreshMs } from '../../src/renderer/src/live'
import type { ApiClient, MeetingSummary } from '../../src/shared/api'

type UseCall = typeof import('../../src/renderer/src/api').useCall
let useCall: UseCall
let database = { stored: [] as MeetingSummary[], count: 0 }

// The renderer picks window.api when its module loads, as the preload sets it before any script runs.
beforeAll(async () => {
  window.api = { listMeetings: async () => (database.count++, { ok: true, value: [...database.stored] }) } as unknown as ApiClient
  vi.resetModules()
  useCall = (await import('../../src/renderer/src/api')).useCall
})

const meeting = (id: number): MeetingSummary => ({
  id,
  date: '2020-04-15',
  startTime: null,
  place: null,
  online: false,
  chair: 'Ada',
  status: 'planned',
  items: 0,
  decided: 0,
  signedBy: null,
  signedAt: null
})

/** A desk whose database another desk writes to: each call answers what is stored now. */
function sharedDatabase(): { stored: MeetingSummary[]; calls: () => number } {
  database = { stored: [], count: 0 }
  const db = database
  return { stored: db.stored, calls: () => db.count }
}

function Meetings({ live }: { live: boolean }): ReactNode {
  const meetings = useCall('listMeetings', {}, { live })
  return <p data-testid="count">{meetings.data ? `${meetings.data.length} meetings` : 'loading'}</p>
}

const focusWindow = (): void => {
  act(() => void window.dispatchEvent(new Event('focus')))
}

describe('screens showing records other people change', () => {
  it('load them again when the window regains focus, quietly', async () => {
    const db = sharedDatabase()
    render(<Meetings live />)
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('0 meetings'))
    db.stored.push(meeting(1))
    focusWindow()
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('1 meetings'))
    expect(db.calls()).toBe(2)
  })

  it('wait while a form on screen holds unsaved text', async () => {
    const db = sharedDatabase()
    render(
      <>
        <Meetings live />
        <form data-unsaved="true" aria-label="typing" />
      </>
    )
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('0 meetings'))
    db.stored.push(meeting(1))
    focusWindow()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(db.calls()).toBe(1)
    expect(screen.getByTestId('count').textContent).toBe('0 meetings')
    screen.getByRole('form', { name: 'typing' }).setAttribute('data-unsaved', 'false')
    focusWindow()
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('1 meetings'))
  })

  it(`load them every ${liveRefreshMs / 1000} s, and only on screens that ask`, async () => {
    const db = sharedDatabase()
    const intervals: (() => void)[] = []
    const realSetInterval = window.setInterval
    // Only the refresh's own timer is held (testing-library polls with timers of its own).
    window.setInterval = ((fn: () => void, ms?: number, ...rest: unknown[]) =>
      ms === liveRefreshMs ? intervals.push(fn) : realSetInterval(fn, ms, ...rest)) as unknown as typeof window.setInterval
    try {
      const { unmount } = render(<Meetings live={false} />)
      await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('0 meetings'))
      focusWindow()
      expect(intervals).toHaveLength(0)
      unmount()
      render(<Meetings live />)
      await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('0 meetings'))
      expect(intervals).toHaveLength(1)
      db.stored.push(meeting(1))
      act(() => intervals[0]?.())
      await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('1 meetings'))
    } finally {
      window.setInterval = realSetInterval
    }
  })
})
