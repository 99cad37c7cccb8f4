#!/usr/bin/env node
// Runs the built CLI (out/main/cli.js, made by `npm run build`, `npm start` and `npm test`)
// when it is at least as new as every source file it is built from; otherwise runs the
// TypeScript through tsx, so `npx permanence` works straight after `npm install` and never
// runs stale code. The built CLI starts in about a third of the time: scripts call it often.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isFresh } from '../scripts/freshness.mjs'

const root = join(import.meta.dirname, '..')
const built = join(root, 'out', 'main', 'cli.js')

if (
  isFresh(
    built,
    ['src/main', 'src/cli', 'src/shared'].map((d) => join(root, d))
  )
) {
  await import(pathToFileURL(built).href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}
