import { existsSync, realpathSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'

/** The built renderer's files, as both the app:// protocol and the loopback bridge serve them. */
export const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

export const mimeTypeOf = (file: string): string => mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'

export type StaticLookup = { kind: 'file'; path: string } | { kind: 'not_found' } | { kind: 'bad_request'; reason: string }

const inside = (root: string, file: string): boolean => file.startsWith(root.endsWith(sep) ? root : root + sep)

/**
 * Maps a URL path (still percent-encoded) to a regular file under `root`, or says why
 * not. Anything that leaves the folder — `..`, encoded separators, a symlink pointing
 * out — is not found; a path that cannot be decoded is a bad request.
 */
export function resolveStaticFile(root: string, urlPath: string): StaticLookup {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return { kind: 'bad_request', reason: 'malformed percent-encoding in the path' }
  }
  if (decoded.includes('\0')) return { kind: 'bad_request', reason: 'NUL in the path' }
  const base = normalize(root)
  const file = normalize(join(base, decoded === '/' || decoded === '' ? 'index.html' : decoded))
  if (!inside(base, file) || !existsSync(file)) return { kind: 'not_found' }
  const real = realpathSync(file)
  if (!inside(realpathSync(base), real) || !statSync(real).isFile()) return { kind: 'not_found' }
  return { kind: 'file', path: real }
}
