// `npm start`: the desktop app where Electron's binary is present; otherwise the same
// renderer and API in a browser, served on 127.0.0.1 with a random token.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { isFresh } from './freshness.mjs'
import { launchPlan, npmSwallowedDb, wantsBrowser } from './start-plan.mjs'

const args = process.argv.slice(2)
const swallowed = npmSwallowedDb(process.env)
if (swallowed) {
  console.error(swallowed)
  process.exit(2)
}
if (!isFresh('out/renderer/index.html', ['src'])) {
  console.log('Building Permanence Desk…')
  const r = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

function electronBinary() {
  if (wantsBrowser(args, process.env)) return null
  const electronDir = join('node_modules', 'electron')
  if (!existsSync(electronDir)) return null
  if (!existsSync(join(electronDir, 'path.txt'))) {
    // Electron 45+ fetches its binary on first use rather than at install time.
    console.log('Fetching the Electron binary (first run)…')
    const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'pipe', timeout: 300_000 })
    if (r.status !== 0) {
      console.log('Could not fetch Electron (offline, or its download host is unreachable).')
      return null
    }
  }
  try {
    const path = createRequire(import.meta.url)('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const run = (cmd, argv) => {
  const child = spawn(cmd, argv, { stdio: 'inherit' })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code) => process.exit(code ?? 0))
}

const plan = launchPlan(args, { electron: electronBinary(), node: process.execPath })
if (plan.mode === 'browser' && !wantsBrowser(args, process.env)) console.log('Electron is not available on this machine: starting browser mode instead.')
run(plan.command, plan.argv)
