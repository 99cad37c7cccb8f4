import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'
import { queryClient } from '../../src/renderer/src/query-client'

// A screen is waited for up to 10 s, not testing-library's 1 s: on a loaded CI machine a
// grid's first render in jsdom can take longer, and a wait that times out proves nothing.
configure({ asyncUtilTimeout: 10_000 })

afterEach(() => {
  cleanup()
  // Each test starts with an empty cache, as a new window does.
  queryClient.clear()
  delete window.api
  window.location.hash = ''
})
