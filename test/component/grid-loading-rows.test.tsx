import type { ColDef, ValueFormatterParams } from 'ag-grid-community'
import { describe, expect, it } from 'vitest'
import { childrenColumns } from '../../src/renderer/src/pages/ChildrenPage'
import { columnsFor } from '../../src/renderer/src/pages/TrackerPage'

/**
 * A paged grid draws rows still loading (no data yet) as it scrolls: every formatted
 * column must show them blank, not "undefined" or a made-up "No".
 */
const loadingCells = (columns: ColDef[]): [string, unknown][] =>
  columns.flatMap((c) =>
    typeof c.valueFormatter === 'function' ? [[String(c.field), c.valueFormatter({ value: undefined, data: undefined } as ValueFormatterParams)]] : []
  )

describe('rows still loading in the paged grids', () => {
  it('are blank in every formatted column of the tracker', () => {
    const cells = loadingCells(columnsFor('2026-03-31', { fcoMonths: 6, s20Months: 12, placementsIn12Months: 3, panelLookMonths: 12, pwpMonths: 6 }))
    expect(cells.length).toBeGreaterThan(5)
    for (const [field, text] of cells) expect(text, field).toBe('')
  })
  it('are blank in every formatted column of the children grid', () => {
    const cells = loadingCells(childrenColumns as ColDef[])
    expect(cells.length).toBeGreaterThan(1)
    for (const [field, text] of cells) expect(text, field).toBe('')
  })
})
