import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
// One copy of the router for the file: it listens to the window once, as in the app.
import { leaveQuestion, useRoute } from '../../src/renderer/src/router'

/** Fires once the window has told its listeners of the change to `hash` (events from earlier changes may still be on their way). */
const arrival = (hash: string): Promise<unknown> =>
  new Promise((resolve) => {
    const heard = (e: HashChangeEvent): void => {
      if (!e.newURL.endsWith(hash)) return
      window.removeEventListener('hashchange', heard)
      resolve(e)
    }
    window.addEventListener('hashchange', heard)
  })

/** Changes the address and waits until the window has told its listeners. */
const goTo = async (hash: string): Promise<void> => {
  const told = arrival(hash)
  await act(async () => {
    window.location.hash = hash
    await told
  })
}

function renderShownPage(unsaved: boolean): void {
  const Shown = () => {
    const route = useRoute()
    return (
      <p data-testid="page" data-unsaved={String(unsaved)}>
        {route.page}
      </p>
    )
  }
  render(<Shown />)
}

describe('leaving a page with unsaved work', () => {
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  it('asks first; staying keeps the page and puts its address back', async () => {
    await goTo('#/panel-templates')
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false)
    renderShownPage(true)
    const putBack = arrival('#/panel-templates')
    await goTo('#/tracker')
    expect(confirm).toHaveBeenCalledWith(leaveQuestion)
    await putBack
    expect(window.location.hash).toBe('#/panel-templates')
    expect(screen.getByTestId('page').textContent).toBe('panel-templates')
    expect(confirm).toHaveBeenCalledTimes(1)
  })

  it('leaves when the user says so, and never asks with nothing unsaved or for a change of query alone', async () => {
    await goTo('#/panel-print')
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true)
    renderShownPage(true)
    await goTo('#/panel-print?x=1')
    expect(confirm).not.toHaveBeenCalled()
    await goTo('#/tracker')
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('page').textContent).toBe('tracker')
  })
})
