import { createRequire } from 'node:module'
import type sanitizeHtml from 'sanitize-html'

// Loaded on the first template saved or letter drawn, not with the core: it costs about
// 0.1 s of CPU, which every CLI command would otherwise pay. Synchronous, as its callers are.
const requireModule = createRequire(import.meta.url)
let sanitizer: typeof sanitizeHtml | undefined

/**
 * What a letter or minutes template may contain: text formatting and tables, nothing
 * that runs, links or loads. No `a`, `img`, `svg`, `style` or `style=`: a printed letter
 * needs none of them, and each is a way to run script or fetch from elsewhere (a
 * "read receipt" image, a CSS `url()`), which would tell an outsider a child's letter
 * was opened. Classes are limited to the ones the print styles know.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'strong',
    'b',
    'em',
    'i',
    'u',
    'ul',
    'ol',
    'li',
    'blockquote',
    'section',
    'div',
    'span',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td'
  ],
  allowedAttributes: { '*': ['class'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedClasses: { '*': ['meta', 'signature', 'flag', 'superseded', 'item', 'page-break'] },
  allowedSchemes: [],
  allowedSchemesAppliedToAttributes: [],
  allowProtocolRelative: false,
  // Dropped with their content, so a script's or style sheet's text never shows up in a letter.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'object', 'svg', 'math', 'template'],
  disallowedTagsMode: 'discard'
}

/** The template or document with everything outside the allow-list removed. */
export function sanitiseTemplateHtml(html: string): string {
  sanitizer ??= requireModule('sanitize-html') as typeof sanitizeHtml
  return sanitizer(html, options)
}
