import { EventEmitter } from 'node:events'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ImportProgress, Result } from '../../../shared/api'
import type { DatabaseInfo, DatabaseWorkerOptions, FromWorker, ToWorker } from './protocol'
import { stderrLogger } from '../log'

export type { DatabaseInfo, DatabaseWorkerOptions } from './protocol'

/**
 * The window's side of the database worker (db-worker.ts): the desktop app's IPC and the
 * browser bridge send every call here, and the worker runs it through dispatch() on the
 * thread that owns the connection, so no SQL ever runs on the thread that draws a window
 * or answers the browser. Answers are structured-cloned: every call's result is plain data
 * (files travel as `contentBase64` strings), as IPC already requires.
 *
 * If the worker dies (a native crash, out of memory), the calls waiting on it are answered
 * with an error saying so, and a new worker is started at once on the same database — once:
 * a second death leaves the app refusing calls with a message to restart it, rather than
 * looping on a database that kills its worker.
 *
 * The worker file is found beside this code, as the 903 import's is (io/ssda903/off-thread.ts):
 * `db-worker.boot.mjs` (tsx, from source) or the bundled `db-worker.js` next to
 * out/main/index.js (an entry in electron.vite.config.ts).
 */
export interface DatabaseWorker {
  /** What the worker found when it (last) opened the database. */
  readonly info: DatabaseInfo
  /** How long the first worker took from start to ready, in ms. */
  readonly startMs: number
  dispatch(name: string, input: unknown): Promise<Result<unknown>>
  /** Answers the calls already made, then closes the database and ends the worker. */
  close(): Promise<void>
  /** Ends the worker at once, as a crash would (waiting calls fail, the restart follows): for a hung worker, and tests. */
  kill(): Promise<void>
  /** An import's progress as it is reported (`jobId` is the one the call gave). */
  on(event: 'progress', listener: (jobId: string, progress: ImportProgress) => void): this
  /** The worker died and a new one was started (`reason` says why the old one stopped). */
  on(event: 'restart', listener: (reason: Error) => void): this
}

const restartsAllowed = 1

const failure = (message: string): Result<never> => ({ ok: false, error: { code: 'internal', message } })
const diedMessage =
  'The database process stopped unexpectedly before answering and has been restarted. If this was a change, check whether it was saved before trying again.'
const goneMessage = 'The database process stopped unexpectedly again and was not restarted. Close Permanence Desk and open it again.'
const closedMessage = 'The database has been closed: Permanence Desk is shutting down.'

const here = import.meta.url
const candidates = [new URL('./db-worker.boot.mjs', here), new URL('./db-worker.js', here)]

function workerFile(): URL {
  const found = candidates.find((url) => url.protocol === 'file:' && existsSync(fileURLToPath(url)))
  if (!found) throw new Error(`The database worker is missing (looked for ${candidates.map((u) => u.pathname).join(', ')}): rebuild the app`)
  return found
}

/** One worker thread and the calls waiting on it. */
interface Thread {
  worker: Worker
  ready: Promise<DatabaseInfo>
  waiting: Map<number, (result: Result<unknown>) => void>
  /** Why it stopped, when it reported an uncaught error first. */
  error?: Error
}

class WorkerClient extends EventEmitter implements DatabaseWorker {
  info!: DatabaseInfo
  startMs = 0
  private thread: Thread | null = null
  private restarts = 0
  private nextId = 1
  private closing: Promise<void> | null = null
  private opened = false

  constructor(private readonly options: DatabaseWorkerOptions) {
    super()
  }

  async start(): Promise<this> {
    const started = performance.now()
    this.info = await this.spawn().ready
    this.startMs = performance.now() - started
    return this
  }

  private spawn(): Thread {
    const worker = new Worker(workerFile(), { workerData: this.options, name: 'permanence-database' })
    let opened: (info: DatabaseInfo) => void = () => undefined
    let failed: (error: Error) => void = () => undefined
    const thread: Thread = { worker, waiting: new Map(), ready: new Promise((resolve, reject) => ((opened = resolve), (failed = reject))) }
    // Callers of dispatch() hear about a failed start through their Result instead.
    thread.ready.catch(() => undefined)
    this.thread = thread
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        this.info = message.info
        this.opened = true
        opened(message.info)
      } else if (message.type === 'result') {
        thread.waiting.get(message.id)?.(message.result)
        thread.waiting.delete(message.id)
      } else if (message.type === 'progress') this.emit('progress', message.jobId, message.progress)
    })
    worker.on('error', (error) => {
      stderrLogger.error('the database worker failed', { error })
      thread.error = error
    })
    worker.on('exit', (code) => {
      failed(thread.error ?? new Error(`The database worker stopped while opening the database (exit code ${code})`))
      const restart = !this.closing && this.opened && this.restarts < restartsAllowed
      for (const answer of thread.waiting.values()) answer(failure(this.closing ? closedMessage : restart ? diedMessage : goneMessage))
      thread.waiting.clear()
      // A first start that fails is the caller's error (start() rejects), not a death to recover from.
      if (this.closing || !this.opened) return
      if (!restart) return void (this.thread = null)
      this.restarts++
      this.spawn()
      this.emit('restart', thread.error ?? new Error(`The database worker stopped (exit code ${code})`))
    })
    return thread
  }

  async dispatch(name: string, input: unknown): Promise<Result<unknown>> {
    if (this.closing) return failure(closedMessage)
    const thread = this.thread
    if (!thread) return failure(goneMessage)
    try {
      await thread.ready
    } catch {
      // It never reached the worker that failed, so it can go to the one that replaced it.
      return this.thread && this.thread !== thread ? this.dispatch(name, input) : failure(goneMessage)
    }
    if (thread !== this.thread) return this.dispatch(name, input)
    const id = this.nextId++
    return new Promise((resolve) => {
      thread.waiting.set(id, resolve)
      try {
        thread.worker.postMessage({ type: 'call', id, name, input } satisfies ToWorker)
      } catch (error) {
        thread.waiting.delete(id)
        resolve(failure(`The request could not be passed to the database: ${error instanceof Error ? error.message : String(error)}`))
      }
    })
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown()
    return this.closing
  }

  private async shutDown(): Promise<void> {
    const thread = this.thread
    if (!thread) return
    const exited = new Promise<void>((resolve) => thread.worker.once('exit', () => resolve()))
    try {
      await thread.ready
    } catch {
      return
    }
    thread.worker.postMessage({ type: 'close' } satisfies ToWorker)
    await exited
    this.thread = null
  }

  async kill(): Promise<void> {
    const thread = this.thread
    if (!thread) return
    const exited = new Promise<void>((resolve) => thread.worker.once('exit', () => resolve()))
    await thread.worker.terminate()
    await exited
  }
}

/** Starts the database worker on `options.location`; resolves once the database is open (or in recovery). */
export function startDatabaseWorker(options: DatabaseWorkerOptions): Promise<DatabaseWorker> {
  return new WorkerClient(options).start()
}
