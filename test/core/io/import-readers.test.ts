import { describe, expect, it } from 'vitest'
import { import903 } from '../../../src/main/core/io/ssda903/import'
import { trackerCounts } from '../../../src/main/core/tracker/queries'
import { cohort903, write903 } from '../../helpers/fixtures903'
import { testEngine } from '../../helpers/postgres'
import { tempContext, tempDir } from '../../helpers/tmp'

/**
 * On the team database an import is one transaction on one connection of the pool; every
 * other call (another desk, or this desk's other windows) reads on other connections and
 * is never held up by it, and never sees half of it. (On SQLite the import runs in its own
 * thread and connection: test/bridge/import-worker.test.ts.)
 */
describe.runIf(testEngine() === 'postgres')('an import never blocks readers', () => {
  it('answers tracker reads while a large 903 import is writing, with the data as it was until the import commits', async () => {
    const ctx = await tempContext('2020-03-31')
    const first = cohort903({ lookedAfter: 40, seed: 1 })
    await import903(ctx, [
      { name: 'Header.csv', path: write903(tempDir(), first).header },
      { name: 'Episodes.csv', path: write903(tempDir(), first).episodes }
    ])
    const before = await trackerCounts(ctx.db, '2020-03-31')

    const big = cohort903({ lookedAfter: 2500, seed: 2 })
    const paths = write903(tempDir(), big)
    let done = false
    const importing = import903(ctx, [
      { name: 'Header.csv', path: paths.header },
      { name: 'Episodes.csv', path: paths.episodes }
    ]).finally(() => {
      done = true
    })
    const during: { ms: number; lookedAfter: number }[] = []
    while (!done) {
      const started = performance.now()
      const counts = await trackerCounts(ctx.db, '2020-03-31')
      during.push({ ms: performance.now() - started, lookedAfter: counts.lookedAfter })
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const summary = await importing
    expect(summary.inserted + summary.updated + summary.unchanged).toBe(big.children.length)
    // Readers were answered while the import ran, each seeing the records as they were.
    expect(during.length).toBeGreaterThan(3)
    // Only the last read can have begun before the commit and taken its snapshot after it.
    expect(new Set(during.slice(0, -1).map((d) => d.lookedAfter))).toEqual(new Set([before.lookedAfter]))
    const after = (await trackerCounts(ctx.db, '2020-03-31')).lookedAfter
    expect(after).toBeGreaterThan(before.lookedAfter)
    expect([before.lookedAfter, after]).toContain(during.at(-1)!.lookedAfter)
  }, 120_000)
})
