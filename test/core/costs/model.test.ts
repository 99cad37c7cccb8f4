import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { placementOptions, scenarioDefinition } from '../../../src/shared/api'
import { costBaseline } from '../../../src/main/core/costs/baseline'
import { importUnitCosts } from '../../../src/main/core/costs/importUnitCosts'
import { craftXlsx } from '../../helpers/zip'
import { fixedClock } from '../../../src/main/core/clock'
import { rejectedReport } from '../../../src/main/core/io/history'
import { setPlacementMapping } from '../../../src/main/core/costs/mapping'
import {
  analyse,
  compareScenarios,
  deleteScenario,
  draftScenario,
  duplicateScenario,
  listScenarios,
  saveScenario
} from '../../../src/main/core/costs/scenarios'
import { serviceAssumptions } from '../../../src/shared/service-assumptions'
import { setUnitCost, unitCostHistory, unitCostsOn } from '../../../src/main/core/costs/unitCosts'
import { trackerRows } from '../../../src/main/core/tracker/queries'
import type { Db } from '../../../src/main/core/store/db'
import { demoContext, tempContext } from '../../helpers/tmp'
import { itemAt } from '../../helpers/defined'

const auditRows = async (db: Db, entity: string) =>
  (await db.prepare('SELECT action, who, entity_id AS "entityId", before, after FROM audit_log WHERE entity = ? ORDER BY id').all(entity)) as {
    action: string
    who: string
    entityId: string
    before: string | null
    after: string | null
  }[]

describe('unit-cost table', () => {
  it('is seeded with the 2019-20 table, its source, and the labelled assumptions', async () => {
    const { db } = await tempContext()
    const rows = await unitCostsOn(db, '2020-03-31')
    expect(rows.map((r) => r.optionCode)).toEqual([...placementOptions])
    for (const row of rows) expect(row.annual).toBe(row.weekly * 52)
    const weekly = Object.fromEntries(rows.map((r) => [r.optionCode, r.weekly]))
    expect(weekly).toMatchObject({
      SGO: 180,
      KINSHIP: 344.5,
      FOSTER_INHOUSE: 549,
      FOSTER_PATHWAY: 855,
      FOSTER_1TO1: 1075,
      IFA: 800,
      IFA_HIGH: 1100,
      STAYING_PUT: 275,
      SUPPORTED_LODGINGS: 385,
      EXTERNAL_16PLUS: 1250,
      RESIDENTIAL_EXTERNAL: 4100
    })
    expect(rows.find((r) => r.optionCode === 'KINSHIP')!.annual).toBe(17_914)
    expect(rows.find((r) => r.optionCode === 'RESIDENTIAL_EXTERNAL')!.annual).toBe(213_200)
    for (const row of rows.filter((r) => !r.isAssumption)) {
      expect(row.source).toBe('Care Placement Strategy 2018-21 / Children in Care & Permanence Annual Report 2019-20')
    }
    const assumed = rows.filter((r) => r.isAssumption)
    expect(assumed.map((r) => [r.optionCode, r.basis, r.capacity])).toEqual([
      ['RESIDENTIAL_INHOUSE', 'per_child', null],
      ['ART_HUB', 'per_service', 3],
      ['MFP', 'per_unit', 3]
    ])
    for (const row of assumed) expect(`${row.label} ${row.source}`).toMatch(/ASSUM/)
    expect(await unitCostsOn(db, '2019-03-31')).toEqual([])
  })

  it('keeps costs effective-dated and audits every change', async () => {
    const ctx = await tempContext()
    const added = await setUnitCost(ctx.db, 'tester', { optionCode: 'IFA', weekly: 820, effectiveFrom: '2020-04-01', source: 'Finance 2020-21 budget' })
    expect(added).toMatchObject({ optionCode: 'IFA', weekly: 820, annual: 42_640, label: 'IFA', isAssumption: false })
    expect((await unitCostsOn(ctx.db, '2020-03-31')).find((r) => r.optionCode === 'IFA')!.weekly).toBe(800)
    expect((await unitCostsOn(ctx.db, '2020-04-01')).find((r) => r.optionCode === 'IFA')!.weekly).toBe(820)
    await setUnitCost(ctx.db, 'tester', { optionCode: 'IFA', weekly: 825, effectiveFrom: '2020-04-01', source: 'Finance 2020-21 budget (revised)' })
    await setUnitCost(ctx.db, 'tester', { optionCode: 'IFA', weekly: 825, effectiveFrom: '2020-04-01', source: 'Finance 2020-21 budget (revised)' })
    expect((await unitCostHistory(ctx.db, 'IFA')).map((r) => [r.effectiveFrom, r.weekly])).toEqual([
      ['2020-04-01', 825],
      ['2019-04-01', 800]
    ])
    const log = await auditRows(ctx.db, 'unit_cost')
    expect(log.map((l) => [l.action, l.who])).toEqual([
      ['unit_cost.insert', 'tester'],
      ['unit_cost.update', 'tester']
    ])
    expect(JSON.parse(itemAt(log, 1).before!).weekly).toBe(820)
    expect(JSON.parse(itemAt(log, 1).after!).weekly).toBe(825)
  })

  it('imports a finance workbook through a column mapping and reports rows it cannot use', async () => {
    const ctx = await tempContext()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Rates 2020-21')
    ws.addRow(['Placement type', 'Weekly rate', 'From', 'Note'])
    ws.addRow(['IFA', '£820.50', new Date(Date.UTC(2020, 3, 1)), 'Budget book p.12'])
    ws.addRow(['Residential – external', 4300, '01/04/2020', ''])
    ws.addRow(['Unicorn care', 1, '2020-04-01', ''])
    ws.addRow(['SGO', 'tbc', '2020-04-01', ''])
    ws.addRow(['KINSHIP', 350, '31/02/2020', ''])
    ws.addRow(['FOSTER_INHOUSE', -5, '2020-04-01', ''])
    ws.addRow(['STAYING_PUT', 2e9, '2020-04-01', ''])
    const content = Buffer.from(await wb.xlsx.writeBuffer())
    const summary = await importUnitCosts(ctx.db, 'tester', {
      fileName: 'rates.xlsx',
      content,
      columns: { optionCode: 'placement type', weekly: 'Weekly rate', effectiveFrom: 'C', source: 'Note' },
      source: 'Finance rates 2020-21'
    })
    expect(summary).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 })
    expect(summary.rejected).toEqual([
      { file: 'rates.xlsx', row: 4, column: 'Placement type', value: 'Unicorn care', reason: expect.stringMatching(/not an option code/) },
      { file: 'rates.xlsx', row: 5, column: 'Weekly rate', value: 'tbc', reason: expect.stringMatching(/not a weekly cost/) },
      { file: 'rates.xlsx', row: 6, column: 'From', value: '31/02/2020', reason: expect.stringMatching(/not a date/) },
      { file: 'rates.xlsx', row: 7, column: 'Weekly rate', value: '-5', reason: 'a weekly cost cannot be below £0' },
      { file: 'rates.xlsx', row: 8, column: 'Weekly rate', value: '2000000000', reason: 'more than £1,000,000,000 a week: is this the weekly cost?' }
    ])
    const costs = Object.fromEntries((await unitCostsOn(ctx.db, '2020-04-01')).map((r) => [r.optionCode, r]))
    expect(costs.IFA).toMatchObject({ weekly: 820.5, source: 'Budget book p.12' })
    expect(costs.RESIDENTIAL_EXTERNAL).toMatchObject({ weekly: 4300, source: 'Finance rates 2020-21' })
    expect((await auditRows(ctx.db, 'unit_cost')).map((l) => l.action)).toEqual(['unit_cost.insert.import', 'unit_cost.insert.import'])
    expect(await ctx.db.prepare('SELECT kind, inserted, rejected FROM import_batch').get()).toEqual({ kind: 'costs', inserted: 2, rejected: 5 })
    await expect(
      importUnitCosts(ctx.db, 'tester', {
        fileName: 'rates.xlsx',
        content,
        columns: { optionCode: 'Code', weekly: 'Weekly rate' },
        effectiveFrom: '2020-04-01'
      })
    ).rejects.toThrow('rates.xlsx: column "Code" (optionCode) not found in row 1; it has "Placement type", "Weekly rate", "From", "Note"')
    await expect(
      importUnitCosts(ctx.db, 'tester', {
        fileName: 'notes.txt',
        content: Buffer.from('hello'),
        columns: { optionCode: 'A', weekly: 'B' },
        effectiveFrom: '2020-04-01'
      })
    ).rejects.toThrow('notes.txt: column "B" (weekly) not found in row 1; it has "hello"')
    await expect(
      importUnitCosts(ctx.db, 'tester', {
        fileName: 'rates.xlsx',
        content,
        sheet: 'Rates 2021-22',
        columns: { optionCode: 'A', weekly: 'B' },
        effectiveFrom: '2020-04-01'
      })
    ).rejects.toThrow('rates.xlsx: has no sheet named "Rates 2021-22"; its sheets are "Rates 2020-21"')
  })
})

describe('unit-cost sheets through the import reader', () => {
  it('reads a CSV sheet as the other imports do, and a dry run counts without writing', async () => {
    const ctx = await tempContext()
    const csv = Buffer.from('Code,Weekly,From,Note\r\nIFA,"£830.00",01/04/2020,Budget 2020-21\r\nSGO,tbc,01/04/2020,\r\nKINSHIP,350,2020-04-01,\r\n')
    const input = { fileName: 'rates.csv', content: csv, columns: { optionCode: 'Code', weekly: 'B', effectiveFrom: 'From', source: 'Note' } }
    const before = await ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()
    const preview = await importUnitCosts(ctx.db, 'tester', input, { dryRun: true })
    expect(preview).toEqual({
      fileName: 'rates.csv',
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: [{ file: 'rates.csv', row: 3, column: 'Weekly', value: 'tbc', reason: 'not a weekly cost in pounds (e.g. 549 or £1,250.00)' }]
    })
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(before)
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM import_batch').pluck().get()).toBe(0)
    expect(await importUnitCosts(ctx.db, 'tester', input)).toEqual(preview)
    expect((await unitCostsOn(ctx.db, '2020-04-01')).find((r) => r.optionCode === 'IFA')).toMatchObject({ weekly: 830, source: 'Budget 2020-21' })
    expect(await importUnitCosts(ctx.db, 'tester', input, { dryRun: true })).toMatchObject({ inserted: 0, unchanged: 2 })
  })

  it('records the import at its clock, with a rejected-row report that names the file', async () => {
    const ctx = await tempContext()
    const at = '2020-04-02T09:30:00.000Z'
    const content = craftXlsx([
      {
        name: 'Rates',
        rows: [
          ['Code', 'Weekly'],
          ['IFA', '830'],
          ['Unicorn care', '1']
        ]
      }
    ])
    await importUnitCosts(
      ctx.db,
      'tester',
      { fileName: 'rates.xlsx', content, columns: { optionCode: 'Code', weekly: 'Weekly' }, effectiveFrom: '2020-04-01' },
      { clock: fixedClock(at) }
    )
    const batch = (await ctx.db.prepare('SELECT id, imported_at AS "importedAt" FROM import_batch WHERE kind = \'costs\'').get()) as {
      id: number
      importedAt: string
    }
    expect(batch.importedAt).toBe(at)
    expect(await ctx.db.prepare("SELECT at FROM audit_log WHERE entity = 'unit_cost'").pluck().all()).toEqual([at])
    const report = (await rejectedReport(ctx.db, batch.id, 'csv')).content.toString('utf8')
    expect(report).toMatch(/^\uFEFFtype,file,row,column,value,reason\r\nrejected,rates\.xlsx,3,Code,Unicorn care,"not an option code/)
  })

  it('reads an inline-string workbook, and rejects error cells, control characters and over-long text by row', async () => {
    const ctx = await tempContext()
    const content = craftXlsx(
      [
        {
          name: 'Rates',
          rows: [
            ['Code', 'Weekly'],
            ['IFA', '830'],
            ['SGO', { attrs: 't="e"', inner: '<f>A1/0</f><v>#DIV/0!</v>' }],
            ['KIN\u0000SHIP', '350'],
            ['x'.repeat(101), '1']
          ]
        }
      ],
      { absolute: true }
    )
    const summary = await importUnitCosts(ctx.db, 'tester', {
      fileName: 'rates.xlsx',
      content,
      columns: { optionCode: 'Code', weekly: 'Weekly' },
      effectiveFrom: '2020-04-01'
    })
    expect(summary.inserted).toBe(1)
    expect(summary.rejected).toEqual([
      { file: 'rates.xlsx', row: 3, column: 'Weekly', value: '#DIV/0!', reason: 'Weekly: the cell shows the spreadsheet error #DIV/0! (formula =A1/0)' },
      { file: 'rates.xlsx', row: 4, column: 'Code', value: 'KIN\\u0000SHIP', reason: 'Code contains a control character (U+0000), which no typed text holds' },
      { file: 'rates.xlsx', row: 5, column: 'Code', value: `${'x'.repeat(60)}… (101 characters)`, reason: 'Code is 101 characters long; it can be at most 100' }
    ])
  })
})

describe('baseline from the data', () => {
  const D = '2020-03-31'
  let seq = 0
  const child = async (
    db: Db,
    id: string,
    dob: string,
    episodes: [decom: string, dec: string | null, ls: string, place: string, provider: string, rec: string | null][]
  ): Promise<void> => {
    await db.prepare("INSERT INTO child (child_id, sex, dob, given_name, family_name) VALUES (?, 1, ?, 'Secret', 'Name')").run(id, dob)
    for (const [decom, dec, ls, place, provider, rec] of episodes) {
      await db
        .prepare('INSERT INTO episode (child_id, decom, dec, ls, place, place_provider, rec, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, decom, dec, ls, place, provider, rec, ++seq)
    }
  }

  it('counts looked-after children per mapped option, plus Staying Put and SGO arrangements', async () => {
    const { db } = await tempContext()
    await child(db, 'C01', '2010-01-01', [['2019-01-01', null, 'C2', 'U4', 'PR1', null]])
    await child(db, 'C02', '2010-01-01', [['2019-01-01', null, 'C2', 'U6', 'PR4', null]])
    await child(db, 'C03', '2010-01-01', [['2019-01-01', null, 'C2', 'U2', 'PR1', null]])
    await child(db, 'C04', '2006-01-01', [['2019-01-01', null, 'C2', 'K2', 'PR4', null]])
    await child(db, 'C05', '2006-01-01', [['2019-01-01', null, 'C2', 'K2', 'PR1', null]])
    await child(db, 'C06', '2003-01-01', [['2019-01-01', null, 'V2', 'H5', 'PR1', null]])
    await child(db, 'C07', '2003-01-01', [['2019-01-01', null, 'V2', 'P2', 'PR4', null]])
    await child(db, 'C08', '2012-01-01', [['2019-01-01', null, 'C2', 'P1', 'PR0', null]])
    await child(db, 'C09', '2012-01-01', [['2019-01-01', D, 'C2', 'U4', 'PR1', 'E4A']])
    await child(db, 'C10', '2012-01-01', [['2020-03-31', null, 'V2', 'U4', 'PR5', null]])
    await child(db, 'C11', '2012-01-01', [['2020-01-01', null, 'V3', 'U4', 'PR1', null]])
    await child(db, 'C12', '2007-01-01', [
      ['2018-01-01', null, 'C2', 'U4', 'PR1', null],
      ['2019-06-01', null, 'C2', 'R1', 'PR4', null]
    ])
    await child(db, 'C13', '2001-05-01', [['2015-01-01', '2019-05-01', 'C2', 'U4', 'PR1', 'E17']])
    await child(db, 'C14', '1999-03-31', [['2012-01-01', '2017-03-31', 'C2', 'U4', 'PR1', 'E17']])
    await child(db, 'C15', '2001-02-01', [
      ['2015-01-01', '2019-02-01', 'C2', 'U4', 'PR1', 'E17'],
      ['2019-09-01', null, 'V2', 'U4', 'PR1', null]
    ])
    await child(db, 'C16', '2008-01-01', [['2015-01-01', '2019-01-01', 'C2', 'U1', 'PR1', 'E45']])
    await child(db, 'C17', '2002-04-10', [['2015-01-01', '2020-04-10', 'C2', 'U6', 'PR4', 'E17']])
    await child(db, 'C18', '2015-01-01', [['2021-01-01', null, 'C2', 'U4', 'PR1', null]])
    // A short break running alongside a care order does not hide the order (the tracker's rule).
    await child(db, 'C19', '2012-01-01', [
      ['2018-01-01', null, 'C2', 'U4', 'PR1', null],
      ['2020-01-01', null, 'V3', 'R3', 'PR3', null]
    ])

    const baseline = await costBaseline(db, D)
    expect(baseline.counts).toEqual({
      FOSTER_INHOUSE: 3,
      IFA: 3,
      KINSHIP: 1,
      RESIDENTIAL_INHOUSE: 1,
      RESIDENTIAL_EXTERNAL: 2,
      SUPPORTED_LODGINGS: 1,
      EXTERNAL_16PLUS: 1,
      STAYING_PUT: 1,
      SGO: 1
    })
    expect(baseline.lookedAfter).toBe(13)
    expect(baseline.notCosted).toBe(1)
    expect(baseline.unmapped).toEqual([])
    expect(baseline.unmappedTotal).toBe(0)
    expect(baseline.rules.join(' ')).toMatch(/E17.*under 21/)
    expect(JSON.stringify(baseline)).not.toMatch(/Secret|Name|C0|C1/)
  })

  it('counts SGOs made under the older leaving codes only in the years those codes meant SGO', async () => {
    const { db } = await tempContext()
    // E44 on a DEC in 2018-19 (code list 2019 carries it) and E43 in 2016: both SGOs, under 18 on D.
    await child(db, 'S1', '2010-01-01', [['2015-01-01', '2019-02-01', 'C2', 'U1', 'PR1', 'E44']])
    await child(db, 'S2', '2009-01-01', [['2014-01-01', '2016-06-01', 'C2', 'U4', 'PR1', 'E43']])
    // E44 after the 2020 return dropped it is not an SGO; an E44 SGO now over 18 has no allowance.
    await child(db, 'S3', '2010-01-01', [['2015-01-01', '2019-06-01', 'C2', 'U1', 'PR1', 'E44']])
    await child(db, 'S4', '2001-01-01', [['2012-01-01', '2018-01-01', 'C2', 'U1', 'PR1', 'E44']])
    await child(db, 'S5', '2011-01-01', [['2016-01-01', '2019-12-01', 'C2', 'U2', 'PR1', 'E47']])
    expect((await costBaseline(db, D)).counts).toEqual({ SGO: 3 })
  })

  it("maps council-run children's homes to in-house residential at a labelled assumption", async () => {
    const { db } = await tempContext()
    const row = (await unitCostsOn(db, D)).find((r) => r.optionCode === 'RESIDENTIAL_INHOUSE')!
    expect(row).toMatchObject({ isAssumption: true, basis: 'per_child' })
    expect(row.source).toMatch(/^ASSUMPTION/)
    await child(db, 'H1', '2006-01-01', [['2019-01-01', null, 'C2', 'R1', 'PR1', null]])
    await child(db, 'H2', '2006-01-01', [['2019-01-01', null, 'C2', 'K2', 'PR2', null]])
    expect(await costBaseline(db, D)).toMatchObject({ counts: { RESIDENTIAL_INHOUSE: 1 }, unmapped: [{ place: 'K2', placeProvider: 'PR2', children: 1 }] })
  })

  it('follows the editable mapping, exact provider before any provider, with audit', async () => {
    const { db } = await tempContext()
    await child(db, 'A', '2006-01-01', [['2019-01-01', null, 'C2', 'K2', 'PR2', null]])
    await child(db, 'B', '2010-01-01', [['2019-01-01', null, 'C2', 'U1', 'PR4', null]])
    expect((await costBaseline(db, D)).unmappedTotal).toBe(1)
    await setPlacementMapping(db, 'tester', { place: 'K2', placeProvider: 'PR2', optionCode: 'RESIDENTIAL_EXTERNAL' })
    await setPlacementMapping(db, 'tester', { place: 'U1', placeProvider: 'PR4', optionCode: 'IFA' })
    expect(await costBaseline(db, D)).toMatchObject({ counts: { RESIDENTIAL_EXTERNAL: 1, IFA: 1 }, unmappedTotal: 0 })
    await setPlacementMapping(db, 'tester', { place: 'U1', placeProvider: 'PR4', optionCode: null })
    expect((await costBaseline(db, D)).counts).toEqual({ RESIDENTIAL_EXTERNAL: 1, KINSHIP: 1 })
    expect((await auditRows(db, 'placement_mapping')).map((l) => [l.action, l.entityId, l.who])).toEqual([
      ['placement_mapping.set', 'K2/PR2', 'tester'],
      ['placement_mapping.set', 'U1/PR4', 'tester'],
      ['placement_mapping.remove', 'U1/PR4', 'tester']
    ])
  })

  it('counts exactly the children the tracker finds looked after, in the same placements', async () => {
    const { db } = await demoContext({ asOf: D, lookedAfter: 300 }, '2020-03-31')
    for (const date of ['2017-06-30', '2019-01-15', D]) {
      const b = await costBaseline(db, date)
      const rows = await trackerRows(db, date)
      expect(b.lookedAfter).toBe(rows.length)
      const tracker = new Map<string, number>()
      for (const r of rows) tracker.set(`${r.placement}/${r.placementProvider}`, (tracker.get(`${r.placement}/${r.placementProvider}`) ?? 0) + 1)
      const unmapped = Object.fromEntries(b.unmapped.map((u) => [`${u.place}/${u.placeProvider}`, u.children]))
      for (const [key, n] of Object.entries(unmapped)) expect(tracker.get(key)).toBe(n)
      expect(tracker.get('K2/PR4')! + tracker.get('R1/PR4')! + (tracker.get('K2/PR5') ?? 0) + (tracker.get('R1/PR5') ?? 0)).toBe(b.counts.RESIDENTIAL_EXTERNAL)
      const ifa = [...tracker].filter(([k]) => /^U[4-6]\/PR[45]$/.test(k)).reduce((n, [, v]) => n + v, 0)
      expect(ifa).toBe(b.counts.IFA ?? 0)
    }
  })

  it('accounts for every looked-after child of the demo cohort', async () => {
    const { db } = await demoContext({ asOf: D }, '2020-03-31')
    const b = await costBaseline(db, D)
    const placed = Object.entries(b.counts)
      .filter(([k]) => k !== 'STAYING_PUT' && k !== 'SGO')
      .reduce((n, [, v]) => n + v, 0)
    expect(placed + b.notCosted + b.unmappedTotal).toBe(b.lookedAfter)
    expect(b.lookedAfter).toBeGreaterThan(600)
    expect(b.counts.IFA).toBeGreaterThan(100)
    expect(b.counts.RESIDENTIAL_EXTERNAL).toBeGreaterThan(20)
    expect(b.counts.STAYING_PUT).toBeGreaterThan(0)
  })
})

describe('saved scenarios', () => {
  const definition = scenarioDefinition.parse({
    name: 'Step down',
    years: 3,
    baseline: { RESIDENTIAL_EXTERNAL: 3 },
    proposed: { ART_HUB: 3 },
    services: { ART_HUB: { beds: 3, fixedAnnual: 500_000 } }
  })

  it('are saved, renamed, duplicated, compared and deleted with audit', async () => {
    const ctx = await tempContext()
    const saved = await saveScenario(ctx.db, 'tester', { definition })
    await expect(saveScenario(ctx.db, 'tester', { definition })).rejects.toThrow(/"Step down" already exists/)
    const copy = await duplicateScenario(ctx.db, 'tester', saved.id, 'Step down (bigger hub)')
    expect(copy.definition).toEqual({ ...definition, name: 'Step down (bigger hub)' })
    const updated = await saveScenario(ctx.db, 'tester', {
      id: copy.id,
      definition: { ...copy.definition, services: { ART_HUB: { beds: 4, fixedAnnual: 600_000 } }, proposed: { ART_HUB: 3 } }
    })
    expect(updated.definition.services.ART_HUB!.beds).toBe(4)
    expect((await listScenarios(ctx.db)).map((s) => s.name)).toEqual(['Step down', 'Step down (bigger hub)'])
    const [a, b] = await compareScenarios(ctx.db, [saved.id, copy.id], '2020-03-31')
    expect(a?.total.baseline).toBeCloseTo(3 * 213_200 * 3, 6)
    expect(a?.total.saving).toBeCloseTo(3 * (639_600 - 500_000), 6)
    expect(b?.total.saving).toBeCloseTo(3 * (639_600 - 600_000), 6)
    await deleteScenario(ctx.db, 'tester', saved.id)
    expect((await listScenarios(ctx.db)).map((s) => s.id)).toEqual([copy.id])
    await expect(compareScenarios(ctx.db, [saved.id], '2020-03-31')).rejects.toThrow(`No saved scenario with id ${saved.id}`)
    expect((await auditRows(ctx.db, 'cost_scenario')).map((l) => l.action)).toEqual([
      'cost_scenario.create',
      'cost_scenario.duplicate',
      'cost_scenario.update',
      'cost_scenario.delete'
    ])
  })

  it('start from a draft: the data mix on both sides and no new service yet (no change to cost)', async () => {
    const { db } = await demoContext({ asOf: '2020-03-31', lookedAfter: 80 })
    const draft = await draftScenario(db, '2020-03-31')
    const counts = (await costBaseline(db, '2020-03-31')).counts
    expect(draft).toMatchObject({ name: 'Scenario from 31/03/2020', years: 5, weeksPerYear: 52, baseline: counts, proposed: counts, costsAsOf: '2020-03-31' })
    expect(draft.services).toEqual({})
    expect((await analyse(db, draft, '2020-03-31')).total.saving).toBe(0)
    // Switched on, a service starts at the unit-cost table's stated assumptions.
    expect(serviceAssumptions(await unitCostsOn(db, '2020-03-31'))).toEqual({
      ART_HUB: { beds: 3, fixedAnnual: 11_500 * 52 },
      MFP: { units: 1, placesPerUnit: 3, fixedAnnualPerUnit: 3000 * 52 }
    })
  })
})
