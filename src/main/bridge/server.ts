import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { Context } from '../core/context'
import { dispatch } from '../core/dispatch'

/**
 * The loopback bridge: the same API the desktop app reaches over IPC, served on
 * 127.0.0.1 so the renderer runs in an ordinary browser. Every request needs the
 * random token (header, or the cookie set when the token URL is first opened);
 * requests from other origins or with a foreign Host header are refused.
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
  ctx: Context
  /** Built renderer to serve; without it only /api is served. */
  staticDir?: string
  port?: number
  token?: string
}

const maxBodyBytes = 64 * 1024 * 1024
const cookieName = 'permanence_token'
export const tokenHeader = 'x-permanence-token'

export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2'
}

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
  let origin = ''
  let allowedHosts: string[] = []

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: { code: 'internal', message: String(error) } }))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Host check defeats DNS rebinding; Origin check refuses other sites' pages.
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 403, 'Forbidden host')
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, 'Forbidden origin')
    const url = new URL(req.url ?? '/', origin)
    const queryToken = url.searchParams.get('token') ?? undefined
    const authorised = sameToken(req.headers[tokenHeader] as string | undefined, token) || sameToken(cookieToken(req), token) || sameToken(queryToken, token)
    if (!authorised) return send(res, 401, { ok: false, error: { code: 'unauthorised', message: 'Missing or wrong token' } })

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only', { allow: 'POST' })
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'application/json only')
      let input: unknown
      try {
        const body = await readBody(req)
        input = body.length ? JSON.parse(body) : {}
      } catch (error) {
        return send(res, 400, { ok: false, error: { code: 'invalid_input', message: `Request body is not valid JSON (${String(error)})` } })
      }
      return send(res, 200, await dispatch(options.ctx, decodeURIComponent(url.pathname.slice(5)), input))
    }

    if (queryToken) {
      // Trade the token in the URL for a cookie, then drop it from the address bar.
      return send(res, 302, '', {
        location: '/',
        'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`
      })
    }
    return serveStatic(url.pathname, res)
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    if (!options.staticDir) return send(res, 404, 'Not found')
    const root = normalize(options.staticDir)
    const file = normalize(join(root, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)))
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'Not found')
    res.writeHead(200, {
      'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache'
    })
    createReadStream(file).pipe(res)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
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
