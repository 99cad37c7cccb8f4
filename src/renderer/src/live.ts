import { useEffect } from 'react'

/** How often a screen that shows shared records asks for them again while it is in view. */
export const liveRefreshMs = 30_000

/**
 * Marks an element whose typed, unsaved content a refresh would replace: while one is on
 * screen, live screens wait (the save's own version check reports any change meanwhile).
 */
export const unsavedAttribute = 'data-unsaved'

/** Whether typed, unsaved content is on screen (within `root`, else anywhere). */
export const hasUnsavedWork = (root: ParentNode = document): boolean => root.querySelector(`[${unsavedAttribute}="true"]`) !== null

/**
 * On the team database other people change records while a screen is open: calls
 * `refresh` when the window regains focus or becomes visible, and every `liveRefreshMs`
 * while visible, unless unsaved edits are on screen.
 */
export function useLiveRefresh(refresh: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return
    const maybeRefresh = (): void => {
      if (document.visibilityState === 'visible' && !hasUnsavedWork()) refresh()
    }
    window.addEventListener('focus', maybeRefresh)
    document.addEventListener('visibilitychange', maybeRefresh)
    const timer = window.setInterval(maybeRefresh, liveRefreshMs)
    return () => {
      window.removeEventListener('focus', maybeRefresh)
      document.removeEventListener('visibilitychange', maybeRefresh)
      window.clearInterval(timer)
    }
  }, [refresh, enabled])
}
