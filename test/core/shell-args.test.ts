import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { launchPlan, npmSwallowedDb, wantsBrowser } from '../../scripts/start-plan.mjs'
import { chooseDbPath, parseShellArgs, ShellArgsError } from '../../src/main/shell/args'
import { runCli } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'
import { firstOf } from '../helpers/defined'

const root = join(import.meta.dirname, '..', '..')
const env = { XDG_CONFIG_HOME: '/home/u/.config' }

describe('desktop app arguments (src/main/shell/args.ts)', () => {
  it.each([
    [['.', '--db', '/data/panel.db'], '/data/panel.db'],
    [['.', '--db=/data/panel.db'], '/data/panel.db'],
    [['--db', '/data/with space/panel.db'], '/data/with space/panel.db'],
    [['.', '--db', 'rel/panel.db', '--enable-logging'], '/work/here/rel/panel.db']
  ])('%j opens %s', (args, expected) => {
    expect(parseShellArgs(args, env, '/work/here')).toEqual({ dbPath: expected, dbSource: 'argument' })
  })

  it.each([
    [['.', '--db='], /--db is empty/],
    [['.', '--db'], /--db has no value/],
    [['.', '--db', '--browser'], /--db has no value/],
    [['.', '--db', '   '], /--db is empty/],
    [['.', '--db', ':memory:'], /not a file path/],
    [['--db=/a.db', '--db', '/b.db'], /given twice/]
  ])('%j is refused, never a throwaway database', (args, message) => {
    expect(() => parseShellArgs(args, env, '/w')).toThrow(ShellArgsError)
    expect(() => parseShellArgs(args, env, '/w')).toThrow(message)
  })

  it('falls back to PERMANENCE_DB, then the per-user folder; an empty PERMANENCE_DB is an error', () => {
    expect(parseShellArgs(['.'], { ...env, PERMANENCE_DB: '/env/p.db' }, '/w')).toEqual({ dbPath: '/env/p.db', dbSource: 'environment' })
    expect(parseShellArgs(['.', '--db=/arg.db'], { ...env, PERMANENCE_DB: '/env/p.db' }, '/w').dbPath).toBe('/arg.db')
    expect(parseShellArgs(['.'], env, '/w')).toEqual({ dbPath: '/home/u/.config/Permanence Desk/permanence.db', dbSource: 'default' })
    expect(() => chooseDbPath(undefined, { ...env, PERMANENCE_DB: '' }, '/w')).toThrow(/PERMANENCE_DB is empty/)
  })
})

describe('npm start pass-through (scripts/start-plan.mjs)', () => {
  const tools = { electron: '/opt/electron', node: '/usr/bin/node' }

  it('hands every argument to Electron verbatim and in order', () => {
    for (const args of [['--db', '/d/p.db'], ['--db=/d/p.db'], ['--db', '/d/with space.db', '--user', 'Ann']]) {
      const plan = launchPlan(args, tools)
      expect(plan).toEqual({ mode: 'desktop', command: '/opt/electron', argv: ['.', ...args] })
      expect(parseShellArgs(plan.argv, env, '/w').dbPath).toBe(args[0] === '--db=/d/p.db' ? '/d/p.db' : args[1])
    }
  })

  it('drops only --browser, and runs the CLI server without Electron', () => {
    expect(wantsBrowser(['--browser'])).toBe(true)
    expect(wantsBrowser([], { PERMANENCE_BROWSER: '1' })).toBe(true)
    expect(wantsBrowser(['--db', '/d.db'])).toBe(false)
    expect(launchPlan(['--browser', '--db', '/d/p.db'], { ...tools, electron: null })).toEqual({
      mode: 'browser',
      command: '/usr/bin/node',
      argv: ['bin/permanence.mjs', 'serve', '--db', '/d/p.db']
    })
  })

  it('refuses to start when npm kept --db for itself (no -- before it)', () => {
    // `npm start --db=/d.db` and `npm start --db /d.db` as npm 11 passes them on.
    expect(npmSwallowedDb({ npm_config_db: '/d.db' })).toMatch(/npm start -- --db PATH/)
    expect(npmSwallowedDb({ npm_config_db: 'true' })).toMatch(/npm start -- --db PATH/)
    expect(npmSwallowedDb({})).toBeNull()
    expect(wantsBrowser([], { npm_config_browser: 'true' })).toBe(true)
  })

  it('npm start itself stops with that message, before building or launching anything', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, npm_config_db: 'true' },
      timeout: 30_000
    })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('npm start -- --db PATH')
  })

  it('browser mode opens exactly the database named with --db', async () => {
    const dir = tempDir()
    const db = join(dir, 'named by user.db')
    const renderer = join(dir, 'renderer')
    mkdirSync(renderer)
    writeFileSync(join(renderer, 'index.html'), '<!doctype html>')
    const plan = launchPlan(['--browser', '--db', db, '--json', '--empty', '--static', renderer], { electron: null, node: process.execPath })
    const child = spawn(plan.command, plan.argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          if (out.includes('\n')) resolve(firstOf(out.split('\n')))
        })
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
      })
      expect(JSON.parse(line)).toMatchObject({ db, demoCreated: false })
      expect(existsSync(db)).toBe(true)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('the CLI refuses an empty --db or PERMANENCE_DB instead of opening a temporary database', async () => {
    const empty = await runCli(['--db=', 'check', '--json'])
    expect(empty.status).toBe(2)
    expect(empty.stderr).toMatch(/--db is empty/)
    const emptyEnv = await runCli(['check', '--json'], { env: { PERMANENCE_DB: '' } })
    expect(emptyEnv.status).toBe(2)
    expect(emptyEnv.stderr).toMatch(/PERMANENCE_DB is empty/)
  })
})
