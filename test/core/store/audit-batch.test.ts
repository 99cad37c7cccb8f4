import { describe, expect, it } from 'vitest'
import { appendAuditRows, auditRow } from '../../../src/main/core/store/audit'
import { auditRowHash, verifyAuditChain } from '../../../src/main/core/store/audit-chain'
import { schemaVersion } from '../../../src/main/core/store/db'
import { tempContext } from '../../helpers/tmp'

describe('appending many audit rows at once', () => {
  it('chains each row to the one before across multi-row inserts and the remainder, on either engine', async () => {
    const ctx = await tempContext()
    const before = (await ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()) as number
    const rows = Array.from({ length: 450 }, (_, i) => auditRow({ who: 'tester', action: 'test.many', entity: 'child', entityId: `C${i}`, after: { step: i } }))
    await appendAuditRows(ctx.db, rows)
    const stored = (await ctx.db.prepare('SELECT id, at, who, action, entity, entity_id, before, after, hash FROM audit_log ORDER BY id').all()) as never[]
    expect(stored).toHaveLength(before + 450)
    expect((stored as { entity_id: string }[]).slice(before).map((r) => r.entity_id)).toEqual(rows.map((r) => r.entity_id))
    let previous = ''
    for (const row of stored as { hash: string }[]) {
      expect(row.hash).toBe(auditRowHash(previous, row as never))
      previous = row.hash
    }
    expect(await verifyAuditChain(ctx.db, await schemaVersion(ctx.db))).toMatchObject({ ok: true, rows: before + 450 })
  })
})
