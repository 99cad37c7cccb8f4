import { beforeEach, describe, expect, it } from 'vitest'
import type { Context } from '../../../src/main/core/context'
import { createDemo } from '../../../src/main/core/demo/load'
import { dispatch } from '../../../src/main/core/dispatch'
import { trackerPage, trackerSummary } from '../../../src/main/core/tracker/page'
import { trackerView } from '../../../src/main/core/tracker/view'
import {
  driftCodes,
  legalStatusGroups,
  permanenceStatuses,
  trackerFlags,
  trackerPageInput,
  type TrackerGridFilters,
  type TrackerGridRow,
  type TrackerPageInput,
  type TrackerView
} from '../../../src/shared/contract/tracker'
import { applyFilter } from '../../../src/shared/tracker-filter'
import { tempContext } from '../../helpers/tmp'
import { firstOf } from '../../helpers/defined'

const asOf = '2020-03-31'

/** Runs on both engines (PERMANENCE_TEST_ENGINE=postgres): the same rows, pages and totals. */
describe('tracker grid pages', () => {
  let ctx: Context
  let view: TrackerView
  const page = async (input: TrackerPageInput) => await trackerPage(ctx.db, trackerPageInput.parse(input))
  /** Every page of `size` rows, checking each total on the way. */
  const allPages = async (input: Omit<TrackerPageInput, 'offset' | 'limit'>, size: number): Promise<TrackerGridRow[]> => {
    const rows: TrackerGridRow[] = []
    for (let offset = 0; ; offset += size) {
      const p = await page({ ...input, offset, limit: size })
      rows.push(...p.rows)
      if (p.rows.length < size) {
        expect(p.total).toBe(rows.length)
        return rows
      }
    }
  }

  // tempContext closes its database after each test.
  beforeEach(async () => {
    ctx = await tempContext(asOf)
    await createDemo(ctx.db, { asOf, lookedAfter: 120 }, 'tester')
    view = await trackerView(ctx.db, asOf)
  })

  it('gives the full view row for row, in child order, a page at a time without overlap', async () => {
    const first = await page({ asOf, limit: 25 })
    expect(first.total).toBe(view.rows.length)
    expect(first.rows).toEqual(view.rows.slice(0, 25))
    expect(await allPages({ asOf }, 25)).toEqual(view.rows)
    expect((await page({ asOf, offset: view.rows.length, limit: 25 })).rows).toEqual([])
  })

  it('filters by every tile in SQL exactly as the page filtered the full view', async () => {
    const filters: TrackerGridFilters[] = [
      ...permanenceStatuses.map((s) => ({ statuses: [s] })),
      ...legalStatusGroups.map((g) => ({ statuses: ['none' as const], groups: [g] })),
      ...driftCodes.map((d) => ({ drift: [d] })),
      ...trackerFlags.map((f) => ({ flags: [f] })),
      { drift: ['fco_no_decision', 'placement_moves'] },
      { flags: ['carers_changed', 'placed_with_parents'] }
    ]
    let nonEmpty = 0
    for (const f of filters) {
      const expected = applyFilter(view.rows, f)
      if (expected.length > 0) nonEmpty++
      expect(await allPages({ asOf, filters: f }, 40), JSON.stringify(f)).toEqual(expected)
    }
    // The demo data exercises most of them; an empty match on all would prove nothing.
    expect(nonEmpty).toBeGreaterThan(filters.length / 2)
  })

  it('counts the tiles in SQL as the full view does', async () => {
    const summary = await trackerSummary(ctx.db, asOf)
    expect(summary).toEqual({ counts: view.counts, thresholds: view.thresholds, driftCounts: view.driftCounts, flagCounts: view.flagCounts })
  })

  it('searches ID, name and carer in any case', async () => {
    const child = view.rows.find((r) => r.carer !== null)!
    const carerWord = firstOf(child.carer!.split(' ')).toUpperCase()
    const byCarer = await allPages({ asOf, search: carerWord }, 50)
    expect(byCarer.map((r) => r.childId)).toContain(child.childId)
    expect(byCarer.every((r) => `${r.childId} ${r.name} ${r.carer ?? ''}`.toLowerCase().includes(carerWord.toLowerCase()))).toBe(true)
    expect((await page({ asOf, search: child.childId.toLowerCase() })).rows.map((r) => r.childId)).toEqual([child.childId])
    expect((await page({ asOf, search: 'no such child' })).total).toBe(0)
  })

  it('sorts in SQL with the child ID as tie-break, both ways, so pages never overlap', async () => {
    const byKey =
      (key: (r: TrackerGridRow) => string | number | null, dir: 1 | -1) =>
      (a: TrackerGridRow, b: TrackerGridRow): number => {
        const x = key(a)
        const y = key(b)
        // NULLs first going up, last going down; then the child ID going up.
        const c = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1
        return c * dir || (a.childId < b.childId ? -1 : 1)
      }
    const cases = [
      { column: 'status', key: (r: TrackerGridRow) => r.status },
      { column: 'placementsLast12Months', key: (r: TrackerGridRow) => r.placementsLast12Months },
      { column: 'lastPanelDate', key: (r: TrackerGridRow) => r.lastPanelDate },
      { column: 'carer', key: (r: TrackerGridRow) => r.carer },
      { column: 'name', key: (r: TrackerGridRow) => r.name }
    ] as const
    for (const { column, key } of cases) {
      for (const direction of ['asc', 'desc'] as const) {
        const rows = await allPages({ asOf, sort: [{ column, direction }] }, 30)
        expect(
          rows.map((r) => r.childId),
          `${column} ${direction}`
        ).toEqual([...view.rows].sort(byKey(key, direction === 'asc' ? 1 : -1)).map((r) => r.childId))
      }
    }
    // Age goes the other way from the date of birth; the oldest first going down.
    const oldest = await page({ asOf, sort: [{ column: 'age', direction: 'desc' }], limit: 1 })
    expect(oldest.rows[0]?.age).toBe(Math.max(...view.rows.map((r) => r.age ?? -1)))
  })

  it('refuses a sort column that is not in the list, through dispatch', async () => {
    const result = await dispatch(ctx, 'trackerPage', { asOf, sort: [{ column: 'name; DROP TABLE child', direction: 'asc' }] })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const ok = await dispatch(ctx, 'trackerPage', { asOf, limit: 5, sort: [{ column: 'childId', direction: 'desc' }] })
    expect(ok).toMatchObject({ ok: true, value: { total: view.rows.length } })
  })
})
