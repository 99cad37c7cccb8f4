import { useEffect, useState } from 'react'
import { unsavedAttribute } from './live'

/** Hash routes (#/tracker, #/child/DEMO000001) work the same from file:// and http://. */
export interface Route {
  page: string
  params: string[]
  query: URLSearchParams
}

export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?')
  const [page = '', ...params] = path.split('/').filter(Boolean).map(decodeURIComponent)
  return { page, params, query: new URLSearchParams(search) }
}

export const href = (page: string, ...params: string[]): string => `#/${[page, ...params].map(encodeURIComponent).join('/')}`

export function navigate(page: string, ...params: string[]): void {
  window.location.hash = href(page, ...params)
}

const pathOf = (hash: string): string => hash.split('?')[0] ?? ''

/** Another page, with typed work not yet saved on this one (live.ts marks such elements). */
const leavingLosesWork = (from: string, to: string): boolean => pathOf(from) !== pathOf(to) && document.querySelector(`[${unsavedAttribute}="true"]`) !== null

export const leaveQuestion = 'Leave this page? What you have typed here and not saved will be lost.'

/** The address before the present one, within this window (hash changes only). */
let previousHash: string | null = null
/** The address being put back after the user chose to stay. */
let restoring: string | null = null
const listeners = new Set<() => void>()

// One listener for the window: a change of page with unsaved work asks first, and staying
// puts the address back without drawing anything; otherwise the route follows the address.
if (typeof window !== 'undefined')
  window.addEventListener('hashchange', (e) => {
    const from = new URL(e.oldURL).hash
    const to = new URL(e.newURL).hash
    if (restoring !== null && to === restoring) {
      restoring = null
      return
    }
    if (leavingLosesWork(from, to) && !window.confirm(leaveQuestion)) {
      restoring = from
      window.location.hash = from
      return
    }
    previousHash = from || null
    for (const listener of listeners) listener()
  })

/** The page the user came from in this window, as an address to link back to, or null. */
export const cameFrom = (): string | null => previousHash

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash))
  useEffect(() => {
    const onChange = (): void => setRoute(parseHash(window.location.hash))
    listeners.add(onChange)
    return () => void listeners.delete(onChange)
  }, [])
  return route
}
