import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appEntryUrl, appSchemePrivileges, serveAppRequest } from '../../src/main/shell/app-protocol'
import { contentSecurityPolicy, htmlWithNonce, noncePlaceholder } from '../../src/main/shell/csp'
import { isAppUrl } from '../../src/main/shell/navigation'
import { resolveStaticFile } from '../../src/main/shell/static-files'
import { tempDir } from '../helpers/tmp'

/** A built renderer folder with a secret file beside it that must never be served. */
function rendererFixture(): { root: string; outside: string } {
  const base = tempDir()
  const root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(
    join(root, 'index.html'),
    `<meta http-equiv="Content-Security-Policy" content="style-src 'nonce-${noncePlaceholder}'"><meta property="csp-nonce" nonce="${noncePlaceholder}">`
  )
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  const outside = join(base, 'permanence.db')
  writeFileSync(outside, 'SQLite format 3')
  symlinkSync(outside, join(root, 'assets', 'link.db'))
  return { root, outside }
}

describe('app:// protocol (src/main/shell/app-protocol.ts)', () => {
  it('serves the entry page with a fresh nonce in its CSP header and in the page, never the placeholder', async () => {
    const { root } = rendererFixture()
    const first = await serveAppRequest('GET', appEntryUrl, root)
    const second = await serveAppRequest('GET', 'app://renderer/', root)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = first.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([A-Za-z0-9+/]+)'/.exec(csp)?.[1]
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/)
    const html = await first.text()
    expect(html).toContain(`nonce="${nonce}"`)
    expect(html).not.toContain(noncePlaceholder)
    expect(csp).not.toContain('unsafe-inline')
    expect(await second.text()).not.toContain(nonce!)
  })

  it('serves assets with their type', async () => {
    const { root } = rendererFixture()
    const js = await serveAppRequest('GET', 'app://renderer/assets/app.js', root)
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await js.text()).toBe('console.log(1)')
  })

  it.each([
    ['app://renderer/../permanence.db', 404],
    ['app://renderer/assets/..%2F..%2Fpermanence.db', 404],
    ['app://renderer/%2e%2e/permanence.db', 404],
    ['app://renderer/assets/..%5C..%5Cpermanence.db', 404],
    ['app://renderer/assets/link.db', 404],
    ['app://renderer/assets', 404],
    ['app://renderer/missing.js', 404],
    ['app://other/index.html', 404],
    ['file:///etc/passwd', 404],
    ['app://renderer/%E0%A4%A', 400],
    ['app://renderer/a%00.js', 400]
  ])('%s → %i, nothing outside the renderer folder', async (url, status) => {
    const { root } = rendererFixture()
    const response = await serveAppRequest('GET', url, root)
    expect(response.status).toBe(status)
    expect(await response.text()).not.toContain('SQLite')
  })

  it('answers only GET and HEAD', async () => {
    const { root } = rendererFixture()
    expect((await serveAppRequest('POST', appEntryUrl, root)).status).toBe(405)
    const head = await serveAppRequest('HEAD', appEntryUrl, root)
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('registers a standard, secure scheme that never bypasses CSP', () => {
    expect(appSchemePrivileges).toMatchObject({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false })
  })

  it('the navigation guard accepts only the app entry', () => {
    expect(isAppUrl('app://renderer/index.html#/tracker', appEntryUrl)).toBe(true)
    expect(isAppUrl('app://renderer/assets/app.js', appEntryUrl)).toBe(false)
    expect(isAppUrl('app://evil/index.html', appEntryUrl)).toBe(false)
    expect(isAppUrl('file:///opt/app/out/renderer/index.html', appEntryUrl)).toBe(false)
  })
})

describe('static file resolution', () => {
  it('maps / to index.html and refuses traversal', () => {
    const { root } = rendererFixture()
    expect(resolveStaticFile(root, '/')).toMatchObject({ kind: 'file', path: join(root, 'index.html') })
    expect(resolveStaticFile(root, '/../permanence.db')).toEqual({ kind: 'not_found' })
    expect(resolveStaticFile(root, '/%')).toMatchObject({ kind: 'bad_request' })
  })
})

describe('content security policy', () => {
  it('allows styles only from the app or with the page nonce, and scripts only from the app', () => {
    const csp = contentSecurityPolicy('abc123')
    expect(csp).toContain("style-src 'self' 'nonce-abc123'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-(inline|eval)/)
    expect(csp).toContain("object-src 'none'")
    expect(htmlWithNonce(`a ${noncePlaceholder} b ${noncePlaceholder}`, 'n1')).toBe('a n1 b n1')
  })
})
