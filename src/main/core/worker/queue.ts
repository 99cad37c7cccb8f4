import type { Engine } from '../store/engine/store'

/**
 * When a call may start in the database worker.
 * - `queue`: waits for the calls before it to finish. On SQLite the worker's one
 *   connection is shared and has one writer: a call that awaited part-way through a
 *   transaction would otherwise let another call's statements run inside it.
 * - `now`: starts at once, beside the queue.
 */
export type Admission = 'queue' | 'now'

/**
 * Calls that never use the worker's connection start at once, so they are not held
 * behind a long call: the progress bar's `importProgress` polls (an in-memory map) and
 * a 903 import, which reads, checks and writes in its own thread with its own
 * connection (io/ssda903/off-thread.ts) — queued, it would hold every other call for
 * its whole length. On PostgreSQL every call starts at once: the pool gives each its
 * own connection and the server orders the writes.
 */
export function admission(engine: Engine, name: string, input: unknown): Admission {
  if (engine === 'postgres') return 'now'
  if (name === 'importProgress') return 'now'
  const is903 = typeof input === 'object' && input !== null && 'kind' in input && input.kind === '903'
  return (name === 'previewImport' || name === 'commitImport') && is903 ? 'now' : 'queue'
}

export interface CallQueue {
  /** Runs `task` now or after every earlier queued task has settled; its own failure does not stop the queue. */
  run<T>(admitted: Admission, task: () => Promise<T>): Promise<T>
  /** Settles when every task started or queued so far has settled. */
  idle(): Promise<void>
}

export function createCallQueue(): CallQueue {
  let tail: Promise<unknown> = Promise.resolve()
  const inFlight = new Set<Promise<unknown>>()
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise)
    const forget = (): void => void inFlight.delete(promise)
    promise.then(forget, forget)
    return promise
  }
  return {
    run<T>(admitted: Admission, task: () => Promise<T>): Promise<T> {
      if (admitted === 'now') return track(Promise.resolve().then(task))
      const result = tail.then(task)
      tail = result.catch(() => undefined)
      return track(result)
    },
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    }
  }
}
