import { describe, expect, it } from 'vitest'
import { getChild, listChildren } from '../../../src/main/core/children/queries'
import { importCarers } from '../../../src/main/core/io/carers/import'
import { rejectedReport } from '../../../src/main/core/io/history'
import { childPlacements, currentCarers, linkPlacementCarer } from '../../../src/main/core/placements/placements'
import { trackerRows } from '../../../src/main/core/tracker/queries'
import { carersMapping as mappingSchema } from '../../../src/shared/api'
import type { Context } from '../../../src/main/core/context'
import { dumpData, dumpDb } from '../../helpers/dump'
import { carersCsv, carersMapping, writeCarersXlsx } from '../../helpers/fixturesCarers'
import { testEngine } from '../../helpers/postgres'
import { tempContext, tempDir } from '../../helpers/tmp'
import { insertHistory } from '../tracker/history'

const mapping = mappingSchema.parse(carersMapping)

/** Two children: A moved to new carers (P) then changed house with them (T); B in one placement. */
async function withChildren(): Promise<Context> {
  const ctx = await tempContext('2020-03-31')
  await insertHistory(ctx.db, 'A', {
    episodes: [
      ['2018-01-01', '2019-02-01', 'S', 'C2'],
      ['2019-02-01', '2019-08-01', 'P', 'C2'],
      ['2019-08-01', null, 'T', 'C2']
    ]
  })
  await insertHistory(ctx.db, 'B', { episodes: [['2019-05-01', null, 'S', 'V2']] })
  return ctx
}

describe('placements', () => {
  it('run from an S, P or B episode through T, U and L ones, newest first', async () => {
    const ctx = await withChildren()
    expect((await childPlacements(ctx.db, 'A')).map((p) => ({ start: p.start, end: p.end, episodes: p.episodes, known: p.startKnown }))).toEqual([
      { start: '2019-02-01', end: null, episodes: 2, known: true },
      { start: '2018-01-01', end: '2019-02-01', episodes: 1, known: true }
    ])
    expect((await currentCarers(ctx.db, 'A', '2019-09-01')).placement?.start).toBe('2019-02-01')
    expect((await currentCarers(ctx.db, 'A', '2017-01-01')).placement).toBeNull()
    await expect(linkPlacementCarer(ctx.db, 'tester', 'A', '2019-08-01', 1)).rejects.toThrow(
      /no placement of child A starts on 01\/08\/2019; its placements start on 01\/01\/2018, 01\/02\/2019/
    )
  })
})

describe('carers import', () => {
  it('links carers to placements by child and start date, adds each new carer once, and re-imports as unchanged', async () => {
    const ctx = await withChildren()
    const file = carersCsv([
      {
        child: 'A',
        start: '01/02/2019',
        carer: 'Robin Example',
        type: 'Agency carer',
        agency: 'Starling Fostering (fictional)',
        address: '1 Test Street, ZZ99 1AB'
      },
      { child: 'A', start: '01/02/2019', carer: 'Sam Example', type: 'agency carer', agency: 'Starling Fostering (fictional)' },
      { child: 'A', start: '01/01/2018', carer: 'Pat Earlier', type: 'LA foster carer' },
      { child: 'B', start: '31/02/2019', carer: 'Robin Example', type: 'Agency carer', agency: 'Starling Fostering (fictional)' }
    ])
    const dry = await importCarers(ctx, { name: 'carers.csv', content: file }, mapping, { dryRun: true })
    expect(dry).toMatchObject({ dryRun: true, inserted: 3, carersAdded: 3, batchId: null })
    expect(dry.rejected).toEqual([
      {
        file: 'carers.csv',
        row: 5,
        column: 'Placed from',
        value: '31/02/2019',
        reason: 'placement start 31/02/2019 is not a date: there is no such day (expected DD/MM/YYYY)'
      }
    ])
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM placement_carer').pluck().get()).toBe(0)

    const isoFile = carersCsv([
      {
        child: 'A',
        start: '01/02/2019',
        carer: 'Robin Example',
        type: 'Agency carer',
        agency: 'Starling Fostering (fictional)',
        address: '1 Test Street, ZZ99 1AB'
      },
      { child: 'A', start: '01/02/2019', carer: 'Sam Example', type: 'agency carer', agency: 'Starling Fostering (fictional)' },
      { child: 'A', start: '01/01/2018', carer: 'Pat Earlier', type: 'LA foster carer' },
      { child: 'B', start: '01/05/2019', carer: 'Robin Example', type: 'Agency carer', agency: 'Starling Fostering (fictional)' }
    ])
    const done = await importCarers(ctx, { name: 'carers.csv', content: isoFile }, mapping)
    expect(done).toMatchObject({ inserted: 4, unchanged: 0, carersAdded: 3, rejected: [] })
    expect(await ctx.db.prepare('SELECT name, kind, provider, address FROM carer ORDER BY name').all()).toEqual([
      { name: 'Pat Earlier', kind: 'inhouse', provider: null, address: null },
      { name: 'Robin Example', kind: 'ifa', provider: 'Starling Fostering (fictional)', address: '1 Test Street, ZZ99 1AB' },
      { name: 'Sam Example', kind: 'ifa', provider: 'Starling Fostering (fictional)', address: null }
    ])
    expect(await ctx.db.prepare('SELECT kind, inserted FROM import_batch').get()).toEqual({ kind: 'carers', inserted: 4 })
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'import.carers.link'").pluck().get()).toBe(4)
    // The tracker shows the current carers (after the T move, the same ones).
    expect((await trackerRows(ctx.db, '2020-03-31')).map((r) => [r.childId, r.carer])).toEqual([
      ['A', 'Robin Example and Sam Example'],
      ['B', 'Robin Example']
    ])
    // The child's episodes and the children list show them too, by placement.
    expect((await getChild(ctx.db, 'A')).episodeHistory.map((e) => e.carer)).toEqual([
      'Pat Earlier',
      'Robin Example and Sam Example',
      'Robin Example and Sam Example'
    ])
    expect((await listChildren(ctx.db, {})).map((c) => [c.childId, c.carer])).toEqual([
      ['A', 'Robin Example and Sam Example'],
      ['B', 'Robin Example']
    ])
    const after = await dumpData(ctx.db)
    // The re-import changes no data but is in the history, so its report can be downloaded.
    expect(await importCarers(ctx, { name: 'carers.csv', content: isoFile }, mapping)).toMatchObject({
      inserted: 0,
      unchanged: 4,
      carersAdded: 0,
      batchId: expect.any(Number)
    })
    expect(await dumpData(ctx.db)).toEqual(after)
    expect(await ctx.db.prepare("SELECT inserted, unchanged FROM import_batch WHERE kind = 'carers' ORDER BY id").all()).toEqual([
      { inserted: 4, unchanged: 0 },
      { inserted: 0, unchanged: 4 }
    ])
  })

  it('rejects each bad row with file, row, column, value and reason, and imports the rest', async () => {
    const ctx = await withChildren()
    const path = await writeCarersXlsx(tempDir(), [
      { child: 'NOBODY', start: '01/02/2019', carer: 'Robin Example' },
      { child: 'A', start: '01/08/2019', carer: 'Robin Example' },
      { child: 'A', start: new Date(Date.UTC(2019, 1, 1)), carer: '' },
      { child: 'A', start: '01/02/2019', carer: 'Robin Example', type: 'Wizard' },
      { child: 'A', start: '', carer: 'Robin Example' },
      { child: 'B', start: new Date(Date.UTC(2019, 4, 1)), carer: 'Kim Parent', type: 'Parent', address: '2 Test Road' }
    ])
    const summary = await importCarers(ctx, { name: 'carers.xlsx', path }, { ...mapping, sheet: 'Carers', headerRow: 2 })
    expect(summary.rejected).toEqual([
      { file: 'carers.xlsx', row: 3, column: 'Child ref', value: 'NOBODY', reason: 'no child with ID NOBODY is stored (import the 903 first)' },
      {
        file: 'carers.xlsx',
        row: 4,
        column: 'Placed from',
        value: '01/08/2019',
        reason: 'no placement of child A starts on 01/08/2019; its placements start on 01/01/2018, 01/02/2019'
      },
      { file: 'carers.xlsx', row: 5, column: 'Carer(s)', value: '', reason: 'carer name is blank' },
      {
        file: 'carers.xlsx',
        row: 6,
        column: 'Carer type',
        value: 'Wizard',
        reason:
          '"Wizard" is not a kind of carer: give one of In-house foster carer, IFA carer, Connected person / kinship, Residential provider, Parent, Other, or a word the mapping lists under one'
      },
      { file: 'carers.xlsx', row: 7, column: 'Placed from', value: '', reason: 'placement start is blank' }
    ])
    expect(summary).toMatchObject({ inserted: 1, carersAdded: 1, totals: { rejectedRows: 5 } })
    // The import history's report lists them as it does a 903 or tracker import's.
    const report = (await rejectedReport(ctx.db, summary.batchId!, 'csv')).content.toString('utf8')
    expect(report.split('\r\n').filter((line) => line.startsWith('rejected,carers.xlsx,'))).toHaveLength(5)
    expect((await childPlacements(ctx.db, 'B'))[0]?.carers).toMatchObject([{ name: 'Kim Parent', kind: 'parent', address: '2 Test Road' }])
  })

  it('applies the field checks every import does: lengths, control characters, U+FFFD, plausible dates, none before birth', async () => {
    const ctx = await withChildren()
    const before = await dumpDb(ctx.db)
    const full = mappingSchema.parse({ ...carersMapping, columns: { ...carersMapping.columns, approvedDate: 'Approved', urn: 'URN' } })
    const rows = [
      ['A', '01/02/2019', 'R'.repeat(201), '', '', '', ''],
      ['A', '01/02/2019', 'Robin\u0007Example', '', '', '', ''],
      ['A', '01/02/2019', 'Robin Example', '', '', '1 Test St\ufffd', ''],
      ['A', '01/02/2019', 'Robin Example', '', '', '', '', 'SC' + '1'.repeat(19)],
      ['A', '01/01/1989', 'Robin Example', '', '', '', ''],
      ['A', '01/01/2008', 'Robin Example', '', '', '', ''],
      ['A', '01/04/2020', 'Robin Example', '', '', '', ''],
      ['A', '01/02/2019', 'Robin Example', '', '', '', '31/12/1899'],
      ['A', '01/02/2019', 'Robin Example', '', '', '', '01/04/2020'],
      ['A', '01/02/2019', 'Robin Example', '', '', '1 Test Street\nZZ99 1AB', '01/06/1985']
    ]
    const csv = [['Child ref', 'Placed from', 'Carer(s)', 'Carer type', 'Agency', 'Address for letters', 'Approved', 'URN'], ...rows]
      .map((r) => r.map((v) => `"${v}"`).join(','))
      .join('\r\n')
    const dry = await importCarers(ctx, { name: 'carers.csv', content: Buffer.from(csv) }, full, { dryRun: true })
    expect(dry.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([
      [2, 'Carer(s)', 'Carer(s) is 201 characters long; it can be at most 200'],
      [3, 'Carer(s)', 'Carer(s) contains a control character (U+0007), which no typed text holds'],
      [4, 'Address for letters', "Address for letters contains U+FFFD, the mark left where text was not valid UTF-8 (check the file's encoding)"],
      [5, 'URN', 'URN is 21 characters long; it can be at most 20'],
      [6, 'Placed from', 'date 01/01/1989 is before 01/01/1990, earlier than any date in the record of a child in care today'],
      [7, 'Placed from', "date 01/01/2008 is before the child's birth (DOB 01/05/2008)"],
      [8, 'Placed from', 'date 01/04/2020 is in the future (after 31/03/2020)'],
      [9, 'Approved', 'approval date 31/12/1899 is before 01/01/1950, earlier than any carer still approved today'],
      [10, 'Approved', 'approval date 01/04/2020 is in the future (after 31/03/2020)']
    ])
    expect(dry.rejected.every((r) => r.value.length <= 100 && !/\u0000/.test(r.value))).toBe(true)
    // An address over lines and an approval long before the child's birth (and before 1990) are fine.
    expect(dry).toMatchObject({ inserted: 1, carersAdded: 1 })
    expect(await dumpDb(ctx.db)).toEqual(before)
  })

  it('leaves the database unchanged when writing fails part-way', async () => {
    const ctx = await withChildren()
    const before = await dumpDb(ctx.db)
    // A fault on the second link, after the batch, the new carers and the first link are written.
    await ctx.db.exec(
      testEngine() === 'postgres'
        ? `CREATE FUNCTION fail_second() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
           CREATE TRIGGER fail_second BEFORE INSERT ON placement_carer FOR EACH ROW WHEN (NEW.child_id = 'B') EXECUTE FUNCTION fail_second()`
        : "CREATE TEMP TRIGGER fail_second BEFORE INSERT ON placement_carer WHEN NEW.child_id = 'B' BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    const file = carersCsv([
      { child: 'A', start: '01/02/2019', carer: 'Robin Example' },
      { child: 'B', start: '01/05/2019', carer: 'Kim Other' }
    ])
    await expect(importCarers(ctx, { name: 'carers.csv', content: file }, mapping)).rejects.toThrow('disk full')
    expect(await dumpDb(ctx.db)).toEqual(before)
  })

  it('names the missing column and writes nothing when the mapping does not fit', async () => {
    const ctx = await withChildren()
    const before = await dumpDb(ctx.db)
    const file = Buffer.from('Child ref,Start\r\nA,01/02/2019\r\n')
    await expect(importCarers(ctx, { name: 'c.csv', content: file }, mapping)).rejects.toThrow(
      /c\.csv: columns "Placed from" \(placementStart\), "Carer\(s\)" \(carerName\)/
    )
    expect(await dumpDb(ctx.db)).toEqual(before)
  })
})
