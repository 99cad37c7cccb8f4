import { describe, expect, it } from 'vitest'
import { optionOrder, placementOptions } from '../../../src/shared/api'
import { costBaseline } from '../../../src/main/core/costs/baseline'
import { listOptions, saveOption } from '../../../src/main/core/costs/catalogue'
import { importUnitCosts } from '../../../src/main/core/costs/importUnitCosts'
import { previewMapping, setPlacementMapping } from '../../../src/main/core/costs/mapping'
import { setUnitCost, unitCostsOn } from '../../../src/main/core/costs/unitCosts'
import type { Db } from '../../../src/main/core/store/db'
import { tempContext } from '../../helpers/tmp'
import { craftXlsx } from '../../helpers/zip'

const D = '2020-03-31'
let seq = 0
const child = async (db: Db, id: string, dob: string, place: string, provider: string): Promise<void> => {
  await db.prepare("INSERT INTO child (child_id, sex, dob, given_name, family_name) VALUES (?, 1, ?, 'Secret', 'Name')").run(id, dob)
  await db
    .prepare("INSERT INTO episode (child_id, decom, ls, place, place_provider, seq) VALUES (?, '2019-01-01', 'C2', ?, ?, ?)")
    .run(id, place, provider, ++seq)
}
const auditActions = async (db: Db, entity: string): Promise<string[]> =>
  (await db.prepare('SELECT action FROM audit_log WHERE entity = ? ORDER BY id').pluck().all(entity)) as string[]

describe('option catalogue', () => {
  it('holds the seeded options in order, the 2019-20 figures and sources unchanged', async () => {
    const { db } = await tempContext()
    expect((await listOptions(db)).map((o) => o.code)).toEqual([...placementOptions])
    expect((await listOptions(db)).filter((o) => o.kind === 'service').map((o) => o.code)).toEqual(['ART_HUB', 'MFP'])
    const rows = await unitCostsOn(db, D)
    expect(rows.find((r) => r.optionCode === 'FOSTER_PATHWAY')).toMatchObject({
      weekly: 855,
      label: 'Pathway fostering carer (specialist)',
      isAssumption: false
    })
  })

  it('lists an added option with the placements, after the seeded ones and before the new services', () => {
    expect(optionOrder(['MFP', 'ZZ_HOME', 'ART_HUB', 'RESIDENTIAL_EXTERNAL', 'AA_CARE', 'SGO', 'SGO'])).toEqual([
      'SGO',
      'RESIDENTIAL_EXTERNAL',
      'AA_CARE',
      'ZZ_HOME',
      'ART_HUB',
      'MFP'
    ])
  })

  it('adds an option with its first cost and source, renames and retires it, with audit', async () => {
    const { db } = await tempContext()
    const added = await saveOption(db, 'tester', {
      code: 'PARENT_CHILD',
      label: 'Parent and child placement',
      kind: 'placement',
      retiredFrom: null,
      firstCost: { weekly: 1500, effectiveFrom: '2020-04-01', source: 'Framework price 2020-21', isAssumption: false }
    })
    expect(added).toEqual({ code: 'PARENT_CHILD', label: 'Parent and child placement', kind: 'placement', retiredFrom: null })
    expect((await unitCostsOn(db, D)).some((r) => r.optionCode === 'PARENT_CHILD')).toBe(false)
    expect((await unitCostsOn(db, '2020-04-01')).at(-1)).toMatchObject({
      optionCode: 'PARENT_CHILD',
      weekly: 1500,
      annual: 78_000,
      source: 'Framework price 2020-21'
    })
    await saveOption(db, 'tester', { code: 'PARENT_CHILD', label: 'Parent & child (assessment)', kind: 'placement', retiredFrom: null })
    expect((await unitCostsOn(db, '2020-05-01')).find((r) => r.optionCode === 'PARENT_CHILD')!.label).toBe('Parent & child (assessment)')
    await saveOption(db, 'tester', { code: 'PARENT_CHILD', label: 'Parent & child (assessment)', kind: 'placement', retiredFrom: '2021-04-01' })
    expect((await unitCostsOn(db, '2021-03-31')).some((r) => r.optionCode === 'PARENT_CHILD')).toBe(true)
    expect((await unitCostsOn(db, '2021-04-01')).some((r) => r.optionCode === 'PARENT_CHILD')).toBe(false)
    expect((await listOptions(db)).some((o) => o.code === 'PARENT_CHILD')).toBe(false)
    expect((await listOptions(db, true)).find((o) => o.code === 'PARENT_CHILD')!.retiredFrom).toBe('2021-04-01')
    expect(await auditActions(db, 'cost_option')).toEqual(['cost_option.add', 'cost_option.rename', 'cost_option.retire'])
    expect(await auditActions(db, 'unit_cost')).toEqual(['unit_cost.insert.new_option'])
  })

  it('takes finance-sheet costs for added options by code or by current or earlier label', async () => {
    const { db } = await tempContext()
    const firstCost = { weekly: 1500, effectiveFrom: '2020-04-01', source: 'Framework price 2020-21', isAssumption: false }
    await saveOption(db, 'tester', { code: 'PARENT_CHILD', label: 'Parent and child placement', kind: 'placement', retiredFrom: null, firstCost })
    await saveOption(db, 'tester', { code: 'PARENT_CHILD', label: 'Parent & child (assessment)', kind: 'placement', retiredFrom: null })
    await saveOption(db, 'tester', {
      code: 'SECURE_WELFARE',
      label: 'Secure welfare bed',
      kind: 'placement',
      retiredFrom: null,
      firstCost: { ...firstCost, weekly: 7000 }
    })
    const rows = [
      ['Code', 'Weekly', 'From'],
      ['parent_child', '1600', '01/10/2020'],
      ['Parent & child (assessment)', '1650', '01/01/2021'],
      ['Parent and child placement', '1700', '01/04/2021'],
      ['Secure welfare bed', '7200', '01/10/2020'],
      ['Secure unit', '9000', '01/10/2020']
    ]
    const summary = await importUnitCosts(db, 'tester', {
      fileName: 'rates.xlsx',
      content: craftXlsx([{ name: 'Rates', rows }]),
      columns: { optionCode: 'Code', weekly: 'Weekly', effectiveFrom: 'From' }
    })
    expect(summary).toMatchObject({ inserted: 4, updated: 0 })
    expect(summary.rejected).toEqual([
      {
        file: 'rates.xlsx',
        row: 6,
        column: 'Code',
        value: 'Secure unit',
        reason: expect.stringMatching(/^not an option code or label in the catalogue \(codes: SGO, .*PARENT_CHILD, SECURE_WELFARE\)/)
      }
    ])
    const history = await db
      .prepare(
        "SELECT option_code AS code, weekly, effective_from AS \"from\" FROM unit_cost WHERE option_code IN ('PARENT_CHILD', 'SECURE_WELFARE') ORDER BY code, effective_from"
      )
      .all()
    expect(history).toEqual([
      { code: 'PARENT_CHILD', weekly: 1500, from: '2020-04-01' },
      { code: 'PARENT_CHILD', weekly: 1600, from: '2020-10-01' },
      { code: 'PARENT_CHILD', weekly: 1650, from: '2021-01-01' },
      { code: 'PARENT_CHILD', weekly: 1700, from: '2021-04-01' },
      { code: 'SECURE_WELFARE', weekly: 7000, from: '2020-04-01' },
      { code: 'SECURE_WELFARE', weekly: 7200, from: '2020-10-01' }
    ])
  })

  it('refuses a new option without a cost, a changed kind, and a cost for an unknown option, changing nothing', async () => {
    const { db } = await tempContext()
    await expect(saveOption(db, 'tester', { code: 'NEW_ONE', label: 'New', kind: 'placement', retiredFrom: null })).rejects.toThrow(
      /firstCost: a new option needs/
    )
    await expect(saveOption(db, 'tester', { code: 'IFA', label: 'IFA', kind: 'service', retiredFrom: null })).rejects.toThrow(/IFA is a placement option/)
    await expect(setUnitCost(db, 'tester', { optionCode: 'NOPE', weekly: 1, effectiveFrom: D, source: 's', label: 'x' })).rejects.toThrow(
      /NOPE is not in the option catalogue/
    )
    expect(await listOptions(db)).toHaveLength(placementOptions.length)
    expect(await auditActions(db, 'cost_option')).toEqual([])
  })
})

describe('placement mapping by age band', () => {
  it('reaches the specialist foster lines by age, narrowest band first, and previews who it catches', async () => {
    const { db } = await tempContext()
    await child(db, 'A', '2008-06-01', 'U4', 'PR1') // 11 on D
    await child(db, 'B', '2004-04-01', 'U4', 'PR1') // 15 on D
    await child(db, 'C', '2015-01-01', 'U4', 'PR1') // 5 on D
    await child(db, 'D', '2006-01-01', 'K2', 'PR2')
    await setPlacementMapping(db, 'tester', { place: 'U4', placeProvider: 'PR1', ageFrom: 11, ageTo: 16, optionCode: 'FOSTER_PATHWAY' })
    expect((await costBaseline(db, D)).counts).toEqual({ FOSTER_INHOUSE: 1, FOSTER_PATHWAY: 2 })
    await expect(setPlacementMapping(db, 'tester', { place: 'U4', placeProvider: 'PR1', ageFrom: 14, ageTo: 18, optionCode: 'FOSTER_1TO1' })).rejects.toThrow(
      /aged 14–17 overlaps the mapping of U4\/PR1 aged 11–15 to FOSTER_PATHWAY/
    )
    const preview = await previewMapping(db, D)
    expect(preview.rows.filter((r) => r.children > 0)).toEqual([
      { place: 'U4', placeProvider: 'PR1', ageFrom: 0, ageTo: 99, optionCode: 'FOSTER_INHOUSE', children: 1 },
      { place: 'U4', placeProvider: 'PR1', ageFrom: 11, ageTo: 16, optionCode: 'FOSTER_PATHWAY', children: 2 }
    ])
    expect(preview.unmapped).toEqual([{ place: 'K2', placeProvider: 'PR2', children: 1 }])
    // A band from 0 sits beside the any-age row, and the narrower one wins.
    await setPlacementMapping(db, 'tester', { place: 'U4', placeProvider: 'PR1', ageFrom: 0, ageTo: 6, optionCode: 'FOSTER_1TO1' })
    expect((await costBaseline(db, D)).counts).toEqual({ FOSTER_1TO1: 1, FOSTER_PATHWAY: 2 })
    expect(preview.unmappedTotal).toBe(1)
    expect(JSON.stringify(preview)).not.toMatch(/Secret|Name|"A"|"B"/)
  })

  it('maps only to current placement options, and drops mappings to an option once retired', async () => {
    const { db } = await tempContext()
    await child(db, 'A', '2006-01-01', 'K2', 'PR2')
    await expect(setPlacementMapping(db, 'tester', { place: 'K2', placeProvider: 'PR2', optionCode: 'ART_HUB' })).rejects.toThrow(
      /ART_HUB is not a current placement option/
    )
    await expect(setPlacementMapping(db, 'tester', { place: 'K2', placeProvider: 'PR2', optionCode: 'MADE_UP' })).rejects.toThrow(
      /MADE_UP is not a current placement option/
    )
    await saveOption(db, 'tester', {
      code: 'RESI_OLA',
      label: 'Other LA home',
      kind: 'placement',
      retiredFrom: null,
      firstCost: { weekly: 3800, effectiveFrom: '2019-04-01', source: 'OLA invoice', isAssumption: false }
    })
    await setPlacementMapping(db, 'tester', { place: 'K2', placeProvider: 'PR2', optionCode: 'RESI_OLA' }, D)
    expect((await costBaseline(db, D)).counts).toEqual({ RESI_OLA: 1 })
    await saveOption(db, 'tester', { code: 'RESI_OLA', label: 'Other LA home', kind: 'placement', retiredFrom: '2020-01-01' })
    expect(await costBaseline(db, D)).toMatchObject({ counts: {}, unmappedTotal: 1 })
    expect((await costBaseline(db, '2019-12-31')).counts).toEqual({ RESI_OLA: 1 })
  })
})
