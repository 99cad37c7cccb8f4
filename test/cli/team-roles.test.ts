/**
 * Issue 14's must-show, through the real CLI and psql on a team database: a commissioner
 * gets the costs figures a superuser gets and is refused every column that identifies a
 * child; a data officer's import is audited under the officer's own login.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli'
import { emptyTeamDatabase, login, type TeamDatabase } from '../helpers/team'

const comm1 = login('comm1')
const officer1 = login('officer1')
const commPassword = 'commissioner-password'
const officerPassword = 'officer-password-1'
const asOf = '2020-03-31'

let team: TeamDatabase
let dir: string
let commUrl: string

const ok = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = await runCli(args, { env })
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0)
  return r
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permanence-team-roles-'))
  team = await emptyTeamDatabase('cli_roles')
  await ok(['--db', team.url, 'team', 'init'])
  await ok(['--db', team.url, 'team', 'add-user', comm1, '--role', 'commissioner'], { PERMANENCE_NEW_PASSWORD: commPassword })
  await ok(['--db', team.url, 'team', 'add-user', officer1, '--role', 'officer'], { PERMANENCE_NEW_PASSWORD: officerPassword })
  await ok(['--db', team.url, 'demo', '--as-of', asOf, '--children', '150'])
  // The superuser's first read brings the tracker's spans up to date, as a writer's would.
  await ok(['--db', team.url, 'costs', 'baseline', '--date', asOf, '--json'])
  commUrl = team.as(comm1, commPassword)
}, 300_000)

afterAll(async () => {
  await team?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('a commissioner on the team database', () => {
  it('gets the same costs, sufficiency and forecast figures as the superuser, through the CLI', async () => {
    const scenario = join(dir, 'scenario.json')
    writeFileSync(
      scenario,
      JSON.stringify({
        name: 'Step down',
        years: 2,
        weeksPerYear: 52,
        costsAsOf: asOf,
        baseline: { IFA: 20, FOSTER_INHOUSE: 15 },
        proposed: { IFA: 15, FOSTER_INHOUSE: 20 }
      })
    )
    const commands = [
      ['costs', 'baseline', '--date', asOf],
      ['costs', 'sufficiency', '--as-of', asOf],
      ['costs', 'run', scenario],
      ['costs', '--as-of', asOf],
      ['forecast', '--as-of', asOf, '--runs', '50']
    ]
    for (const command of commands) {
      const mine = (await ok(['--db', commUrl, ...command, '--json'])).json()
      const superuser = (await ok(['--db', team.url, ...command, '--json'])).json()
      expect(mine, command.join(' ')).toEqual(superuser)
    }
    // Not vacuous: the commissioner's figures count the demo's children.
    expect((await ok(['--db', commUrl, 'costs', 'baseline', '--date', asOf, '--json'])).json().lookedAfter).toBeGreaterThan(100)
  })

  it('is refused the tracker, which names children, with a message naming the command and the role', async () => {
    const r = await runCli(['--db', commUrl, 'tracker', '--as-of', asOf, '--json'])
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^permanence: Not permitted for your role: tracker counts\. Ask an administrator if your work needs it\.\n$/)
  })

  it('is refused the children workbook, which names children, and no file is written', async () => {
    const out = join(dir, 'children.xlsx')
    const r = await runCli(['--db', commUrl, 'export', 'children', '--out', out])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/^permanence: Not permitted for your role: the list of children names children/)
    expect(existsSync(out)).toBe(false)
  })

  it('is refused, by psql, every column holding a child ID, UPN, name, date of birth or postcode', async () => {
    const columns = [
      'child.child_id',
      'child.upn',
      'child.given_name',
      'child.family_name',
      'child.dob',
      'child.mc_dob',
      'episode.child_id',
      'episode.home_post',
      'episode.pl_post',
      'tracker_span.child_id',
      'tracker_span.name',
      'tracker_span.dob',
      'decision.child_id',
      'review_item.child_id',
      'care_plan.child_id',
      'placement_carer.child_id'
    ]
    const statements = columns.map((c) => `SELECT ${c.split('.')[1]} FROM ${c.split('.')[0]} LIMIT 1`)
    const r = spawnSync('psql', [commUrl, '--no-psqlrc', '-X', ...statements.flatMap((s) => ['-c', s])], {
      encoding: 'utf8',
      env: { ...process.env, PGCONNECT_TIMEOUT: '10' }
    })
    const refusals = r.stderr.split('\n').filter((l) => /^ERROR: {2}permission denied for table /.test(l))
    expect(refusals, r.stderr).toHaveLength(columns.length)
    expect(r.stdout).toBe('')
    // The same login reads the de-identified source, so the refusals are about the columns, not the connection.
    const source = spawnSync('psql', [commUrl, '--no-psqlrc', '-X', '-At', '-c', `SELECT count(*) FROM commissioning_looked_after_on('${asOf}')`], {
      encoding: 'utf8'
    })
    expect(source.stderr).toBe('')
    expect(Number(source.stdout.trim())).toBeGreaterThan(100)
  })
})

describe('a data officer on the team database', () => {
  it("imports 903 files under the officer's own login in the audit log", async () => {
    const out = join(dir, '903')
    await ok(['--db', team.url, 'export', '903', '--out', out])
    const officerUrl = team.as(officer1, officerPassword)
    const imported = (await ok(['--db', officerUrl, 'import', '903', join(out, 'Header.csv'), join(out, 'Episodes.csv'), '--json'])).json()
    expect(imported.rejected).toEqual([])
    const admin = await team.admin()
    const rows = (await admin.query("SELECT who FROM audit_log WHERE action LIKE 'import.903%' ORDER BY id")).rows as { who: string }[]
    expect(rows.length).toBeGreaterThan(0)
    expect(new Set(rows.map((r) => r.who))).toEqual(new Set([officer1]))
  })
})
