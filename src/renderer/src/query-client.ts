import { QueryClient } from '@tanstack/react-query'

/**
 * The window's one cache of API reads (TanStack Query). Each read is cached under
 * `[callName, input]`; `callApi` marks every cached read stale after a successful write
 * call (the contract's `writes` flag), so no page reloads its lists by hand.
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
