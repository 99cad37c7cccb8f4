import { useEffect, useState } from 'react'

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

/** The address before the present one, within this window (hash changes only). */
let previousHash: string | null = null
if (typeof window !== 'undefined')
  window.addEventListener('hashchange', (e) => {
    previousHash = new URL(e.oldURL).hash || null
  })

/** The page the user came from in this window, as an address to link back to, or null. */
export const cameFrom = (): string | null => previousHash

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash))
  useEffect(() => {
    const onChange = (): void => setRoute(parseHash(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
