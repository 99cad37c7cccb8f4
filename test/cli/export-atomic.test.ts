import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateDemo } from '../../src/main/core/demo/generate'
import { loadDemo } from '../../src/main/core/demo/load'
import { openDb } from '../../src/main/core/store/db'
import { runCli } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'

const bin = join(import.meta.dirname, '..', '..', 'bin', 'permanence.mjs')

/** Starts `export 903` and SIGKILLs it as soon as the Episodes file is being written. */
function killMidWrite(db: string, out: string): Promise<{ killedWhileWriting: boolean; partials: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--db', db, 'export', '903', '--out', out], {
      env: { ...process.env, PERMANENCE_USER: 'cli-tester' },
      stdio: 'ignore'
    })
    let killed = false
    const poll = setInterval(() => {
      if (!existsSync(out)) return
      const partials = readdirSync(out).filter((f) => f.endsWith('.partial'))
      const episodes = partials.find((f) => f.startsWith('.Episodes.csv.'))
      if (episodes && statSync(join(out, episodes)).size > 0) {
        killed = child.kill('SIGKILL')
        clearInterval(poll)
      }
    }, 2)
    child.once('error', reject)
    child.once('exit', (_code, signal) => {
      clearInterval(poll)
      resolve({ killedWhileWriting: killed && signal === 'SIGKILL', partials: existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.partial')) : [] })
    })
  })
}

describe('real process: export 903 killed part way', () => {
  it('leaves no file under a final name, and the finished export re-imports every episode', async () => {
    const dir = tempDir()
    const db = join(dir, 'large.db')
    const data = generateDemo({ asOf: '2020-03-31', lookedAfter: 8000, extraMoves: 8, seed: 903 })
    const store = await openDb(db)
    await loadDemo(store, data, 'tester')
    await store.close()
    const out = join(dir, 'returns')

    const run = await killMidWrite(db, out)
    expect(run.killedWhileWriting, 'the export finished before it could be killed; make the database larger').toBe(true)
    expect(run.partials.length).toBeGreaterThan(0)
    expect(existsSync(join(out, 'Header.csv'))).toBe(false)
    expect(existsSync(join(out, 'Episodes.csv'))).toBe(false)
    // What a user would then try: nothing under the final names, so nothing half-written to import.
    expect((await runCli(['--db', join(dir, 'fresh.db'), 'import', '903', join(out, 'Header.csv'), join(out, 'Episodes.csv')])).status).toBe(2)

    const done = await runCli(['--db', db, '--json', 'export', '903', '--out', out])
    expect(done.status, done.stderr).toBe(0)
    expect(done.json()).toMatchObject({ children: data.children.length, episodeRows: data.episodes.length })
    const reimport = await runCli(['--db', join(dir, 'fresh.db'), 'import', '903', join(out, 'Header.csv'), join(out, 'Episodes.csv')])
    expect(reimport.status, reimport.stderr).toBe(0)
    expect((await runCli(['--db', join(dir, 'fresh.db'), 'check', '--json'])).json()).toMatchObject({
      ok: true,
      counts: { children: data.children.length, episodes: data.episodes.length }
    })
  }, 120_000)
})
