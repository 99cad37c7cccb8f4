import { readFile } from 'node:fs/promises'
import { contentSecurityPolicy, htmlWithNonce, newNonce } from './csp'
import { mimeTypeOf, resolveStaticFile } from './static-files'

/**
 * The desktop window loads the renderer from app://renderer/ rather than file://, so
 * the page has its own origin (not every file on the disk) and only files under the
 * built renderer folder can be fetched. The handler is plain fetch-API code, tested
 * under Node; src/main/index.ts only registers it with Electron.
 */
export const appScheme = 'app'
export const appHost = 'renderer'
export const appEntryUrl = `${appScheme}://${appHost}/index.html`

/**
 * Privileges for protocol.registerSchemesAsPrivileged: `standard` gives the scheme an
 * origin and relative URLs, `secure` makes it a secure context. Vite's module script
 * and stylesheet are fetched in CORS mode (`crossorigin`), which Chromium only allows
 * for schemes with `corsEnabled` and `supportFetchAPI`; no response carries an
 * Access-Control-Allow-Origin header, so no other origin can read these files. The
 * scheme never bypasses CSP.
 */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
  codeCache: true
} as const

const plain = (status: number, text: string): Response =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } })

/** Answers one app:// request from the files under `rendererDir`. */
export async function serveAppRequest(method: string, rawUrl: string, rendererDir: string): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'GET only')
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return plain(400, 'Bad address')
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return plain(404, 'Not found')
  const found = resolveStaticFile(rendererDir, url.pathname)
  if (found.kind === 'bad_request') return plain(400, `Bad address: ${found.reason}`)
  if (found.kind === 'not_found') return plain(404, 'Not found')
  const nonce = newNonce()
  const type = mimeTypeOf(found.path)
  const bytes = await readFile(found.path)
  const body = type.startsWith('text/html') ? htmlWithNonce(bytes.toString('utf8'), nonce) : bytes
  return new Response(method === 'HEAD' ? null : body, {
    status: 200,
    headers: {
      'content-type': type,
      'content-security-policy': contentSecurityPolicy(nonce),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache'
    }
  })
}
