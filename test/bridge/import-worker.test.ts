import { afterEach, describe, expect, it } from 'vitest'
import { startBridge, tokenHeader, type Bridge } from '../../src/main/bridge/server'
import type { DataImportSummary, ImportProgress } from '../../src/shared/api'
import { cohort903, csvText, episodesTable, headerTable } from '../helpers/fixtures903'
import { workerFor } from '../helpers/database'
import { tempContext } from '../helpers/tmp'

/**
 * A large 903 import runs in a worker thread: while it checks and writes (the long
 * synchronous part, which used to hold the main thread), the bridge still answers other
 * calls and progress polls, so the app's progress bar moves and its pages respond. The
 * bridge passes calls to the database worker, as browser mode does; the import's own
 * worker runs beside that worker's queue (core/worker/queue.ts).
 */
describe('903 import off the main thread', () => {
  let bridge: Bridge | undefined
  afterEach(async () => bridge?.close())

  const call = async <T>(name: string, body: unknown): Promise<T> => {
    const res = await fetch(`${bridge!.url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [tokenHeader]: bridge!.token },
      body: JSON.stringify(body)
    })
    const json = (await res.json()) as { ok: boolean; value: T; error?: unknown }
    if (!json.ok) throw new Error(`${name}: ${JSON.stringify(json.error)}`)
    return json.value
  }

  it('answers appInfo and progress polls while a large import is checking and writing', async () => {
    const ctx = await tempContext()
    bridge = await startBridge({ database: await workerFor(ctx) })
    const cohort = cohort903({ lookedAfter: 3000 })
    const b64 = (text: string): string => Buffer.from(text).toString('base64')
    const files = [
      { fileName: 'Header.csv', contentBase64: b64(csvText(headerTable(cohort))) },
      { fileName: 'Episodes.csv', contentBase64: b64(csvText(episodesTable(cohort))) }
    ]

    let finished = false
    const commit = call<DataImportSummary>('commitImport', { kind: '903', files, jobId: 'big' }).finally(() => (finished = true))

    // Poll as the progress bar does until the import is past reading, into its synchronous part.
    const seen = new Set<string>()
    let progress: ImportProgress | null = null
    while (!finished) {
      progress = await call<ImportProgress | null>('importProgress', { jobId: 'big' })
      if (progress) seen.add(progress.phase)
      if (progress?.phase === 'checking' || progress?.phase === 'writing') break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(finished).toBe(false)
    expect([...seen].some((phase) => phase === 'checking' || phase === 'writing')).toBe(true)
    const info = await call<{ version: string }>('appInfo', {})
    expect(info.version).toEqual(expect.any(String))
    expect(finished).toBe(false)

    const summary = await commit
    expect(summary.inserted).toBe(cohort.children.length)
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM episode').pluck().get()).toBe(cohort.episodes.length)
    expect(await call<ImportProgress>('importProgress', { jobId: 'big' })).toMatchObject({ phase: 'done', written: cohort.children.length })
  })
})
