import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/dispatch'
import { testEngine } from '../../helpers/postgres'
import { tempContext } from '../../helpers/tmp'

/*
 * The app's backups copy an SQLite file. A team database is the server's to back up, so
 * the backup calls say so plainly, and never take its URL for a folder to write into.
 */
describe.runIf(testEngine() === 'postgres')('backups on a team database', () => {
  it('refuses Back up now with the reason, writing no folder named after the URL', async () => {
    const ctx = await tempContext()
    const made = await dispatch(ctx, 'backupNow', {})
    expect(made).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('backed up on its server') } })
    expect(existsSync('postgresql:')).toBe(false)
    expect(await dispatch(ctx, 'restoreBackup', { name: 'permanence-2020-03-31.db' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('lists no backups and no folder', async () => {
    const ctx = await tempContext()
    expect(await dispatch(ctx, 'listBackups', {})).toMatchObject({ ok: true, value: { folder: '', backups: [] } })
  })
})
