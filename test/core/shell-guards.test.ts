import { describe, expect, it, vi } from 'vitest'
import { isVettedExternalUrl, openExternalSafely } from '../../src/main/shell/external'
import { isAppUrl } from '../../src/main/shell/navigation'

describe('external links', () => {
  it.each([
    ['https://www.gov.uk/government/collections/statistics-looked-after-children', true],
    ['http://www.gov.uk/', false],
    ['https://www.gov.uk.evil.example/', false],
    ['https://user:pw@www.gov.uk/', false],
    ['https://www.gov.uk:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false]
  ])('%s vetted = %s', (url, expected) => {
    expect(isVettedExternalUrl(url)).toBe(expected)
  })

  it('only hands vetted URLs to the opener', async () => {
    const open = vi.fn(async () => undefined)
    expect(await openExternalSafely('https://evil.example/', open)).toBe(false)
    expect(open).not.toHaveBeenCalled()
    expect(await openExternalSafely('https://www.gov.uk/', open)).toBe(true)
    expect(open).toHaveBeenCalledWith('https://www.gov.uk/')
  })
})

describe('navigation guard', () => {
  const app = 'app://renderer/index.html'
  it('allows the app entry (with any hash) and nothing else', () => {
    expect(isAppUrl('app://renderer/index.html#/tracker', app)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false)
    expect(isAppUrl('https://example.com/', app)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
  })
})
