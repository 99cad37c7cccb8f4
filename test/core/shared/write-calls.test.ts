import { describe, expect, it } from 'vitest'
import { api, callNames } from '../../../src/shared/api'
import { writeCalls } from '../../../src/shared/write-calls'

describe('the screens’ list of calls that change data', () => {
  it('names exactly the contract’s commands', () => {
    expect([...writeCalls].sort()).toEqual(callNames.filter((name) => api[name].writes).sort())
  })
})
