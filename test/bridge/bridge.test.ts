import { afterEach, describe, expect, it } from 'vitest'
import { startBridge, tokenHeader, type Bridge } from '../../src/main/bridge/server'
import { createDemo } from '../../src/main/core/demo/load'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { noncePlaceholder } from '../../src/main/shell/csp'
import { inProcess } from '../helpers/database'
import { tempContext, tempDir } from '../helpers/tmp'
import { firstOf } from '../helpers/defined'

describe('loopback bridge', () => {
  let bridge: Bridge | undefined
  afterEach(async () => bridge?.close())

  const post = (b: Bridge, name: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${b.url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [tokenHeader]: b.token, ...headers },
      body: JSON.stringify(body)
    })

  it('listens on 127.0.0.1 only, on a random port, with a long random token', async () => {
    const ctx = await tempContext()
    bridge = await startBridge({ database: inProcess(ctx) })
    const other = await startBridge({ database: inProcess(ctx) })
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(bridge.port).not.toBe(other.port)
    expect(bridge.token).not.toBe(other.token)
    expect(bridge.token.length).toBeGreaterThanOrEqual(32)
    await other.close()
  })

  it('answers 401 without the token and with a wrong one', async () => {
    const ctx = await tempContext()
    bridge = await startBridge({ database: inProcess(ctx) })
    const none = await fetch(`${bridge.url}/api/appInfo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(none.status).toBe(401)
    const wrong = await post(bridge, 'appInfo', {}, { [tokenHeader]: 'x'.repeat(bridge.token.length) })
    expect(wrong.status).toBe(401)
    expect((await fetch(`${bridge.url}/`)).status).toBe(401)
  })

  it('refuses other origins and foreign Host headers (DNS rebinding)', async () => {
    const ctx = await tempContext()
    bridge = await startBridge({ database: inProcess(ctx) })
    expect((await post(bridge, 'appInfo', {}, { origin: 'http://evil.example' })).status).toBe(403)
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: bridge!.port,
          path: '/api/appInfo',
          method: 'POST',
          headers: { host: 'evil.example', [tokenHeader]: bridge!.token, 'content-type': 'application/json' }
        },
        (res) => resolve(res.statusCode ?? 0)
      )
      req.end('{}')
    })
    expect(status).toBe(403)
  })

  it('serves calls with the token and names the invalid field, writing nothing', async () => {
    const ctx = await tempContext()
    await createDemo(ctx.db, { asOf: '2020-03-31', lookedAfter: 10 }, 'tester')
    bridge = await startBridge({ database: inProcess(ctx) })
    const ok = (await (await post(bridge, 'listChildren', { lookedAfterOnly: true })).json()) as { ok: boolean; value: unknown[] }
    expect(ok.ok).toBe(true)
    expect(ok.value).toHaveLength(10)
    const before = await ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()
    const bad = (await (await post(bridge, 'getChild', { childId: 7 })).json()) as { error: { message: string; fields: { path: string }[] } }
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(bad.error.message).toBe('Child ID must be text.')
    expect(bad.error.fields.map((f) => f.path)).toEqual(['childId'])
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(before)
    const unknown = await (await post(bridge, 'nope', {})).json()
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('trades a token URL for an HttpOnly SameSite cookie that then authorises', async () => {
    const ctx = await tempContext()
    bridge = await startBridge({ database: inProcess(ctx) })
    const first = await fetch(bridge.launchUrl, { redirect: 'manual' })
    expect(first.status).toBe(302)
    const cookie = first.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const info = await fetch(`${bridge.url}/api/appInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: firstOf(cookie.split(';')) },
      body: '{}'
    })
    expect(((await info.json()) as { ok: boolean }).ok).toBe(true)
  })

  it('rejects bodies that are not JSON and non-POST API requests', async () => {
    const ctx = await tempContext()
    bridge = await startBridge({ database: inProcess(ctx) })
    const notJson = await fetch(`${bridge.url}/api/appInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [tokenHeader]: bridge.token },
      body: '{oops'
    })
    expect(notJson.status).toBe(400)
    const get = await fetch(`${bridge.url}/api/appInfo`, { headers: { [tokenHeader]: bridge.token } })
    expect(get.status).toBe(405)
  })

  /** A raw request, so the Host, Origin and path are exactly what a browser could send. */
  const raw = async (
    b: Bridge,
    path: string,
    headers: Record<string, string>,
    method = 'GET',
    body = ''
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> => {
    const { request } = await import('node:http')
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: b.port, path, method, headers }, (res) => {
        let text = ''
        res.on('data', (d: Buffer) => (text += d.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  it('works when opened as localhost: its own origin is allowed, other ports are not', async () => {
    const ctx = await tempContext()
    bridge = await startBridge({ database: inProcess(ctx) })
    const host = `localhost:${bridge.port}`
    const call = (origin: string) =>
      raw(bridge!, '/api/appInfo', { host, origin, [tokenHeader]: bridge!.token, 'content-type': 'application/json' }, 'POST', '{}')
    const same = await call(`http://${host}`)
    expect(same.status).toBe(200)
    expect(JSON.parse(same.body)).toMatchObject({ ok: true })
    expect((await call(`http://127.0.0.1:${bridge.port}`)).status).toBe(403)
    expect((await call(`http://localhost:${bridge.port + 1}`)).status).toBe(403)
  })

  it('answers a malformed % with 400, not 500', async () => {
    const ctx = await tempContext()
    bridge = await startBridge({ database: inProcess(ctx), staticDir: tempDir() })
    const headers = { host: `127.0.0.1:${bridge.port}`, [tokenHeader]: bridge.token, 'content-type': 'application/json' }
    expect((await raw(bridge, '/api/app%E0%A4%A', headers, 'POST', '{}')).status).toBe(400)
    expect((await raw(bridge, '/assets/%', headers)).status).toBe(400)
    expect((await raw(bridge, '/%zz.js', headers)).status).toBe(400)
  })

  it('does not accept the token in an /api query string', async () => {
    const ctx = await tempContext()
    bridge = await startBridge({ database: inProcess(ctx) })
    const res = await fetch(`${bridge.url}/api/appInfo?token=${bridge.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(res.status).toBe(401)
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('shows a short page saying what to open when the address has no token', async () => {
    const ctx = await tempContext()
    bridge = await startBridge({ database: inProcess(ctx), staticDir: tempDir() })
    for (const path of ['/', `/?token=${'x'.repeat(bridge.token.length)}`]) {
      const res = await fetch(`${bridge.url}${path}`, { redirect: 'manual' })
      expect(res.status).toBe(401)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(res.headers.get('set-cookie')).toBeNull()
      const html = await res.text()
      expect(html).toContain('Open the address printed by <code>npm start</code>')
      expect(html).not.toContain('{')
    }
  })

  it('serves the page with a per-response CSP nonce in the header and the HTML, no unsafe-inline', async () => {
    const ctx = await tempContext()
    const dir = tempDir()
    writeFileSync(join(dir, 'index.html'), `<meta property="csp-nonce" nonce="${noncePlaceholder}">`)
    bridge = await startBridge({ database: inProcess(ctx), staticDir: dir })
    const first = await fetch(bridge.launchUrl, { redirect: 'manual' })
    const cookie = firstOf((first.headers.get('set-cookie') ?? '').split(';'))
    const pages = await Promise.all([1, 2].map(() => fetch(`${bridge!.url}/`, { headers: { cookie } })))
    const nonces = await Promise.all(
      pages.map(async (page) => {
        const csp = page.headers.get('content-security-policy') ?? ''
        expect(csp).not.toContain('unsafe-inline')
        const nonce = /'nonce-([A-Za-z0-9+/]+)'/.exec(csp)?.[1]
        expect(await page.text()).toBe(`<meta property="csp-nonce" nonce="${nonce}">`)
        return nonce
      })
    )
    expect(nonces[0]).not.toBe(nonces[1])
  })
})
