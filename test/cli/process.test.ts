/**
 * The few things only a real process shows: bin/permanence.mjs starts, runs a command end
 * to end and ends with the status run() returned. Every other CLI test runs the program
 * in-process (test/helpers/cli.ts runCli); the kill tests live beside their commands
 * (io.test.ts, export-atomic.test.ts).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appVersion } from '../../src/main/core/version'
import { runCliProcess } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'

describe('real process: bin/permanence.mjs', () => {
  it('prints the version and exits 0', () => {
    const r = runCliProcess(['--version'])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toBe(`${appVersion}\n`)
  })

  it('exits 2 with the message on stderr for an unknown command and for bad input', () => {
    const unknown = runCliProcess(['frobnicate'])
    expect(unknown.status).toBe(2)
    expect(unknown.stdout).toBe('')
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/)
    const missing = runCliProcess(['--db', join(tempDir(), 'none.db'), 'check'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/^permanence: No database at /)
  })

  it('runs a real command: init writes a database that check then reads, as JSON on stdout', () => {
    const db = join(tempDir(), 'p.db')
    const init = runCliProcess(['--db', db, 'init', '--json'])
    expect(init.status, init.stderr).toBe(0)
    expect(init.json()).toMatchObject({ ok: true, db })
    const check = runCliProcess(['--db', db, 'check', '--json'])
    expect(check.status, check.stderr).toBe(0)
    expect(check.json()).toMatchObject({ ok: true, counts: { children: 0 } })
  })
})
