import { describe, expect, it } from 'vitest'
import { createDemo } from '../../../src/main/core/demo/load'
import { importTracker } from '../../../src/main/core/io/tracker/import'
import { trackerMapping as mappingSchema } from '../../../src/shared/api'
import type { Context } from '../../../src/main/core/context'
import { dumpData, dumpDb } from '../../helpers/dump'
import { trackerMapping, writeTrackerXlsx, type TrackerRow } from '../../helpers/fixturesTracker'
import { tempContext, tempDir } from '../../helpers/tmp'
import { defined, firstOf, itemAt } from '../../helpers/defined'

const mapping = mappingSchema.parse(trackerMapping)

async function withChildren(): Promise<{ ctx: Context; ids: string[] }> {
  const ctx = await tempContext('2020-03-31')
  await createDemo(ctx.db, { asOf: '2020-03-31', lookedAfter: 20, seed: 5, childrenOnly: true }, 'tester')
  const ids = (await ctx.db.prepare('SELECT child_id FROM child ORDER BY child_id LIMIT 5').pluck().all()) as string[]
  return { ctx, ids }
}

describe('legacy tracker import', () => {
  it('maps custom headers and words to decisions and oversight entries, with Excel and text dates', async () => {
    const { ctx, ids } = await withChildren()
    const rows: TrackerRow[] = [
      { child: firstOf(ids), date: new Date(Date.UTC(2019, 10, 14)), outcome: 'Endorsed', notes: 'Carers committed' },
      { child: itemAt(ids, 1), date: '03/12/2019', outcome: ' not endorsed ', notes: '=cmd|calc' },
      { child: itemAt(ids, 2), date: '15/01/20', outcome: 'Mgmt oversight', manager: 'A Manager (fictional)' },
      { child: itemAt(ids, 3), date: new Date(Date.UTC(2020, 0, 9)), outcome: 'Adjourned' }
    ]
    const path = await writeTrackerXlsx(tempDir(), rows)
    const summary = await importTracker(ctx, { name: 'tracker.xlsx', path }, mapping)
    expect(summary).toMatchObject({ inserted: 4, unchanged: 0, rejected: [] })
    const decisions = await ctx.db
      .prepare("SELECT child_id, decision_date, outcome, reasons, source, recorded_by FROM decision WHERE source = 'import' ORDER BY decision_date")
      .all()
    expect(decisions).toEqual([
      { child_id: ids[0], decision_date: '2019-11-14', outcome: 'agreed', reasons: 'Carers committed', source: 'import', recorded_by: 'tester' },
      { child_id: ids[1], decision_date: '2019-12-03', outcome: 'not_agreed', reasons: '=cmd|calc', source: 'import', recorded_by: 'tester' },
      { child_id: ids[3], decision_date: '2020-01-09', outcome: 'deferred', reasons: null, source: 'import', recorded_by: 'tester' }
    ])
    expect(await ctx.db.prepare("SELECT child_id, entry_date, manager, source FROM oversight_entry WHERE source = 'import'").all()).toEqual([
      { child_id: ids[2], entry_date: '2020-01-15', manager: 'A Manager (fictional)', source: 'import' }
    ])
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'import.tracker.insert'").pluck().get()).toBe(4)
    // The tracker is ready: nothing is left for its next read to recompute, and the decisions count.
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM tracker_dirty').pluck().get()).toBe(0)
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM tracker_span WHERE child_id = ? AND decision_date = '2019-11-14'").pluck().get(ids[0])).toBeGreaterThan(0)
  })

  it('rejects unknown children, dates that do not parse and unmapped outcomes, and imports the rest', async () => {
    const { ctx, ids } = await withChildren()
    const path = await writeTrackerXlsx(tempDir(), [
      { child: 'NOBODY', date: '01/01/2020', outcome: 'Endorsed' },
      { child: firstOf(ids), date: '32/01/2020', outcome: 'Endorsed' },
      { child: itemAt(ids, 1), date: '01/02/2020', outcome: 'Maybe' },
      { child: itemAt(ids, 2), date: '01/02/2020', outcome: 'Endorsed' }
    ])
    const summary = await importTracker(ctx, { name: 'tracker.xlsx', path }, mapping)
    expect(summary.inserted).toBe(1)
    expect(summary.rejected).toEqual([
      { file: 'tracker.xlsx', row: 4, column: 'LAC Ref', value: 'NOBODY', reason: expect.stringMatching(/no child with ID NOBODY/) },
      { file: 'tracker.xlsx', row: 5, column: 'Date of panel / review', value: '32/01/2020', reason: expect.stringMatching(/not a date/) },
      { file: 'tracker.xlsx', row: 6, column: 'Result', value: 'Maybe', reason: '"Maybe" is not mapped to an outcome' }
    ])
  })

  it('shows a rejected date cell the UK way, as the sheet shows it, not as ISO', async () => {
    const { ctx, ids } = await withChildren()
    const path = await writeTrackerXlsx(tempDir(), [{ child: firstOf(ids), date: new Date(Date.UTC(2020, 5, 17)), outcome: 'Endorsed' }])
    const summary = await importTracker(ctx, { name: 'tracker.xlsx', path }, mapping)
    expect(summary.rejected).toEqual([
      { file: 'tracker.xlsx', row: 4, column: 'Date of panel / review', value: '17/06/2020', reason: expect.stringMatching(/in the future/) }
    ])
  })

  it('refuses a tracker saved with semicolons, saying so, and writes nothing', async () => {
    const { ctx, ids } = await withChildren()
    const before = await dumpDb(ctx.db)
    const csv = ['Permanence tracker', '', 'LAC Ref;Date of panel / review;Result', `${firstOf(ids)};14/11/2019;Endorsed`].join('\r\n')
    await expect(importTracker(ctx, { name: 'tracker.csv', content: Buffer.from(csv) }, mapping)).rejects.toThrow(
      /^tracker\.csv: columns .* not found in row 3; it has "LAC Ref;Date of panel \/ review;Result" \(its columns are separated by semicolons \(;\), not commas; save it again as "CSV UTF-8 \(comma delimited\)"/
    )
    expect(await dumpDb(ctx.db)).toEqual(before)
  })

  it('changes nothing when the same tracker is imported again, and a dry run writes nothing', async () => {
    const { ctx, ids } = await withChildren()
    const path = await writeTrackerXlsx(tempDir(), [
      { child: firstOf(ids), date: '01/02/2020', outcome: 'Endorsed' },
      { child: itemAt(ids, 1), date: '02/02/2020', outcome: 'Tracked at supervision', notes: 'Reviewed' }
    ])
    const before = await dumpDb(ctx.db)
    expect(await importTracker(ctx, { name: 't.xlsx', path }, mapping, { dryRun: true })).toMatchObject({ inserted: 2, batchId: null })
    expect(await dumpDb(ctx.db)).toEqual(before)
    await importTracker(ctx, { name: 't.xlsx', path }, mapping)
    const data = await dumpData(ctx.db)
    const { import_batch: batchesBefore, audit_log: auditBefore } = await dumpDb(ctx.db)
    const again = await importTracker(ctx, { name: 't.xlsx', path }, mapping)
    expect(again).toMatchObject({ inserted: 0, unchanged: 2, batchId: expect.any(Number) })
    const { import_batch: batchesAfter, audit_log: auditAfter } = await dumpDb(ctx.db)
    expect(await dumpData(ctx.db)).toEqual(data)
    // Nothing changed, but the import is in the history so its report can be downloaded.
    expect(batchesAfter).toHaveLength(defined(batchesBefore, 'batchesBefore').length + 1)
    expect(batchesAfter?.at(-1)).toMatchObject({ kind: 'tracker', inserted: 0, unchanged: 2 })
    expect(auditAfter?.slice(defined(auditBefore, 'auditBefore').length)).toEqual([expect.objectContaining({ action: 'import.tracker' })])
  })

  it('reads a CSV tracker, and names the missing column when the mapping does not fit', async () => {
    const { ctx, ids } = await withChildren()
    const csv = `Child,When,Decision\r\n${ids[0]},1/12/19,Endorsed\r\n${ids[1]},2020-02-01,Adjourned\r\n`
    const csvMapping = mappingSchema.parse({
      headerRow: 1,
      columns: { childId: 'Child', date: 'When', outcome: 'Decision' },
      values: { outcome: { agreed: ['Endorsed'], deferred: ['Adjourned'] } }
    })
    const summary = await importTracker(ctx, { name: 't.csv', content: Buffer.from(csv) }, csvMapping)
    expect(summary).toMatchObject({ inserted: 2, rejected: [] })
    expect(await ctx.db.prepare("SELECT decision_date FROM decision WHERE source = 'import' ORDER BY id").pluck().all()).toEqual(['2019-12-01', '2020-02-01'])
    const wrong = mappingSchema.parse({ ...csvMapping, columns: { ...csvMapping.columns, outcome: 'Outcome' } })
    await expect(importTracker(ctx, { name: 't.csv', content: Buffer.from(csv) }, wrong)).rejects.toThrow(
      /column "Outcome" \(outcome\) not found in row 1; it has "Child", "When", "Decision"/
    )
  })

  it('rejects dates no child can have: before birth, before 1990, digits as a day count; and unreadable or over-long fields', async () => {
    const { ctx } = await withChildren()
    const young = firstOf(
      (await ctx.db.prepare("SELECT child_id, dob FROM child WHERE dob > '2015-01-01' ORDER BY child_id LIMIT 1").all()) as {
        child_id: string
        dob: string
      }[]
    )
    const dayBefore = new Date(Date.parse(`${young.dob}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    const uk = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
    const csv = [
      'Child,When,Decision,Notes',
      `${young.child_id},${uk(dayBefore)},Endorsed,`,
      `${young.child_id},${uk(dayBefore)},Supervision,`,
      `${young.child_id},01/01/1899,Endorsed,`,
      `${young.child_id},12345,Endorsed,`,
      `${young.child_id},01/02/2020,Endorsed,"bell\u0007"`,
      `${young.child_id},01/02/2020,Endorsed,"${'n'.repeat(10_001)}"`,
      `${young.child_id},01/02/2020,Endorsed,"two\nlines are fine"`
    ].join('\r\n')
    const mapping = mappingSchema.parse({
      headerRow: 1,
      columns: { childId: 'Child', date: 'When', outcome: 'Decision', notes: 'Notes' },
      values: { outcome: { agreed: ['Endorsed'], oversight: ['Supervision'] } }
    })
    const before = await dumpDb(ctx.db)
    const summary = await importTracker(ctx, { name: 't.csv', content: Buffer.from(csv) }, mapping, { dryRun: true })
    expect(summary.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([
      [2, 'When', `date ${uk(dayBefore)} is before the child's birth (DOB ${uk(young.dob)})`],
      [3, 'When', `date ${uk(dayBefore)} is before the child's birth (DOB ${uk(young.dob)})`],
      [4, 'When', 'date 01/01/1899 is before 01/01/1990, earlier than any date in the record of a child in care today'],
      [5, 'When', 'date 12345 is not a date (expected DD/MM/YYYY or a date cell)'],
      [6, 'Notes', 'Notes contains a control character (U+0007), which no typed text holds'],
      [7, 'Notes', 'Notes is 10,001 characters long; it can be at most 10,000']
    ])
    expect(summary.inserted).toBe(1)
    expect(await dumpDb(ctx.db)).toEqual(before)
  })
})
