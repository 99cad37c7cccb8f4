/**
 * A throwaway PostgreSQL 15 server for the team tests, until the shared helper
 * (test/helpers/postgres.ts, startPostgres) is merged: swap this import for it then.
 * initdb refuses root, so the cluster belongs to `nobody`; it listens on a free loopback
 * port only, with password logins (as a team database would), and is removed afterwards.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

const bin = '/usr/lib/postgresql/15/bin'

export interface TestServer {
  port: number
  /** A URL for `user` (default the superuser) on `database`. */
  url: (database?: string, user?: string, password?: string) => string
  /** A connected client as the superuser; closed with stop(). */
  admin: (database?: string) => Promise<pg.Client>
  createDatabase: (name: string) => Promise<void>
  stop: () => Promise<void>
}

const superuser = 'postgres'
const superPassword = 'test-superuser-password'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/** The command and arguments that run `args` as an unprivileged user. */
const unprivileged = (args: string[]): [string, string[]] => (process.getuid?.() === 0 ? ['runuser', ['-u', 'nobody', '--', ...args]] : [args[0], args.slice(1)])

export async function startPostgres(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'permanence-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const pwfile = join(dir, 'pw')
  writeFileSync(pwfile, superPassword)
  chmodSync(pwfile, 0o644)
  execFileSync(...unprivileged([`${bin}/initdb`, '-D', data, '-U', superuser, '--pwfile', pwfile, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C']), { stdio: 'pipe' })
  const port = await freePort()
  const server: ChildProcess = spawn(...unprivileged([`${bin}/postgres`, '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off']), { stdio: 'ignore' })
  const url = (database = 'postgres', user = superuser, password = superPassword): string =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`
  const clients: pg.Client[] = []
  for (let i = 0; ; i++) {
    const c = new pg.Client({ connectionString: url() })
    try {
      await c.connect()
      await c.end()
      break
    } catch (error) {
      if (i > 100) throw error
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    port,
    url,
    admin: async (database = 'postgres') => {
      const c = new pg.Client({ connectionString: url(database) })
      await c.connect()
      clients.push(c)
      return c
    },
    createDatabase: async (name) => {
      const c = new pg.Client({ connectionString: url() })
      await c.connect()
      await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
      await c.end()
    },
    stop: async () => {
      for (const c of clients) await c.end().catch(() => undefined)
      const exited = new Promise((r) => server.once('exit', r))
      execFileSync(...unprivileged([`${bin}/pg_ctl`, '-D', data, '-m', 'fast', '-w', 'stop']), { stdio: 'pipe' })
      await exited
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
