import { statSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { sqliteConnection } from '../../../src/main/core/store/engine/sqlite'
import { import903 } from '../../../src/main/core/io/ssda903/import'
import { import903OffThread, importsRunning } from '../../../src/main/core/io/ssda903/off-thread'
import { cohort903, write903 } from '../../helpers/fixtures903'
import { testEngine } from '../../helpers/postgres'
import { tempContext, tempDir } from '../../helpers/tmp'

/**
 * A large import leaves a large write-ahead log. Copying it into the database file is
 * housekeeping: the import's commit skips it so the answer comes sooner, and the import
 * worker does it after answering. The file itself grows only when that copy is made.
 */
describe.skipIf(testEngine() === 'postgres')('the checkpoint after a 903 import', () => {
  const files = () => {
    const paths = write903(tempDir(), cohort903({ lookedAfter: 60 }))
    return [
      { name: 'Header.csv', path: paths.header },
      { name: 'Episodes.csv', path: paths.episodes }
    ]
  }

  it('is left out of the import’s own commit, and the connection’s setting is put back', async () => {
    const ctx = await tempContext()
    const raw = sqliteConnection(ctx.db, 'test')
    raw.pragma('wal_checkpoint(TRUNCATE)')
    const before = statSync(ctx.dbPath).size
    // Checkpoint at every commit, were the import not to turn it off: this small import's log would not reach the usual 1,000 pages.
    raw.pragma('wal_autocheckpoint = 1')
    const summary = await import903(ctx, files())
    expect(summary.inserted).toBeGreaterThan(50)
    expect(statSync(ctx.dbPath).size).toBe(before)
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1)
    // The next checkpoint copies the import into the file.
    raw.pragma('wal_checkpoint(PASSIVE)')
    expect(statSync(ctx.dbPath).size).toBeGreaterThan(before)
  })

  it('is made by the import worker after it answers, and the import counts as running until then', async () => {
    const ctx = await tempContext()
    sqliteConnection(ctx.db, 'test').pragma('wal_checkpoint(TRUNCATE)')
    const before = statSync(ctx.dbPath).size
    const summary = await import903OffThread(ctx, files())
    expect(summary.inserted).toBeGreaterThan(50)
    await vi.waitFor(() => expect(importsRunning()).toBe(0), { timeout: 20_000, interval: 20 })
    expect(statSync(ctx.dbPath).size).toBeGreaterThan(before)
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM child').pluck().get()).toBe(summary.inserted)
  })
})
