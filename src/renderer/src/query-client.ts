import { QueryClient } from '@tanstack/react-query'

/**
 * The window's one cache of API reads (TanStack Query). Each read is cached under
 * `[callName, input]`; `callApi` calls `afterWrite` after a successful write call (the
 * contract's `writes` flag), so no page reloads its lists by hand.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A failed read shows its error and a Retry button at once; repeating it silently would only delay that.
      retry: false,
      // Screens that show records other people change refresh through live.ts, which waits while someone types.
      refetchOnWindowFocus: false,
      refetchOnReconnect: false
    },
    mutations: { retry: false }
  }
})

/**
 * After a write every cached read may be out of date: those on screen load again (quietly,
 * keeping what is shown until the answer comes), except reads marked `followsWrites: false`;
 * the others are dropped, so a page opened later never shows, even for a moment, what the
 * write changed (a letter, a list).
 */
export function afterWrite(): void {
  queryClient.removeQueries({ type: 'inactive' })
  void queryClient.invalidateQueries({ predicate: (query) => query.meta?.followsWrites !== false })
}
