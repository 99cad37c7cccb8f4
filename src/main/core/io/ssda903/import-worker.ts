import { dirname, join } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { newContext, type Context } from '../../context'
import { AppError } from '../../errors'
import { openDb } from '../../store/db'
import type { ImportSource } from '../read'
import { checkpointAfterImport, import903, type Import903Options } from './import'

/**
 * Worker-thread entry for a 903 import (see off-thread.ts): its own connection to the
 * same database file, so the whole import — reading, checks and the ONE write
 * transaction — runs while the main thread keeps answering the app's other calls.
 */
export interface WorkerJob {
  dbPath: string
  user: string
  shell: Context['shell']
  today: string
  sources: ({ name: string; path: string } | { name: string; content: Uint8Array })[]
  dryRun: boolean
}

export type WorkerMessage =
  | { type: 'progress'; progress: Parameters<NonNullable<Import903Options['onProgress']>>[0] }
  | { type: 'done'; summary: Awaited<ReturnType<typeof import903>> }
  | { type: 'error'; error: { message: string; code?: AppError['code']; details?: unknown } }

const job = workerData as WorkerJob
const post = (message: WorkerMessage): void => parentPort!.postMessage(message)

// Structured cloning turns a Buffer into a plain Uint8Array; the readers want Buffers.
const sources: ImportSource[] = job.sources.map((s) =>
  'content' in s ? { name: s.name, content: Buffer.from(s.content.buffer, s.content.byteOffset, s.content.byteLength) } : s
)

const db = await openDb(job.dbPath)
try {
  const ctx: Context = newContext({
    db,
    dbPath: job.dbPath,
    user: job.user,
    shell: job.shell,
    dataDir: join(dirname(job.dbPath), 'files'),
    today: () => job.today
  })
  const summary = await import903(ctx, sources, { dryRun: job.dryRun, onProgress: (progress) => post({ type: 'progress', progress }) })
  post({ type: 'done', summary })
  // The answer is out; now the housekeeping the import's commit skipped, on this thread.
  checkpointAfterImport(db)
} catch (error) {
  post({
    type: 'error',
    error:
      error instanceof AppError
        ? { message: error.message, code: error.code, details: error.details }
        : { message: error instanceof Error ? error.message : String(error) }
  })
} finally {
  await db.close()
}
