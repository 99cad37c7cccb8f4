import { describe, expect, it } from 'vitest'
import { testEngine } from '../../helpers/postgres'
import { createBackup, restoreDatabase } from '../../../src/main/core/backup/backup'
import { createDemo } from '../../../src/main/core/demo/load'
import { audit } from '../../../src/main/core/store/audit'
import { auditRowHash, auditTriggers, type AuditRow } from '../../../src/main/core/store/audit-chain'
import { checkDb } from '../../../src/main/core/store/check'
import type { Db } from '../../../src/main/core/store/db'
import { tempContext } from '../../helpers/tmp'

/** The attack the chain alone cannot see: change a row, then recompute every hash and the seal. */
async function rewriteHistory(db: Db): Promise<void> {
  for (const name of Object.keys(auditTriggers)) await db.exec(`DROP TRIGGER ${name}`)
  await db.prepare("UPDATE audit_log SET who = 'someone else' WHERE id = 1").run()
  let previous = ''
  let last = 0
  for (const row of (await db.prepare('SELECT id, at, who, action, entity, entity_id, before, after FROM audit_log ORDER BY id').all()) as AuditRow[]) {
    previous = auditRowHash(previous, row)
    await db.prepare('UPDATE audit_log SET hash = ? WHERE id = ?').run(previous, row.id)
    last = row.id
  }
  await db.prepare('UPDATE audit_seal SET last_id = ?, last_hash = ?').run(last, previous)
  for (const sql of Object.values(auditTriggers)) await db.exec(sql)
}

// Backups are the embedded database's; a team database is backed up by its server (pg_dump).
describe.skipIf(testEngine() === 'postgres')('check against the newest backup', () => {
  it('catches a history rewritten with fresh hashes, which the chain alone cannot', async () => {
    const ctx = await tempContext()
    await createDemo(ctx.db, { asOf: '2020-03-31', lookedAfter: 10 }, 'tester')
    await audit(ctx.db, { who: 'tester', action: 'test.step', entity: 'child', entityId: 'C1' })
    const backup = await createBackup(ctx, 'daily')
    expect((await checkDb(ctx.db, ctx.dbPath)).audit).toMatchObject({ ok: true, comparedWithBackup: backup.path })
    await rewriteHistory(ctx.db)
    expect((await checkDb(ctx.db)).audit.ok).toBe(true)
    const result = await checkDb(ctx.db, ctx.dbPath)
    expect(result.ok).toBe(false)
    expect(result.audit.problems.join(' ')).toContain(`as it was in the backup ${backup.name}`)
  })

  it('ignores backups of a history a restore has since replaced', async () => {
    const ctx = await tempContext()
    await createDemo(ctx.db, { asOf: '2020-03-31', lookedAfter: 10 }, 'tester')
    const older = await createBackup(ctx, 'manual')
    await audit(ctx.db, { who: 'tester', action: 'test.later', entity: 'child', entityId: 'C1' })
    await createBackup(ctx, 'daily')
    const { db } = await restoreDatabase(ctx.dbPath, older.path, 'tester', ctx.db)
    ctx.db = db
    expect((await checkDb(db, ctx.dbPath)).audit).toMatchObject({ ok: true, problems: [] })
  })
})
