import type { ColDef, ITooltipParams } from 'ag-grid-community'
import { describe, expect, it } from 'vitest'
import { childrenColumns } from '../../src/renderer/src/pages/ChildrenPage'

const meaning = (field: string, value: string | null): unknown => {
  const column = (childrenColumns as ColDef[]).find((c) => c.field === field)!
  return column.tooltipValueGetter?.({ value, data: {} } as ITooltipParams)
}

describe('the children grid', () => {
  it('shows each 903 code with its meaning on hover, as the tracker shows it', () => {
    expect(meaning('legalStatus', 'C2')).toBe('Full care order (C2)')
    expect(meaning('placement', 'U6')).toMatch(/^\S.* \(U6\)$/)
    expect(meaning('placementProvider', 'PR1')).toMatch(/^\S.* \(PR1\)$/)
  })
  it('keeps a code it does not know, and shows nothing for none', () => {
    expect(meaning('placement', 'Z9')).toBe('Z9')
    expect(meaning('legalStatus', null)).toBe('')
  })
})
