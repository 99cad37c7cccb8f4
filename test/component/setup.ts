import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { queryClient } from '../../src/renderer/src/query-client'

afterEach(() => {
  cleanup()
  // Each test starts with an empty cache, as a new window does.
  queryClient.clear()
  delete window.api
  window.location.hash = ''
})
