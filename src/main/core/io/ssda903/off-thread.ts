import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { DataImportSummary } from '../../../../shared/api'
import type { Context } from '../../context'
import { AppError } from '../../errors'
import type { ImportSource } from '../read'
import { import903, type Import903Options } from './import'
import type { WorkerJob, WorkerMessage } from './import-worker'

/**
 * Runs a 903 import in a worker thread so the process's event loop (IPC, the bridge,
 * `importProgress` polls) stays free while a large return is read and committed. The
 * worker has its own connection; WAL lets the main connection keep reading meanwhile,
 * and the write is still ONE transaction, so a kill part-way leaves the file as it was.
 *
 * The worker file is found beside the running code: `import-worker.boot.mjs` (which
 * loads `import-worker.ts` through tsx) when running from source, or the bundled
 * `import903-worker.js` next to out/main/index.js in the desktop build (an entry in
 * electron.vite.config.ts). Without one, or for an in-memory database, the import runs
 * in-process. (`here` rather than a literal `import.meta.url`, so the bundler does not
 * copy the source-only boot file into the build as an asset.)
 */
const here = import.meta.url
const candidates = [new URL('./import-worker.boot.mjs', here), new URL('./import903-worker.js', here)]

const workerFile = (): URL | null => candidates.find((url) => url.protocol === 'file:' && existsSync(fileURLToPath(url))) ?? null

let running = 0

/** Imports in progress in this process: a restore must not swap the file under one. */
export const importsRunning = (): number => running

/**
 * The import's answer comes as soon as it has committed; the worker then checkpoints the
 * log it wrote, so the import counts as running until the worker has exited.
 */
export async function import903OffThread(ctx: Context, sources: readonly ImportSource[], options: Import903Options = {}): Promise<DataImportSummary> {
  running++
  let finished = false
  const finish = (): void => {
    if (!finished) {
      finished = true
      running--
    }
  }
  try {
    return await startImport(ctx, sources, options, finish)
  } catch (error) {
    finish()
    throw error
  }
}

async function startImport(ctx: Context, sources: readonly ImportSource[], options: Import903Options, finish: () => void): Promise<DataImportSummary> {
  const inProcess = async (): Promise<DataImportSummary> => await import903(ctx, sources, options).finally(finish)
  const file = ctx.db.engine !== 'sqlite' || ctx.dbPath === ':memory:' || ctx.dbPath === '' ? null : workerFile()
  if (!file) return await inProcess()
  const job: WorkerJob = {
    dbPath: ctx.dbPath,
    user: ctx.user,
    shell: ctx.shell,
    today: ctx.today(),
    dryRun: options.dryRun ?? false,
    sources: sources.map((s) => ('content' in s ? { name: s.name, content: s.content } : { name: s.name, path: s.path }))
  }
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (fn: () => void): void => {
      if (!settled) {
        settled = true
        fn()
      }
    }
    const worker = new Worker(file, { workerData: job })
    let started = false
    worker.on('message', (message: WorkerMessage) => {
      started = true
      if (message.type === 'progress') options.onProgress?.(message.progress)
      else if (message.type === 'done') settle(() => resolve(message.summary))
      else
        settle(() =>
          reject(message.error.code ? new AppError(message.error.code, message.error.message, message.error.details) : new Error(message.error.message))
        )
    })
    // A worker that fails before its first message could not load (e.g. a broken install):
    // nothing was read or written yet, so the import runs here instead.
    worker.on('error', (error) => settle(async () => (started ? reject(error) : inProcess().then(resolve, reject))))
    worker.on('exit', (code) => {
      // A worker that could not load is replaced by the import here, which finishes it.
      if (started) finish()
      settle(() => reject(new AppError('internal', `The import stopped unexpectedly (worker exit code ${code}); nothing was written.`)))
    })
  })
}
