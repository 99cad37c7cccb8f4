import { describe, expect, it } from 'vitest'
import { readAhead, readAheadMaxAgeMs, type BlockRequest } from '../../src/renderer/src/components/read-ahead'
import type { Page } from '../../src/shared/contract/paging'

/** A paged query over `total` numbered rows that records every block it is asked for. */
function query(total: number, failAt?: number) {
  const asked: number[] = []
  const fetchPage = async (r: BlockRequest): Promise<Page<number>> => {
    asked.push(r.offset)
    await Promise.resolve()
    if (r.offset === failAt) throw new Error('the database went away')
    return { rows: Array.from({ length: Math.max(0, Math.min(r.limit, total - r.offset)) }, (_, i) => r.offset + i), total }
  }
  return { asked, fetchPage }
}

/** Lets the answers (and the read-ahead they start) settle. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

const block = (offset: number, sort: BlockRequest['sort'] = []): BlockRequest => ({ offset, limit: 100, sort })

/** The grid asking for these blocks one after another, each once the last is in. */
async function inTurn(read: (r: BlockRequest) => Promise<Page<number>>, ...offsets: number[]): Promise<void> {
  for (const offset of offsets) {
    await read(block(offset))
    await settle()
  }
}

describe('reading a paged grid ahead', () => {
  it('asks for the next block while the grid is read down, and answers it from what it held', async () => {
    const q = query(1000)
    const read = readAhead(q.fetchPage)
    expect((await read(block(0))).rows[0]).toBe(0)
    await settle()
    expect(q.asked).toEqual([0, 100])
    expect((await read(block(100))).rows[0]).toBe(100)
    await settle()
    // Block 100 came from what was held; 200 is the next one asked for ahead.
    expect(q.asked).toEqual([0, 100, 200])
    expect((await read(block(200))).rows).toHaveLength(100)
    await settle()
    expect(q.asked).toEqual([0, 100, 200, 300])
  })

  it('reads up as well as down', async () => {
    const q = query(10_000)
    await inTurn(readAhead(q.fetchPage), 0, 5000, 4900)
    expect(q.asked).toEqual([0, 100, 5000, 4900, 4800])
  })

  it('asks for nothing extra after a jump, nor for blocks asked for at once', async () => {
    const q = query(10_000)
    const read = readAhead(q.fetchPage)
    await inTurn(read, 0, 5000)
    // A jump landing across a boundary asks for two blocks together: no reading there.
    await Promise.all([read(block(7000)), read(block(7100))])
    await settle()
    expect(q.asked).toEqual([0, 100, 5000, 7000, 7100])
  })

  it('never asks past the last row, nor uses a block held for another sort', async () => {
    const q = query(150)
    await inTurn(readAhead(q.fetchPage), 0, 100)
    expect(q.asked).toEqual([0, 100])

    const sorted = query(1000)
    const readSorted = readAhead(sorted.fetchPage)
    await readSorted(block(0))
    await settle()
    await readSorted(block(100, [{ column: 'age', direction: 'desc' }]))
    expect(sorted.asked).toEqual([0, 100, 100])
  })

  it('asks again for a held block older than the limit', async () => {
    let now = 0
    const q = query(1000)
    const read = readAhead(q.fetchPage, () => now)
    await read(block(0))
    await settle()
    now += readAheadMaxAgeMs + 1
    await read(block(100))
    expect(q.asked.slice(0, 3)).toEqual([0, 100, 100])
  })

  it('reports a block that failed ahead when the grid asks for it, and not before', async () => {
    const q = query(1000, 100)
    const read = readAhead(q.fetchPage)
    await read(block(0))
    await settle()
    expect(q.asked).toEqual([0, 100])
    await expect(read(block(100))).rejects.toThrow('the database went away')
  })
})
