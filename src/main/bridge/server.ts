import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DatabaseWorker } from '../core/worker/db-client'
import { contentSecurityPolicy, htmlWithNonce, newNonce } from '../shell/csp'
import { mimeTypeOf, resolveStaticFile } from '../shell/static-files'

/**
 * The loopback bridge: the same API the desktop app reaches over IPC, served on
 * 127.0.0.1 so the renderer runs in an ordinary browser. The launch URL's token is
 * exchanged once for an HttpOnly cookie; after that every request needs the cookie
 * (what the page sends) or the token header (scripts, tests) — never the token in an
 * /api query string, where it would end up in logs and history. Requests with a Host
 * other than 127.0.0.1 / localhost on our port, or from another origin, are refused.
 */
export interface Bridge {
  url: string
  /** The URL to open: carries the token once, then the cookie takes over. */
  launchUrl: string
  port: number
  token: string
  close(): Promise<void>
}

export interface BridgeOptions {
  /** Where calls go: the database worker (core/worker/db-client.ts), so the bridge's thread never runs SQL. */
  database: Pick<DatabaseWorker, 'dispatch'>
  /** Built renderer to serve; without it only /api is served. */
  staticDir?: string
  port?: number
  token?: string
}

const maxBodyBytes = 64 * 1024 * 1024
const cookieName = 'permanence_token'
export const tokenHeader = 'x-permanence-token'

/** Shown for a page opened without its token (a bookmark, a retyped address): what to do, not raw JSON. */
const missingTokenPage = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Permanence Desk: open the address from npm start</title></head>
<body><h1>Permanence Desk</h1>
<p>This address is missing its access token, so the app cannot open here.</p>
<p>Open the address printed by <code>npm start</code> (or <code>permanence serve</code>) in a browser on this computer:
it ends with <code>?token=</code> followed by a long code. A new address is printed each time the app starts.</p>
</body></html>
`

const sameToken = (given: string | undefined, token: string): boolean => {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

const cookieToken = (req: IncomingMessage): string | undefined =>
  req.headers.cookie
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === cookieName)?.[1]

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers
  })
  res.end(text)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBodyBytes) throw new Error('request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let allowedHosts: string[] = []

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: { code: 'internal', message: String(error) } }))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Host check defeats DNS rebinding; Origin check refuses other sites' pages. The
    // page's own origin is whichever allowed host it was opened on (127.0.0.1 or localhost).
    const host = req.headers.host ?? ''
    if (!allowedHosts.includes(host)) return send(res, 403, 'Forbidden host')
    if (req.headers.origin !== undefined && req.headers.origin !== `http://${host}`) return send(res, 403, 'Forbidden origin')
    let url: URL
    try {
      url = new URL(req.url ?? '/', `http://${host}`)
    } catch {
      return send(res, 400, 'Bad address')
    }
    const authorised = sameToken(req.headers[tokenHeader] as string | undefined, token) || sameToken(cookieToken(req), token)

    if (url.pathname.startsWith('/api/')) {
      if (!authorised) return send(res, 401, { ok: false, error: { code: 'unauthorised', message: 'Missing or wrong token' } })
      if (req.method !== 'POST') return send(res, 405, 'POST only', { allow: 'POST' })
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'application/json only')
      let name: string
      try {
        name = decodeURIComponent(url.pathname.slice(5))
      } catch {
        return send(res, 400, { ok: false, error: { code: 'invalid_input', message: 'Malformed percent-encoding in the call name' } })
      }
      let input: unknown
      try {
        const body = await readBody(req)
        input = body.length ? JSON.parse(body) : {}
      } catch (error) {
        return send(res, 400, { ok: false, error: { code: 'invalid_input', message: `Request body is not valid JSON (${String(error)})` } })
      }
      return send(res, 200, await options.database.dispatch(name, input))
    }

    const queryToken = url.searchParams.get('token')
    if (queryToken !== null && sameToken(queryToken, token)) {
      // Trade the token in the URL for a cookie, then drop it from the address bar.
      return send(res, 302, '', {
        location: '/',
        'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`
      })
    }
    if (!authorised) return send(res, 401, missingTokenPage, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" })
    return serveStatic(url.pathname, res)
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    if (!options.staticDir) return send(res, 404, 'Not found')
    const found = resolveStaticFile(options.staticDir, pathname)
    if (found.kind === 'bad_request') return send(res, 400, `Bad address: ${found.reason}`)
    if (found.kind === 'not_found') return send(res, 404, 'Not found')
    const nonce = newNonce()
    const type = mimeTypeOf(found.path)
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': contentSecurityPolicy(nonce),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache'
    })
    if (type.startsWith('text/html')) res.end(htmlWithNonce(readFileSync(found.path, 'utf8'), nonce))
    else createReadStream(found.path).pipe(res)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  return {
    url: origin,
    launchUrl: `${origin}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
