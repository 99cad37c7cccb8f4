import { describe, expect, it } from 'vitest'
import { listChildren } from '../../../src/main/core/children/queries'
import { tempContext } from '../../helpers/tmp'

describe('children list', () => {
  // Runs on both engines: the order and the search must not depend on which one.
  it('lists children without names first, in byte order, and searches case-insensitively', async () => {
    const ctx = await tempContext()
    const insert = ctx.db.prepare('INSERT INTO child (child_id, given_name, family_name) VALUES (?, ?, ?)')
    for (const [id, given, family] of [['C3', 'Zed', 'Adams'], ['C1', null, null], ['C2', 'amy', 'adams'], ['C4', 'Bob', 'Brown'], ['c0', null, null]]) {
      await insert.run(id, given, family)
    }
    // 903 returns carry no names: those children come first, as SQLite orders NULLs.
    expect((await listChildren(ctx.db, {})).map((c) => c.childId)).toEqual(['C1', 'c0', 'C3', 'C4', 'C2'])
    expect((await listChildren(ctx.db, { search: 'ADAMS' })).map((c) => c.childId)).toEqual(['C3', 'C2'])
    expect((await listChildren(ctx.db, { search: 'c1' })).map((c) => c.childId)).toEqual(['C1'])
    expect((await listChildren(ctx.db, { search: 'zed' }))).toEqual([
      { childId: 'C3', name: 'Zed Adams', sex: null, dob: null, legalStatus: null, placement: null, placementProvider: null, carer: null, lookedAfter: false, episodes: 0 }
    ])
  })
})
