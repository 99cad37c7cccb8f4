import { beforeEach, describe, expect, it } from 'vitest'
import { childrenPage, listChildren } from '../../../src/main/core/children/queries'
import type { Context } from '../../../src/main/core/context'
import { createDemo } from '../../../src/main/core/demo/load'
import { openContext } from '../../../src/main/core/session'
import { trackerPage } from '../../../src/main/core/tracker/page'
import { trackerView } from '../../../src/main/core/tracker/view'
import { childrenPageInput, type ChildrenPageInput } from '../../../src/shared/contract/children'
import { trackerPageInput, type TrackerPageInput } from '../../../src/shared/contract/tracker'
import { testEngine, withTesterPassword } from '../../helpers/postgres'
import { tempContext } from '../../helpers/tmp'

const asOf = '2020-03-31'
const ids = (rows: readonly { childId: string }[]): string[] => rows.map((r) => r.childId)

/**
 * The grids keep each query's ordered keys between blocks. Runs on both engines
 * (PERMANENCE_TEST_ENGINE=postgres): a deep page asked for first is the slice of the
 * whole order, and a write from this connection or another shows in the next block.
 */
describe('grid pages from the kept order', () => {
  let ctx: Context
  const children = async (input: ChildrenPageInput) => await childrenPage(ctx.db, childrenPageInput.parse(input))
  const tracker = async (input: TrackerPageInput) => await trackerPage(ctx.db, trackerPageInput.parse(input))
  /** A write from a second connection to the same database, as the CLI or another user makes. */
  const fromElsewhere = async (sql: string, ...params: string[]): Promise<void> => {
    const other = await openContext(testEngine() === 'postgres' ? withTesterPassword(ctx.dbPath) : ctx.dbPath, 'cli', 'someone else')
    try {
      await other.db.prepare(sql).run(...params)
    } finally {
      await other.db.close()
    }
  }

  beforeEach(async () => {
    ctx = await tempContext(asOf)
    await createDemo(ctx.db, { asOf, lookedAfter: 60 }, 'tester')
  })

  it('children: a deep page first is the slice of the whole list, and follows writes made here and elsewhere', async () => {
    const deep = async () => ids((await children({ offset: 30, limit: 10 })).rows)
    const expected = async () => ids((await listChildren(ctx.db, {})).slice(30, 40))
    const before = await expected()
    expect(await deep()).toEqual(before)
    // Renamed to sort first: every child after it on the page moves up one.
    await ctx.db.prepare("UPDATE child SET family_name = 'Aaaa' WHERE child_id = ?").run(before[5]!)
    const afterHere = await expected()
    expect(afterHere).not.toEqual(before)
    expect(await deep()).toEqual(afterHere)
    // A write elsewhere to a column the tracker does not hold (so nothing here writes in turn).
    const bySex = async (offset: number, limit: number) => ids((await children({ offset, limit, sort: [{ column: 'sex', direction: 'asc' }] })).rows)
    const sexBefore = await bySex(30, 10)
    expect(sexBefore).toEqual((await bySex(0, 1000)).slice(30, 40))
    const girlOrBoy = (await ctx.db.prepare('SELECT sex FROM child WHERE child_id = ?').pluck().get(sexBefore[0]!)) as number
    await fromElsewhere(`UPDATE child SET sex = ${3 - girlOrBoy} WHERE child_id = ?`, sexBefore[0]!)
    const sexAfter = (await bySex(0, 1000)).slice(30, 40)
    expect(sexAfter).not.toEqual(sexBefore)
    expect(await bySex(30, 10)).toEqual(sexAfter)
    expect((await children({ offset: 30, limit: 10 })).total).toBe((await listChildren(ctx.db, {})).length)
  })

  it('tracker: deep pages in any sort are the slice of the full view, and follow a write made elsewhere', async () => {
    const view = await trackerView(ctx.db, asOf)
    expect(ids((await tracker({ asOf, offset: 40, limit: 15 })).rows)).toEqual(ids(view.rows.slice(40, 55)))
    const byName = async () => await tracker({ asOf, offset: 20, limit: 10, sort: [{ column: 'name', direction: 'desc' }] })
    const sortedNames = [...view.rows].sort((a, b) => (a.name === b.name ? (a.childId < b.childId ? -1 : 1) : a.name < b.name ? 1 : -1))
    const before = await byName()
    expect(ids(before.rows)).toEqual(ids(sortedNames.slice(20, 30)))
    expect(before.rows).toEqual(
      view.rows.filter((r) => ids(before.rows).includes(r.childId)).sort((a, b) => ids(before.rows).indexOf(a.childId) - ids(before.rows).indexOf(b.childId))
    )
    // Another connection renames a child on this page so it sorts last going down.
    await fromElsewhere("UPDATE child SET given_name = 'Aaaa', family_name = 'Aaaa' WHERE child_id = ?", before.rows[0]!.childId)
    const after = await byName()
    expect(ids(after.rows)).not.toContain(before.rows[0]!.childId)
    expect(ids(after.rows)).toEqual([...ids(before.rows).slice(1), ids(sortedNames)[30]])
  })
})
