import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgres, type TestServer } from '../core/team/pg-server'

const bin = join(import.meta.dirname, '..', '..', 'bin', 'permanence.mjs')

/** The real CLI in a child process; `input` goes to its standard input, as a pipe would. */
function cli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const env = { ...process.env, PERMANENCE_NEW_PASSWORD: '', ...options.env }
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env, input: options.input ?? '', timeout: 120_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) }
}

let server: TestServer
let url: string

beforeAll(async () => {
  server = await startPostgres()
  await server.createDatabase('team')
  url = server.url('team')
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

describe('CLI: team init, add-user, list-users', () => {
  it('initialises twice, adds users with passwords from the environment or standard input, and lists them', async () => {
    const first = cli(['--db', url, 'team', 'init', '--json'])
    expect(first.status, first.stderr).toBe(0)
    expect(first.json()).toMatchObject({ ok: true, schema: 'public', tables: 28 })
    expect(first.json().rolesCreated).toContain('permanence_commissioner')
    const again = cli(['--db', url, 'team', 'init'])
    expect(again.status, again.stderr).toBe(0)
    expect(again.stdout).toBe('Team database ready: 28 tables in schema public; roles already there.\n')

    const officer = cli(['--db', url, 'team', 'add-user', 'officer1', '--role', 'officer', '--json'], { env: { PERMANENCE_NEW_PASSWORD: 'officer-password-1' } })
    expect(officer.status, officer.stderr).toBe(0)
    expect(officer.json()).toEqual({ name: 'officer1', canLogin: true, roles: ['officer'] })
    const comm = cli(['--db', url, 'team', 'add-user', 'comm1', '--role', 'commissioner'], { input: 'commissioner-password\n' })
    expect(comm.status, comm.stderr).toBe(0)
    expect(comm.stdout).toBe('comm1: commissioner\n')
    const more = cli(['--db', url, 'team', 'add-user', 'officer1', '--role', 'hos,panel', '--existing'])
    expect(more.status, more.stderr).toBe(0)
    expect(more.stdout).toBe('officer1: panel, hos, officer\n')

    const list = cli(['--db', url, 'team', 'list-users', '--json'])
    expect(list.status, list.stderr).toBe(0)
    expect(list.json()).toEqual([
      { name: 'comm1', canLogin: true, roles: ['commissioner'] },
      { name: 'officer1', canLogin: true, roles: ['panel', 'hos', 'officer'] }
    ])

    // The password read from standard input is the one that logs in, newline excluded.
    const client = new pg.Client({ connectionString: server.url('team', 'comm1', 'commissioner-password') })
    await client.connect()
    try {
      await expect(client.query('SELECT upn FROM child')).rejects.toMatchObject({ code: '42501' })
      expect((await client.query('SELECT count(*)::int AS n FROM commissioning_episode')).rows).toEqual([{ n: 0 }])
    } finally {
      await client.end()
    }
  })

  it('refuses unknown roles, a password-less new user and a database that is not PostgreSQL, with exit 2', () => {
    const unknown = cli(['--db', url, 'team', 'add-user', 'x1', '--role', 'chair,treasurer'], { env: { PERMANENCE_NEW_PASSWORD: 'long-enough-password' } })
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toBe('permanence: Unknown role "treasurer": choose from chair, panel, hos, commissioner, officer, admin.\n')
    const noPassword = cli(['--db', url, 'team', 'add-user', 'x2', '--role', 'chair'])
    expect(noPassword.status).toBe(2)
    expect(noPassword.stderr).toContain('The password must be at least 8 characters')
    const sqlite = cli(['--db', '/tmp/some.db', 'team', 'list-users'])
    expect(sqlite.status).toBe(2)
    expect(sqlite.stderr).toContain('team commands need --db postgres://')
    const list = cli(['--db', url, 'team', 'list-users', '--json'])
    expect(list.json().map((u: { name: string }) => u.name)).toEqual(['comm1', 'officer1'])
  })
})
