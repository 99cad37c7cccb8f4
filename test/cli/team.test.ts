import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, type CliOptions } from '../helpers/cli'
import { emptyTeamDatabase, login, type TeamDatabase } from '../helpers/team'

/** The CLI with no new password in the environment unless the test gives one. */
const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERMANENCE_NEW_PASSWORD: '', ...options.env } })

let team: TeamDatabase
let url: string
// Logins are the server's, shared by every test file: these carry this file's suffix.
const officer1 = login('officer1')
const comm1 = login('comm1')
const ours = (users: { name: string }[]): { name: string }[] => users.filter((u) => [officer1, comm1].includes(u.name))

beforeAll(async () => {
  team = await emptyTeamDatabase('cli_team')
  url = team.url
}, 120_000)

afterAll(async () => {
  await team?.close()
})

describe('CLI: team init, add-user, list-users', () => {
  it('initialises twice, adds users with passwords from the environment or standard input, and lists them', async () => {
    const first = await cli(['--db', url, 'team', 'init', '--json'])
    expect(first.status, first.stderr).toBe(0)
    expect(first.json()).toMatchObject({ ok: true, schema: 'public', tables: 28 })
    // The roles are the server's: another test file's database may have made them first.
    for (const role of first.json().rolesCreated) expect(role).toMatch(/^permanence_/)
    const again = await cli(['--db', url, 'team', 'init'])
    expect(again.status, again.stderr).toBe(0)
    expect(again.stdout).toBe('Team database ready: 28 tables in schema public; roles already there.\n')

    const officer = await cli(['--db', url, 'team', 'add-user', officer1, '--role', 'officer', '--json'], {
      env: { PERMANENCE_NEW_PASSWORD: 'officer-password-1' }
    })
    expect(officer.status, officer.stderr).toBe(0)
    expect(officer.json()).toEqual({ name: officer1, canLogin: true, roles: ['officer'] })
    const comm = await cli(['--db', url, 'team', 'add-user', comm1, '--role', 'commissioner'], { input: 'commissioner-password\n' })
    expect(comm.status, comm.stderr).toBe(0)
    expect(comm.stdout).toBe(`${comm1}: commissioner\n`)
    const more = await cli(['--db', url, 'team', 'add-user', officer1, '--role', 'hos,panel', '--existing'])
    expect(more.status, more.stderr).toBe(0)
    expect(more.stdout).toBe(`${officer1}: panel, hos, officer\n`)

    const list = await cli(['--db', url, 'team', 'list-users', '--json'])
    expect(list.status, list.stderr).toBe(0)
    expect(ours(list.json())).toEqual([
      { name: comm1, canLogin: true, roles: ['commissioner'] },
      { name: officer1, canLogin: true, roles: ['panel', 'hos', 'officer'] }
    ])

    // The password read from standard input is the one that logs in, newline excluded.
    const client = new pg.Client({ connectionString: team.as(comm1, 'commissioner-password') })
    await client.connect()
    try {
      await expect(client.query('SELECT upn FROM child')).rejects.toMatchObject({ code: '42501' })
      expect((await client.query('SELECT count(*)::int AS n FROM commissioning_episode')).rows).toEqual([{ n: 0 }])
    } finally {
      await client.end()
    }
  })

  it('refuses unknown roles, a password-less new user and a database that is not PostgreSQL, with exit 2', async () => {
    const unknown = await cli(['--db', url, 'team', 'add-user', 'x1', '--role', 'chair,treasurer'], {
      env: { PERMANENCE_NEW_PASSWORD: 'long-enough-password' }
    })
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toBe('permanence: Unknown role "treasurer": choose from chair, panel, hos, commissioner, officer, admin.\n')
    const noPassword = await cli(['--db', url, 'team', 'add-user', 'x2', '--role', 'chair'])
    expect(noPassword.status).toBe(2)
    expect(noPassword.stderr).toContain('The password must be at least 8 characters')
    const sqlite = await cli(['--db', '/tmp/some.db', 'team', 'list-users'])
    expect(sqlite.status).toBe(2)
    expect(sqlite.stderr).toContain('team commands need --db postgres://')
    const list = await cli(['--db', url, 'team', 'list-users', '--json'])
    expect(ours(list.json()).map((u) => u.name)).toEqual([comm1, officer1])
  })
})
