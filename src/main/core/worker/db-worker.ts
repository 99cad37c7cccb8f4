import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { startSession, type Session } from '../backup/startup'
import { dispatch, internalFailure } from '../dispatch'
import { watchJobs } from '../io/progress'
import type { DatabaseWorkerOptions, FromWorker, ToWorker } from './protocol'
import { admission, createCallQueue } from './queue'

/**
 * The database worker (see db-client.ts): the one thread that owns the database
 * connection. Every call from a window or the browser bridge arrives here as a message
 * and runs through dispatch(), so a long import or refresh holds up this thread only,
 * never a window's. Calls that use the connection run one at a time in arrival order
 * (queue.ts); each answer goes back with its call's id.
 */
if (!parentPort) throw new Error('db-worker.ts runs as a worker thread (started by db-client.ts)')
const port: MessagePort = parentPort
const options = workerData as DatabaseWorkerOptions
const post = (message: FromWorker): void => port.postMessage(message)

/**
 * The one place the worker opens its database: the integrity check, the recovery mode,
 * the demo for a new database and the day's backup come with the session.
 */
async function openSession(options: DatabaseWorkerOptions): Promise<Session> {
  const session = await startSession(options.location, options.shell, { user: options.user, demoIfEmpty: options.demoIfEmpty })
  const today = options.today
  if (today) session.ctx.today = () => today
  return session
}

const session = await openSession(options)
const { ctx } = session
const queue = createCallQueue()
let closing = false

// The progress of imports, pushed as it happens (the app also polls importProgress).
const stopWatching = watchJobs((jobId, progress) => post({ type: 'progress', jobId, progress }))

async function answer(id: number, name: string, input: unknown): Promise<void> {
  const result = closing
    ? { ok: false as const, error: { code: 'internal' as const, message: 'The database is closing: Permanence Desk is shutting down.' } }
    : await queue
        .run(admission(ctx.db.engine, name, input), () => dispatch(ctx, name, input))
        .catch((error: unknown) => {
          ctx.log.error(`${name} failed`, { error })
          return internalFailure()
        })
  try {
    post({ type: 'result', id, result })
  } catch (error) {
    // A result that structured cloning refuses (a function, a promise left unawaited) fails its own call only.
    ctx.log.error(`the result of ${name} could not be passed out of the database worker`, { error })
    post({ type: 'result', id, result: internalFailure() })
  }
}

/** Answers what was already asked, lets the day's backup finish, then closes the database. */
async function close(): Promise<void> {
  closing = true
  await queue.idle()
  await session.dailyBackup
  stopWatching()
  if (ctx.db.open) await ctx.db.close()
  post({ type: 'closed' })
  port.close()
}

port.on('message', async (message: ToWorker) => {
  if (message.type === 'call') void answer(message.id, message.name, message.input)
  else if (!closing) await close()
})

post({ type: 'ready', info: { location: ctx.dbPath, user: ctx.user, demo: session.demo, ...(ctx.recovery ? { recovery: ctx.recovery } : {}) } })
