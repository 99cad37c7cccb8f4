import { render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { SufficiencyReport, SufficiencyRow } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const row = (measure: SufficiencyRow['measure'], unit: SufficiencyRow['unit'], figures: Partial<SufficiencyRow>): SufficiencyRow => ({
  measure,
  label: measure,
  unit,
  value: 0,
  of: unit === 'percent' ? 0 : null,
  yearEarlier: 0,
  change: 0,
  comparators: {},
  ...figures
})

/** As the core answers for a council whose children all came into care this year. */
const report: SufficiencyReport = {
  asOf: '2026-11-30',
  yearFrom: '2025-11-30',
  rows: [
    row('lookedAfter', 'count', { value: 2, yearEarlier: 0, change: 2 }),
    row('inHouseShare', 'percent', { value: 0.5, of: 2, yearEarlier: null, change: null }),
    row('kinshipShare', 'percent', { value: 0, of: 2, yearEarlier: 0, change: 0, comparators: { england: 0.115 } }),
    row('longTermStability', 'percent', { value: null, of: 0, yearEarlier: null, change: null })
  ],
  byPlacementType: [],
  rules: []
}

const cells = (measure: string): HTMLElement[] => within(screen.getByTestId(`sufficiency-${measure}`)).getAllByRole('cell')

describe('sufficiency with shares of no children', () => {
  it('shows a dash named in words for a share of no children, never 0% or NaN%', async () => {
    window.api = fakeApi({ sufficiency: report }).api
    vi.resetModules()
    const { SufficiencyPanel } = await import('../../src/renderer/src/pages/costs/SufficiencyPanel')
    render(<SufficiencyPanel today="2026-11-30" />)
    await screen.findByTestId('sufficiency-longTermStability')

    const [, now, before, change] = cells('longTermStability')
    for (const cell of [now!, before!]) {
      expect(cell.textContent).not.toMatch(/%/)
      expect(within(cell).getByText('—').getAttribute('aria-hidden')).toBe('true')
      expect(within(cell).getByText('No figure: no children to take a share of')).toBeTruthy()
    }
    expect(change!.textContent).toMatch(/^—No change to show: no figure on the date$/)

    // A share on the date with none a year earlier: the figure, and no change to claim.
    const [, inHouse, inHouseBefore, inHouseChange] = cells('inHouseShare')
    expect(inHouse!.textContent).toBe('50.0%')
    expect(inHouseBefore!.textContent).toContain('No figure')
    expect(inHouseChange!.textContent).toBe('—No change to show: no figure a year earlier')

    // A real 0% of real children stays 0%, and counts stay counts.
    expect(
      cells('kinshipShare')
        .map((c) => c.textContent)
        .slice(1, 4)
    ).toEqual(['0.0%', '0.0%', '0.0 pts'])
    expect(
      cells('lookedAfter')
        .map((c) => c.textContent)
        .slice(1, 4)
    ).toEqual(['2', '0', '+2'])

    expect(screen.getByRole('region', { name: 'Sufficiency and stability' }).textContent).not.toMatch(/NaN/)
  })

  it('says no child is looked after instead of drawing an empty chart', async () => {
    window.api = fakeApi({ sufficiency: report }).api
    vi.resetModules()
    const { SufficiencyPanel } = await import('../../src/renderer/src/pages/costs/SufficiencyPanel')
    render(<SufficiencyPanel today="2026-11-30" />)
    expect(await screen.findByText('No child looked after on 30/11/2026: no placement to chart.')).toBeTruthy()
    expect(screen.queryByTestId('chart-in-house-external')).toBeNull()
    expect(screen.queryByRole('table', { name: 'In-house and external by placement type' })).toBeNull()
  })
})
