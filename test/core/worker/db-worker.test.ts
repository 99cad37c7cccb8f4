import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { testEngine } from '../../helpers/postgres'
import { createBackup } from '../../../src/main/core/backup/backup'
import { createDemo } from '../../../src/main/core/demo/load'
import { dispatch } from '../../../src/main/core/dispatch'
import { openContext } from '../../../src/main/core/session'
import { startDatabaseWorker } from '../../../src/main/core/worker/db-client'
import type { ImportProgress } from '../../../src/shared/api'
import { corruptPages } from '../../helpers/corrupt'
import { workerFor } from '../../helpers/database'
import { csvText, cohort903, episodesTable, headerTable } from '../../helpers/fixtures903'
import { tempContext, tempDir } from '../../helpers/tmp'
import { firstOf } from '../../helpers/defined'

const asOf = '2020-03-31'
const rule = (minMembers: number) => ({ rule: { minMembers, requireChair: true, requireRoles: [] } })

// The worker's thread and queue are the same for both engines; these run it over an
// SQLite file (the team database through the worker is in test/e2e/team.test.ts).
describe.skipIf(testEngine() === 'postgres')('database worker', () => {
  it('answers a call with the same Result as dispatch in-process, refusals included', async () => {
    const ctx = await tempContext(asOf)
    await createDemo(ctx.db, { asOf, lookedAfter: 12 }, 'tester')
    const worker = await workerFor(ctx)
    expect(worker.info).toMatchObject({ location: ctx.dbPath, user: 'tester', demo: null })
    expect(worker.info.recovery).toBeUndefined()

    const children = await worker.dispatch('listChildren', { lookedAfterOnly: true })
    expect(children).toEqual(await dispatch(ctx, 'listChildren', { lookedAfterOnly: true }))
    expect(children.ok && children.value).toHaveLength(12)
    const childId = firstOf(children.ok ? (children.value as { childId: string }[]) : []).childId
    expect(await worker.dispatch('getChild', { childId })).toEqual(await dispatch(ctx, 'getChild', { childId }))

    const invalid = await worker.dispatch('getChild', { childId: 7 })
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Child ID must be text.' } })
    expect(invalid).toEqual(await dispatch(ctx, 'getChild', { childId: 7 }))
    expect(await worker.dispatch('noSuchCall', {})).toEqual({ ok: false, error: { code: 'not_found', message: 'Unknown call "noSuchCall"' } })
  })

  it('carries files as base64 text, which survives the trip between threads', async () => {
    const ctx = await tempContext(asOf)
    await createDemo(ctx.db, { asOf, lookedAfter: 12 }, 'tester')
    const worker = await workerFor(ctx)
    const exported = await worker.dispatch('export903Files', {})
    if (!exported.ok) throw new Error(JSON.stringify(exported.error))
    const files = (exported.value as { files: { fileName: string; contentBase64: string }[] }).files
    expect(files.map((f) => f.fileName)).toEqual([expect.stringMatching(/header/i), expect.stringMatching(/episodes/i)])
    expect(Buffer.from(firstOf(files).contentBase64, 'base64').toString('utf8').split('\n').length).toBeGreaterThan(12)
  })

  it('answers calls in the order they were made: a read sees the write made just before it', async () => {
    const ctx = await tempContext(asOf)
    const worker = await workerFor(ctx)
    const answered: number[] = []
    const calls = [4, 5, 6].flatMap((n) => [worker.dispatch('setQuorumDefault', rule(n)), worker.dispatch('getQuorumDefault', {})])
    calls.forEach((call, i) => void call.then(() => answered.push(i)))
    const results = await Promise.all(calls)
    expect(answered).toEqual([0, 1, 2, 3, 4, 5])
    expect(results.filter((_, i) => i % 2 === 1).map((r) => r.ok && (r.value as { minMembers: number }).minMembers)).toEqual([4, 5, 6])
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE who = 'tester' AND action LIKE '%quorum%'").pluck().get()).toBe(3)
  })

  it('keeps the main thread free while a heavy call runs, where in-process the call holds it', async () => {
    const ctx = await tempContext(asOf)
    await createDemo(ctx.db, { asOf, lookedAfter: 1500 }, 'tester')
    const worker = await workerFor(ctx)
    /** How long `run` took, and the longest this thread's event loop was held meanwhile. */
    const measure = async (run: () => Promise<unknown>): Promise<{ ms: number; maxDelayMs: number }> => {
      const delay = monitorEventLoopDelay({ resolution: 5 })
      delay.enable()
      // The monitor's first tick sets its baseline: a call that blocked before it would go unseen.
      await new Promise((resolve) => setTimeout(resolve, 30))
      const started = performance.now()
      const result = (await run()) as { ok: boolean }
      const ms = performance.now() - started
      await new Promise((resolve) => setTimeout(resolve, 30))
      delay.disable()
      expect(result.ok).toBe(true)
      return { ms, maxDelayMs: delay.max / 1e6 }
    }
    // The demand forecast runs a long synchronous stretch over every child's episodes.
    const input = { asOf }
    const inWorker = await measure(() => worker.dispatch('demandForecast', input))
    const inProcess = await measure(() => dispatch(ctx, 'demandForecast', input))
    console.log(
      `demandForecast (1500 looked after): worker ${Math.round(inWorker.ms)} ms, main thread max delay ${inWorker.maxDelayMs.toFixed(1)} ms; in-process ${Math.round(inProcess.ms)} ms, max delay ${inProcess.maxDelayMs.toFixed(1)} ms`
    )
    expect(inWorker.maxDelayMs).toBeLessThan(inWorker.ms / 10)
    // The same measurement sees the call block this thread when it runs here.
    expect(inProcess.maxDelayMs).toBeGreaterThan(inProcess.ms / 2)
  })

  it("forwards an import's progress as events, the same progress importProgress answers", async () => {
    const ctx = await tempContext(asOf)
    const worker = await workerFor(ctx)
    const cohort = cohort903({ lookedAfter: 30 })
    const b64 = (text: string): string => Buffer.from(text).toString('base64')
    const files = [
      { fileName: 'Header.csv', contentBase64: b64(csvText(headerTable(cohort))) },
      { fileName: 'Episodes.csv', contentBase64: b64(csvText(episodesTable(cohort))) }
    ]
    const events: [string, ImportProgress][] = []
    worker.on('progress', (jobId, progress) => events.push([jobId, progress]))
    await worker.dispatch('previewImport', { kind: '903', files, jobId: 'job-1' })
    expect(events.length).toBeGreaterThan(1)
    expect(new Set(events.map(([jobId]) => jobId))).toEqual(new Set(['job-1']))
    expect(events.map(([, p]) => p.phase)).toEqual(expect.arrayContaining(['starting', 'reading']))
    expect(await worker.dispatch('importProgress', { jobId: 'job-1' })).toEqual({ ok: true, value: events.at(-1)![1] })
  })

  it('answers the calls waiting on a worker that dies with a clear error, restarts it once, then refuses', async () => {
    const ctx = await tempContext(asOf)
    await createDemo(ctx.db, { asOf, lookedAfter: 600 }, 'tester')
    const worker = await workerFor(ctx)
    const restarts: Error[] = []
    worker.on('restart', (reason) => restarts.push(reason))

    const waiting = [1, 2, 3].map(() => worker.dispatch('export903Files', {}))
    await worker.kill()
    for (const result of await Promise.all(waiting)) {
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'internal', message: expect.stringContaining('stopped unexpectedly before answering and has been restarted') }
      })
    }
    expect(restarts).toHaveLength(1)
    expect(await worker.dispatch('setQuorumDefault', rule(5))).toMatchObject({ ok: true })
    expect(await dispatch(ctx, 'getQuorumDefault', {})).toMatchObject({ ok: true, value: { minMembers: 5 } })

    await worker.kill()
    expect(restarts).toHaveLength(1)
    expect(await worker.dispatch('getQuorumDefault', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('was not restarted') }
    })
  })

  it('close() answers the calls already made, closes the database and ends the worker', async () => {
    const path = join(tempDir(), 'closing.db')
    const worker = await startDatabaseWorker({ location: path, shell: 'cli', user: 'tester', today: asOf })
    const saved = worker.dispatch('setQuorumDefault', rule(7))
    await worker.close()
    expect(await saved).toMatchObject({ ok: true })
    expect(await worker.dispatch('getQuorumDefault', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('closed') } })
    // The last connection to close checkpoints and removes the write-ahead log.
    expect(existsSync(`${path}-wal`)).toBe(false)
    const reopened = await openContext(path, 'cli', 'tester')
    try {
      expect(await dispatch(reopened, 'getQuorumDefault', {})).toMatchObject({ ok: true, value: { minMembers: 7 } })
    } finally {
      await reopened.db.close()
    }
  })

  it('answers a waiting call even when the worker dies while closing', async () => {
    const ctx = await tempContext(asOf)
    await createDemo(ctx.db, { asOf, lookedAfter: 600 }, 'tester')
    const worker = await workerFor(ctx)
    const waiting = worker.dispatch('export903Files', {})
    const closing = worker.close()
    await worker.kill()
    await closing
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('closed') } })
  })

  it('opens a damaged database in recovery mode: only the recovery calls are answered, and a restore brings it back', async () => {
    const path = join(tempDir(), 'damaged.db')
    const setup = await openContext(path, 'browser', 'tester')
    await createDemo(setup.db, { asOf, lookedAfter: 30 }, 'tester')
    await createBackup(setup, 'daily')
    await setup.db.close()
    corruptPages(path)

    const worker = await startDatabaseWorker({ location: path, shell: 'browser', user: 'tester', today: asOf })
    try {
      expect(worker.info.recovery?.problems.length).toBeGreaterThan(0)
      expect(await worker.dispatch('listChildren', {})).toMatchObject({ ok: false, error: { code: 'recovery' } })
      const backups = await worker.dispatch('listBackups', {})
      if (!backups.ok) throw new Error(JSON.stringify(backups.error))
      const daily = firstOf((backups.value as { backups: { kind: string; name: string }[] }).backups.filter((b) => b.kind === 'daily'))
      expect(await worker.dispatch('restoreBackup', { name: daily.name })).toMatchObject({ ok: true })
      const children = await worker.dispatch('listChildren', { lookedAfterOnly: true })
      expect(children).toMatchObject({ ok: true })
      expect(children.ok && children.value).toHaveLength(30)
    } finally {
      await worker.close()
    }
  })
})
