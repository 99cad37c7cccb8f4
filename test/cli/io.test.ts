import { SqliteStore } from '../../src/main/core/store/engine/sqlite'
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dumpDb, withoutHistory } from '../helpers/dump'
import { cohort903, episodesTable, headerTable, write903, writeTable } from '../helpers/fixtures903'
import { trackerMapping, writeTrackerXlsx } from '../helpers/fixturesTracker'
import { runCli } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'
import { defined, firstOf, itemAt } from '../helpers/defined'

const bin = join(import.meta.dirname, '..', '..', 'bin', 'permanence.mjs')
const dump = async (path: string) => {
  const db = new Database(path, { readonly: true })
  try {
    return await dumpDb(new SqliteStore(db, path))
  } finally {
    db.close()
  }
}

describe('permanence import / export', () => {
  const cohort = cohort903({ lookedAfter: 30 })

  it('imports 903 files with --json, then reports everything unchanged the second time', async () => {
    const dir = tempDir()
    const db = join(dir, 'p.db')
    const { header, episodes } = write903(dir, cohort)
    const dry = await runCli(['--db', db, '--json', 'import', '903', header, episodes, '--dry-run'])
    expect(dry.status).toBe(0)
    expect(dry.json()).toMatchObject({ inserted: cohort.children.length, updated: 0, unchanged: 0, rejected: [], dryRun: true })
    const first = await runCli(['--db', db, '--json', 'import', '903', header, episodes])
    expect(first.json()).toMatchObject({ inserted: cohort.children.length, updated: 0, unchanged: 0, rejected: [] })
    const before = await dump(db)
    const second = await runCli(['--db', db, '--json', 'import', '903', header, episodes])
    expect(second.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: cohort.children.length, rejected: [], warnings: [], warningGroups: [] })
    const after = await dump(db)
    // The same data; only the history (and its audit trail) has the new, empty import.
    expect(withoutHistory(after)).toEqual(withoutHistory(before))
    expect(after.import_batch).toHaveLength(defined(before.import_batch, 'before.import_batch').length + 1)
    const human = await runCli(['--db', db, 'import', '903', header, episodes])
    expect(human.stdout).toMatch(
      /Inserted 0, updated 0, unchanged \d+ children \(0 episodes written, 0 stored replaced\); 0 row\(s\) rejected, 0 warning\(s\)\.\nImport number \d+ recorded/
    )
  })

  it('reports progress on stderr as a share of all the files, not of the one being read', async () => {
    const dir = tempDir()
    const { header, episodes } = write903(dir, cohort)
    const run = await runCli(['--db', join(dir, 'p.db'), 'import', '903', header, episodes, '--dry-run'], { env: { PERMANENCE_PROGRESS: '1' } })
    const reading = run.stderr.split('\n').filter((line) => line.startsWith('permanence: reading'))
    expect(reading.length).toBeGreaterThan(0)
    for (const line of reading) expect(line).toMatch(/^permanence: reading (Header\.csv|Episodes\.csv|the files): \d+% of the files read, \d+ rows so far$/)
  })

  it('lists rejected rows with file, row, column, value and reason', async () => {
    const dir = tempDir()
    const table = episodesTable(cohort)
    itemAt(table, 1)[3] = 'Q1'
    const h = writeTable(dir, 'Header.csv', headerTable(cohort))
    const e = writeTable(dir, 'Episodes.csv', table)
    const result = await runCli(['--db', join(dir, 'p.db'), '--json', 'import', '903', h, e])
    expect(result.status).toBe(0)
    expect(result.json().rejected).toContainEqual({
      file: 'Episodes.csv',
      row: 2,
      column: 'LS',
      value: 'Q1',
      reason: expect.stringContaining('Q1 is not a LS code')
    })
  })

  it('exits 2 with one clear message and an untouched database for a file it cannot read', async () => {
    const dir = tempDir()
    const db = join(dir, 'p.db')
    const { header, episodes } = write903(dir, cohort)
    await runCli(['--db', db, 'import', '903', header, episodes])
    const before = await dump(db)
    const noDecom = writeTable(
      dir,
      'Bad.csv',
      episodesTable(cohort).map((r) => r.filter((_, i) => i !== 2))
    )
    const missing = await runCli(['--db', db, 'import', '903', header, noDecom])
    expect(missing.status).toBe(2)
    expect(missing.stderr.trim()).toBe('permanence: Bad.csv: looks like the 903 Episodes table but lacks the required column RNE')
    writeFileSync(join(dir, 'x.xlsx'), Buffer.from('PK\u0003\u0004 not really a zip'))
    const notXlsx = await runCli(['--db', db, 'import', '903', join(dir, 'x.xlsx')])
    expect(notXlsx.status).toBe(2)
    expect(notXlsx.stderr).toMatch(/^permanence: x\.xlsx: not a readable workbook \(its zip structure is damaged/)
    expect(await dump(db)).toEqual(before)
  })

  it('imports a tracker through a JSON mapping file', async () => {
    const dir = tempDir()
    const db = join(dir, 'p.db')
    const { header, episodes } = write903(dir, cohort)
    await runCli(['--db', db, 'import', '903', header, episodes])
    const path = await writeTrackerXlsx(dir, [
      { child: firstOf(cohort.children).child_id, date: new Date(Date.UTC(2020, 0, 20)), outcome: 'Endorsed' },
      { child: itemAt(cohort.children, 1).child_id, date: '21/01/2020', outcome: 'Unknown word' }
    ])
    writeFileSync(join(dir, 'map.json'), JSON.stringify(trackerMapping))
    const result = await runCli(['--db', db, '--json', 'import', 'tracker', path, '--map', join(dir, 'map.json')])
    expect(result.status).toBe(0)
    expect(result.json()).toMatchObject({ inserted: 1, rejected: [{ file: 'tracker.xlsx', row: 5, column: 'Result', value: 'Unknown word' }] })
    writeFileSync(join(dir, 'bad.json'), '{"columns": {}}')
    const bad = await runCli(['--db', db, 'import', 'tracker', path, '--map', join(dir, 'bad.json')])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/bad\.json: columns\.childId/)
  })

  it('exports 903 files that import into a fresh database unchanged', async () => {
    const dir = tempDir()
    const db = join(dir, 'demo.db')
    expect((await runCli(['--db', db, 'demo', '--children', '40', '--as-of', '2020-03-31'])).status).toBe(0)
    const out = join(dir, 'out')
    expect((await runCli(['--db', db, 'export', '903', '--out', out])).status).toBe(0)
    const fresh = join(dir, 'fresh.db')
    const first = (await runCli(['--db', fresh, '--json', 'import', '903', join(out, 'Header.csv'), join(out, 'Episodes.csv')])).json()
    expect(first.rejected).toEqual([])
    const again = (await runCli(['--db', db, '--json', 'import', '903', join(out, 'Header.csv'), join(out, 'Episodes.csv')])).json()
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted })
  })

  it('real process: an import killed mid-write leaves the database exactly as it was', async () => {
    const dir = tempDir()
    const db = join(dir, 'p.db')
    expect((await runCli(['--db', db, 'demo', '--children', '60', '--as-of', '2020-03-31'])).status).toBe(0)
    const before = await dump(db)
    const big = cohort903({ lookedAfter: 12_000, seed: 77 })
    const { header, episodes } = write903(dir, big)
    const child = spawn(process.execPath, [bin, '--db', db, 'import', '903', header, episodes], {
      env: { ...process.env, PERMANENCE_USER: 'cli-tester', PERMANENCE_PROGRESS: '1' }
    })
    let stderr = ''
    const killedAt = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        const writing = /writing ([1-9]\d*)\/(\d+)/.exec(stderr)
        if (writing && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL')
          resolve(writing[0])
        }
      })
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? undefined : reject(new Error(`import ended (${code}) before it could be killed: ${stderr}`))))
    })
    await new Promise((resolve) => child.on('close', resolve))
    expect(child.signalCode).toBe('SIGKILL')
    expect(killedAt).toMatch(/writing/)
    const check = await runCli(['--db', db, '--json', 'check'])
    expect(check.status).toBe(0)
    expect(check.json().ok).toBe(true)
    expect(await dump(db)).toEqual(before)
  })
})
