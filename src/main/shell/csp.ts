import { randomBytes } from 'node:crypto'

/**
 * The renderer's Content Security Policy, one definition for the desktop app (app://)
 * and the browser mode (loopback bridge).
 *
 * Styles carry no 'unsafe-inline': ag-grid injects its theme as <style> elements, and
 * those carry a per-page nonce instead (the grid's `styleNonce` option, read from the
 * `csp-nonce` meta tag that Vite writes because of `html.cspNonce`). React's `style`
 * props are set through the CSSOM, which CSP does not restrict; inline `style="…"`
 * attributes and injected <style> elements without the nonce are refused.
 */
export const noncePlaceholder = 'PermanenceCspNonce'

export const newNonce = (): string => randomBytes(18).toString('base64')

export const contentSecurityPolicy = (nonce: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'"
  ].join('; ')

/** The built index.html with this response's nonce in place of the placeholder (meta CSP and csp-nonce tag). */
export const htmlWithNonce = (html: string, nonce: string): string => html.replaceAll(noncePlaceholder, nonce)
