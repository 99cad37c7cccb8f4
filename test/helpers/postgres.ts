import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/**
 * A real, throwaway PostgreSQL server for tests: its own data directory in a temp dir,
 * listening on 127.0.0.1 only, on a port the OS picked. Durability is switched off
 * (fsync) because the data dies with the test run.
 *
 * One server serves a whole vitest run: `test/helpers/postgres-global-setup.ts` starts it
 * and hands its address to the test workers in PERMANENCE_TEST_PG; tests call
 * `testPostgres()` and make a database of their own with `createDatabase()`.
 */

/** What a test needs to reach the server (JSON in PERMANENCE_TEST_PG). */
export interface PostgresServerInfo {
  host: string
  port: number
  /** The superuser and its password (password auth is on for TCP connections). */
  user: string
  password: string
}

export interface TestPostgres {
  readonly info: PostgresServerInfo
  /** A URL for `db` (default 'postgres') as `user` (default the superuser). */
  url(db?: string, user?: string, password?: string): string
  /** Creates a fresh database (the name gets a unique suffix) and returns its URL. */
  createDatabase(name: string): Promise<string>
}

export interface RunningPostgres extends TestPostgres {
  /** Shuts the server down (fast shutdown) and removes its data directory. */
  stop(): Promise<void>
}

export const testPostgresEnv = 'PERMANENCE_TEST_PG'
const osUser = 'permanence-test'

/** The newest PostgreSQL server binaries installed the Debian way. */
export function postgresBinaries(root = '/usr/lib/postgresql'): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : []
  const [newest] = versions
  if (newest === undefined) {
    throw new Error(
      `The PostgreSQL tests need a real server, but no PostgreSQL binaries were found in ${root}/*/bin. Install them with \`apt-get install postgresql\` (bash .ci/run does this).`
    )
  }
  return join(root, newest, 'bin')
}

/** Connection details from the environment, for test files (the global setup puts them there). */
export function testPostgres(): TestPostgres {
  const raw = process.env[testPostgresEnv]
  if (!raw) throw new Error(`${testPostgresEnv} is not set: run this test through vitest's unit project, whose global setup starts PostgreSQL`)
  return clientFor(JSON.parse(raw) as PostgresServerInfo)
}

function clientFor(info: PostgresServerInfo): TestPostgres {
  const url = (db = 'postgres', user = info.user, password = user === info.user ? info.password : undefined): string => {
    const auth = password === undefined ? encodeURIComponent(user) : `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
    return `postgresql://${auth}@${info.host}:${info.port}/${encodeURIComponent(db)}`
  }
  return {
    info,
    url,
    async createDatabase(name: string): Promise<string> {
      const db = `${name
        .toLowerCase()
        .replace(/[^a-z0-9_]/g, '_')
        .slice(0, 40)}_${randomBytes(4).toString('hex')}`
      await asSuperuser(url(), (client) => client.query(`CREATE DATABASE "${db}"`))
      return url(db)
    }
  }
}

/** Runs `work` on one superuser connection to the server's 'postgres' database. */
export async function asSuperuser<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Starts a server; the caller stops it. */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinaries()
  const asRoot = process.getuid?.() === 0
  // initdb and postgres refuse to run as root, so as root they run as a system user.
  if (asRoot) ensureOsUser()
  const run = (command: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', osUser, '--', join(bin, command), ...args]] : [join(bin, command), args]

  const dir = mkdtempSync(join(tmpdir(), 'permanence-pg-'))
  if (asRoot) chownSync(dir, uid(osUser), gid(osUser))
  const data = join(dir, 'data')
  const password = randomBytes(12).toString('hex')
  const passwordFile = join(dir, 'password')
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 })
  if (asRoot) chownSync(passwordFile, uid(osUser), gid(osUser))
  try {
    const [initdb, initArgs] = run('initdb', [
      '-D',
      data,
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--locale=C',
      '--encoding=UTF8',
      '--no-sync'
    ])
    execFileSync(initdb, initArgs, { stdio: 'pipe' })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`initdb failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`)
  }
  rmSync(passwordFile)

  const port = await freePort()
  const [postgres, args] = run('postgres', [
    '-D',
    data,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200'
  ])
  const server = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  server.stderr?.on('data', (chunk: Buffer) => void (log = (log + chunk.toString()).slice(-4000)))
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))

  const info: PostgresServerInfo = { host: '127.0.0.1', port, user: 'postgres', password }
  const client = clientFor(info)
  // If the test process dies without stopping the server, do not leave it running.
  const killOnExit = (): void => signalPostmaster(data, server, 'SIGQUIT')
  process.once('exit', killOnExit)
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit)
    if (server.exitCode === null && server.signalCode === null) {
      signalPostmaster(data, server, 'SIGINT')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitUntilReady(client.url(), server, () => log)
  } catch (error) {
    await stop()
    throw error
  }
  return { ...client, stop }
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`PostgreSQL exited during start-up:\n${log()}`)
    try {
      await asSuperuser(url, (c) => c.query('SELECT 1'))
      return
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 60 s (${String(error)}):\n${log()}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

/** Signals the postmaster itself: `runuser` in between does not pass every signal on. */
function signalPostmaster(data: string, server: ChildProcess, signal: NodeJS.Signals): void {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
    process.kill(pid, signal)
  } catch {
    server.kill(signal)
  }
}

function ensureOsUser(): void {
  try {
    execFileSync('id', ['-u', osUser], { stdio: 'pipe' })
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', osUser], { stdio: 'pipe' })
  }
}

const uid = (user: string): number => Number(execFileSync('id', ['-u', user]).toString())
const gid = (user: string): number => Number(execFileSync('id', ['-g', user]).toString())

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * Which engine the core tests run on: SQLite unless PERMANENCE_TEST_ENGINE=postgres, when
 * every `tempContext()` is a fresh PostgreSQL database on the test server (npm test runs
 * the core suite both ways).
 */
export const testEngine = (): 'sqlite' | 'postgres' => (process.env.PERMANENCE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite')

let template: Promise<string> | null = null
const testerPassword = 'tester-password'

/**
 * A fresh, migrated team database whose login is `tester` (so the audit log's `who`, which
 * PostgreSQL insists is the login, reads as on SQLite). Copied from a template migrated
 * once per test file, which takes ~50 ms instead of a migration each time.
 */
export async function freshTeamDatabase(): Promise<string> {
  const server = testPostgres()
  template ??= (async () => {
    const name = `template_${randomBytes(4).toString('hex')}`
    await asSuperuser(server.url(), async (client) => {
      // One tester login for the whole server; later test files find it there.
      await client.query(`DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tester') THEN CREATE ROLE tester LOGIN SUPERUSER PASSWORD '${testerPassword}'; END IF;
        END $$`)
      await client.query(`CREATE DATABASE "${name}" OWNER tester`)
    })
    const { openPostgres } = await import('../../src/main/core/store/engine/postgres')
    const { migratePostgres } = await import('../../src/main/core/store/postgres-schema')
    const store = await openPostgres(server.url(name, 'tester', testerPassword), { migrate: (db) => migratePostgres(db) })
    await store.close()
    return name
  })()
  return await copyTeamDatabase(await template)
}

/** A test team database's address with the tester's password (a store's location leaves it out), for a second connection. */
export function withTesterPassword(location: string): string {
  const url = new URL(location)
  url.password = testerPassword
  return url.toString()
}

/** A new database copied from `source` (which must have no open connections), as `tester`. */
async function copyTeamDatabase(source: string): Promise<string> {
  const server = testPostgres()
  const db = `test_${randomBytes(6).toString('hex')}`
  // CREATE DATABASE … TEMPLATE needs the template to have no other connections.
  await asSuperuser(server.url(), (client) => client.query(`CREATE DATABASE "${db}" TEMPLATE "${source}" OWNER tester`))
  return server.url(db, 'tester', testerPassword)
}

const built = new Map<string, Promise<string>>()

/**
 * A fresh copy of the team database that `fill` makes from a migrated one, filled once per
 * test run under the name `template_<key>` (every test file finds it there), for tests that
 * need the same data and would otherwise load it each time.
 */
export async function teamDatabaseFrom(key: string, fill: (url: string) => Promise<void>): Promise<string> {
  const name = `template_${key}`
  if (!built.has(name)) {
    built.set(
      name,
      asSuperuser(testPostgres().url(), async (client) => {
        // Test files run in parallel: one fills the template, the others wait for it.
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [name])
        try {
          const exists = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1
          if (!exists) {
            const url = await freshTeamDatabase()
            await fill(url)
            await client.query(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" RENAME TO "${name}"`)
          }
          return name
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name])
        }
      })
    )
  }
  return await copyTeamDatabase(await built.get(name)!)
}
