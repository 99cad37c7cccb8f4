// What the built renderer's first screen loads before it can be used: the scripts and
// styles index.html names, everything they import statically, and the Home page's chunk
// if Home is ever split off (routes.tsx bundles it with the shell, as the first screen).
// Used by the bench's start case and the test that keeps the first screen under its budget.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

// Minified chunks import each other as `from"./x.js"` or `import"./x.js"`; a dynamic
// `import("./x.js")` (a page opened later) has a parenthesis and does not match.
const staticImport = /(?:\bfrom|\bimport)\s*["'`]\.\/([^"'`]+\.js)["'`]/g
const htmlAsset = /<(?:script[^>]*\bsrc|link[^>]*\bhref)="\.\/([^"]+\.(?:js|css))"/g

export function firstScreenAssets(rendererDir) {
  const assets = join(rendererDir, 'assets')
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  const homeChunk = readdirSync(assets).find((f) => /^HomePage-[\w-]+\.js$/.test(f))
  const seen = new Set()
  const visit = (file) => {
    if (seen.has(file)) return
    seen.add(file)
    if (!file.endsWith('.js')) return
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''
    for (const m of readFileSync(join(rendererDir, file), 'utf8').matchAll(staticImport)) visit(dir + m[1])
  }
  for (const m of html.matchAll(htmlAsset)) visit(m[1])
  if (homeChunk) visit(`assets/${homeChunk}`)
  const files = [...seen].map((file) => ({ file, bytes: statSync(join(rendererDir, file)).size }))
  const sum = (ext) => files.filter((f) => f.file.endsWith(ext)).reduce((total, f) => total + f.bytes, 0)
  return { files, scriptBytes: sum('.js'), styleBytes: sum('.css') }
}
