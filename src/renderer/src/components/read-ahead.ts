import type { Page } from '../../../shared/contract/paging'

/** What one block of a paged grid asks for. */
export interface BlockRequest {
  offset: number
  limit: number
  sort: readonly unknown[]
}

/** A block asked for ahead is used only this long after it was asked for; older, it is asked for again. */
export const readAheadMaxAgeMs = 30_000

/**
 * Wraps a paged query so that reading a grid in order never waits for a block: when the
 * grid asks for the block after (or before) the one it asked for last — scrolling, Page
 * Down, arrow keys — the one beyond is asked for too, once this one is in, and kept for
 * the grid's next request. A jump elsewhere asks for nothing extra, nor do two blocks
 * asked for at once (a jump that lands across a block boundary): reading means the grid
 * asks for the next block after the last one came in. The first block counts as reading
 * down. One block is held at a time, for one query: a new query (or sort) makes a new reader.
 */
export function readAhead<T, R extends BlockRequest>(
  fetchPage: (request: R) => Promise<Page<T>>,
  now: () => number = () => performance.now()
): (request: R) => Promise<Page<T>> {
  const keyOf = (request: R, offset: number): string => JSON.stringify([request.sort, offset, request.limit])
  let held: { key: string; at: number; page: Promise<Page<T>> } | null = null
  let last: R | null = null
  let lastIn = false
  return (request) => {
    const key = keyOf(request, request.offset)
    const fresh = held !== null && held.key === key && now() - held.at <= readAheadMaxAgeMs
    const page = fresh ? held!.page : fetchPage(request)
    held = null
    const reading = last !== null && lastIn && keyOf(last, 0) === keyOf(request, 0)
    const step = request.offset === 0 && last === null ? request.limit : reading ? request.offset - last!.offset : 0
    last = request
    lastIn = false
    void page.then(
      (answer) => {
        // Only while the grid has asked for nothing since.
        if (last !== request) return
        lastIn = true
        const next = request.offset + step
        if (Math.abs(step) !== request.limit || next < 0 || next >= answer.total) return
        const ahead = fetchPage({ ...request, offset: next })
        ahead.catch(() => undefined) // a failure is reported if and when the grid asks for that block
        held = { key: keyOf(request, next), at: now(), page: ahead }
      },
      () => undefined
    )
    return page
  }
}
