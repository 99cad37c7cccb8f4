import { describe, expect, it } from 'vitest'
import { childrenPage, listChildren } from '../../../src/main/core/children/queries'
import { createDemo } from '../../../src/main/core/demo/load'
import { childrenPageInput, type ChildSummary, type ChildrenPageInput } from '../../../src/shared/contract/children'
import { tempContext } from '../../helpers/tmp'

describe('children list', () => {
  // Runs on both engines: the order and the search must not depend on which one.
  it('lists children without names first, in byte order, and searches case-insensitively', async () => {
    const ctx = await tempContext()
    const insert = ctx.db.prepare('INSERT INTO child (child_id, given_name, family_name) VALUES (?, ?, ?)')
    for (const [id, given, family] of [
      ['C3', 'Zed', 'Adams'],
      ['C1', null, null],
      ['C2', 'amy', 'adams'],
      ['C4', 'Bob', 'Brown'],
      ['c0', null, null]
    ]) {
      await insert.run(id, given, family)
    }
    // 903 returns carry no names: those children come first, as SQLite orders NULLs.
    expect((await listChildren(ctx.db, {})).map((c) => c.childId)).toEqual(['C1', 'c0', 'C3', 'C4', 'C2'])
    expect((await listChildren(ctx.db, { search: 'ADAMS' })).map((c) => c.childId)).toEqual(['C3', 'C2'])
    expect((await listChildren(ctx.db, { search: 'c1' })).map((c) => c.childId)).toEqual(['C1'])
    // Every word typed must match the ID, given or family name: a full name, either way round, or part of one.
    const found = async (search: string): Promise<string[]> => (await listChildren(ctx.db, { search })).map((c) => c.childId)
    expect(await found('Zed Adams')).toEqual(['C3'])
    expect(await found('adams  ZED')).toEqual(['C3'])
    expect(await found('amy ad')).toEqual(['C2'])
    expect(await found('  Bob ')).toEqual(['C4'])
    expect(await found('Zed Brown')).toEqual([])
    expect(await listChildren(ctx.db, { search: 'zed' })).toEqual([
      {
        childId: 'C3',
        name: 'Zed Adams',
        sex: null,
        dob: null,
        legalStatus: null,
        placement: null,
        placementProvider: null,
        carer: null,
        lookedAfter: false,
        episodes: 0
      }
    ])
  })
})

describe('finding a child by ID', () => {
  it('lists the child whose ID is typed first, then the IDs it begins in ID order, then other matches by name; and the first so many', async () => {
    const ctx = await tempContext()
    const insert = ctx.db.prepare('INSERT INTO child (child_id, given_name, family_name) VALUES (?, ?, ?)')
    for (const [id, given, family] of [
      ['DEMO000301', 'Ann', 'Able'],
      ['DEMO000305', 'Bea', 'Bell'],
      ['DEMO000300', 'Cat', 'Zorn'],
      ['XDEMO000300', 'Dan', 'Acorn'],
      ['DEMO000030', 'Eve', 'Yew']
    ]) {
      await insert.run(id, given, family)
    }
    const found = async (search: string, limit?: number): Promise<string[]> => (await listChildren(ctx.db, { search, limit })).map((c) => c.childId)
    expect(await found('demo00030')).toEqual(['DEMO000300', 'DEMO000301', 'DEMO000305', 'XDEMO000300'])
    expect(await found('DEMO000300')).toEqual(['DEMO000300', 'XDEMO000300'])
    expect(await found('DEMO0003', 2)).toEqual(['DEMO000300', 'DEMO000301'])
    // A name search keeps the order by name.
    expect(await found('e')).toEqual(['DEMO000301', 'XDEMO000300', 'DEMO000305', 'DEMO000030', 'DEMO000300'])
  })
})

describe('children grid pages', () => {
  // Runs on both engines: the same pages, totals and order.
  it('pages the list in its own order, filters looked-after children and searches, with the total', async () => {
    const ctx = await tempContext('2020-03-31')
    await createDemo(ctx.db, { asOf: '2020-03-31', lookedAfter: 40 }, 'tester')
    const page = async (input: ChildrenPageInput) => await childrenPage(ctx.db, childrenPageInput.parse(input))
    const every = async (input: Omit<ChildrenPageInput, 'offset' | 'limit'>): Promise<ChildSummary[]> => {
      const rows: ChildSummary[] = []
      for (let offset = 0; ; offset += 17) {
        const p = await page({ ...input, offset, limit: 17 })
        rows.push(...p.rows)
        if (p.rows.length < 17) {
          expect(p.total).toBe(rows.length)
          return rows
        }
      }
    }
    const all = await listChildren(ctx.db, {})
    expect(all.length).toBeGreaterThan(40)
    expect(await every({})).toEqual(all)
    const lookedAfter = await listChildren(ctx.db, { lookedAfterOnly: true })
    expect(await every({ filters: { lookedAfterOnly: true } })).toEqual(lookedAfter)
    // A first page counts its matches in the same pass as its rows, none included.
    expect(await page({ filters: { lookedAfterOnly: true }, limit: 5 })).toEqual({ rows: lookedAfter.slice(0, 5), total: lookedAfter.length })
    expect(await page({ filters: { lookedAfterOnly: true }, search: 'no such child' })).toEqual({ rows: [], total: 0 })
    // The same children as the search box finds (which lists IDs it begins first, in ID order).
    const byId = (rows: ChildSummary[]): ChildSummary[] => [...rows].sort((a, b) => a.childId.localeCompare(b.childId))
    expect(byId(await every({ search: 'demo00001' }))).toEqual(byId(await listChildren(ctx.db, { search: 'demo00001' })))
    const named = all.find((c) => c.name.includes(' '))!
    expect((await every({ search: named.name })).map((c) => c.childId)).toContain(named.childId)
    const byEpisodes = await every({ sort: [{ column: 'episodes', direction: 'desc' }] })
    expect(byEpisodes.map((c) => c.childId)).toEqual([...all].sort((a, b) => b.episodes - a.episodes || (a.childId < b.childId ? -1 : 1)).map((c) => c.childId))
    const byStatus = await every({ sort: [{ column: 'legalStatus', direction: 'asc' }] })
    const key = (c: ChildSummary): string => `${c.legalStatus ?? ''}|${c.childId}`
    expect(byStatus.map(key)).toEqual(all.map(key).sort())
  })
})
