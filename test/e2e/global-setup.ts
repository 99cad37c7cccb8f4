import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** The e2e tests drive the built renderer; build it when `npm test` has not already. */
export default function setup(): void {
  if (existsSync('out/renderer/index.html')) return
  const r = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  if (r.status !== 0) throw new Error('electron-vite build failed')
}
