import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { appVersion } from '../../src/main/core/version'

describe('appVersion', () => {
  it('is the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(appVersion).toBe(pkg.version)
  })
})
