import { describe, expect, it } from 'vitest'
import { admission, createCallQueue } from '../../../src/main/core/worker/queue'

const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('database worker queue', () => {
  it('queues calls that use the SQLite connection, and lets through those that do not', () => {
    expect(admission('sqlite', 'listChildren', {})).toBe('queue')
    expect(admission('sqlite', 'commitImport', { kind: 'tracker' })).toBe('queue')
    expect(admission('sqlite', 'commitCarersImport', { kind: '903' })).toBe('queue')
    expect(admission('sqlite', 'importProgress', { jobId: 'x' })).toBe('now')
    expect(admission('sqlite', 'commitImport', { kind: '903' })).toBe('now')
    expect(admission('sqlite', 'previewImport', { kind: '903' })).toBe('now')
    expect(admission('sqlite', 'commitImport', null)).toBe('queue')
    expect(admission('postgres', 'setQuorumDefault', {})).toBe('now')
  })

  it('runs queued tasks one at a time in arrival order, a slow one holding the next', async () => {
    const queue = createCallQueue()
    const log: string[] = []
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`)
      await later(ms)
      log.push(`end ${name}`)
      return name
    }
    const results = await Promise.all([queue.run('queue', task('a', 30)), queue.run('queue', task('b', 1)), queue.run('queue', task('c', 10))])
    expect(results).toEqual(['a', 'b', 'c'])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
  })

  it('starts a `now` task while a queued one is still running', async () => {
    const queue = createCallQueue()
    const log: string[] = []
    const slow = queue.run('queue', async () => {
      await later(30)
      log.push('slow')
    })
    await queue.run('now', async () => void log.push('now'))
    await slow
    expect(log).toEqual(['now', 'slow'])
  })

  it('keeps going after a task fails, and the failure reaches only its caller', async () => {
    const queue = createCallQueue()
    const failing = queue.run('queue', () => Promise.reject(new Error('boom')))
    const next = queue.run('queue', async () => 'next')
    await expect(failing).rejects.toThrow('boom')
    await expect(next).resolves.toBe('next')
  })

  it('is idle only once every started and queued task has settled', async () => {
    const queue = createCallQueue()
    const done: string[] = []
    void queue.run('queue', async () => {
      await later(20)
      done.push('queued')
    })
    void queue.run('now', async () => {
      await later(10)
      done.push('now')
    })
    await queue.idle()
    expect(done.sort()).toEqual(['now', 'queued'])
  })
})
