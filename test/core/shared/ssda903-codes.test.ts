import { describe, expect, it } from 'vitest'
import { codeListsByYear } from '../../../src/main/core/io/codes'
import { startsWithNewCarers } from '../../../src/main/core/tracker/rules'
import { codeMeanings, codeWithMeaning, type CodedColumn903 } from '../../../src/shared/ssda903-codes'

describe('903 code meanings', () => {
  it('gives a meaning to every code the import accepts, in every collection year', () => {
    const missing: string[] = []
    for (const [year, lists] of codeListsByYear) {
      for (const [column, codes] of Object.entries(lists) as [CodedColumn903, ReadonlySet<string>][]) {
        for (const code of codes) if (!Object.hasOwn(codeMeanings[column], code)) missing.push(`${year} ${column} ${code}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('shows the meaning before the code, and an unknown code as it is', () => {
    expect(codeWithMeaning('LS', 'C2')).toBe('Full care order (C2)')
    expect(codeWithMeaning('REC', 'E17')).toBe('Aged 18, stayed with carers (staying put) (E17)')
    expect(codeWithMeaning('PLACE', 'Q9')).toBe('Q9')
    expect(codeWithMeaning('CIN', null)).toBe('')
  })

  it("says of each reason for a new episode what the DfE guidance and the tracker's carers rule say", () => {
    // DfE: T a change of placement only, same carers; B legal status, placement and carers at once.
    expect(codeWithMeaning('RNE', 'T')).toBe('Change of placement, same carer (T)')
    expect(codeWithMeaning('RNE', 'B')).toBe('Change of legal status, placement and carer (B)')
    for (const [code, meaning] of Object.entries(codeMeanings.RNE)) {
      const newCarers = code !== 'S' && startsWithNewCarers(code)
      expect(/carer/.test(meaning) && !/same carer/.test(meaning), `${code}: ${meaning}`).toBe(newCarers)
      expect(/legal status/.test(meaning), `${code}: ${meaning}`).toBe(['L', 'B', 'U'].includes(code))
    }
  })
})
