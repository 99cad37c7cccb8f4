import { describe, expect, it, vi } from 'vitest'
import type { Me } from '../../src/shared/api'
import { fakeApi } from './fake-api'
import { chairInfo } from './tracker-fixtures'

describe('the first calls, sent before React loads', () => {
  it('asks appInfo and getMe once at start, hands each answer to the first call that wants it, and asks again after', async () => {
    const me: Me = { user: 'chair', roles: ['chair'], chosen: true, source: 'desk' }
    const fake = fakeApi({ appInfo: chairInfo, getMe: me })
    window.api = fake.api
    vi.resetModules()
    await import('../../src/renderer/src/early')
    expect(fake.calls.map((c) => c.name)).toEqual(['appInfo', 'getMe'])
    const { callApi } = await import('../../src/renderer/src/api')
    expect(await callApi('appInfo', {})).toEqual(chairInfo)
    expect(await callApi('getMe', {})).toEqual(me)
    // Taken once: the early answers are used up, so these are asked anew.
    expect(fake.calls.map((c) => c.name)).toEqual(['appInfo', 'getMe'])
    await callApi('appInfo', {})
    expect(fake.calls.map((c) => c.name)).toEqual(['appInfo', 'getMe', 'appInfo'])
  })
})
