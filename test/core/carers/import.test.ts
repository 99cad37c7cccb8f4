import { describe, expect, it } from 'vitest'
import { getChild, listChildren } from '../../../src/main/core/children/queries'
import { importCarers } from '../../../src/main/core/io/carers/import'
import { childPlacements, currentCarers, linkPlacementCarer } from '../../../src/main/core/placements/placements'
import { trackerRows } from '../../../src/main/core/tracker/queries'
import { carersMapping as mappingSchema } from '../../../src/shared/api'
import type { Context } from '../../../src/main/core/context'
import { dumpDb, withoutHistory } from '../../helpers/dump'
import { carersCsv, carersMapping, writeCarersXlsx } from '../../helpers/fixturesCarers'
import { tempContext, tempDir } from '../../helpers/tmp'
import { insertHistory } from '../tracker/history'

const mapping = mappingSchema.parse(carersMapping)

/** Two children: A moved to new carers (P) then changed house with them (T); B in one placement. */
function withChildren(): Context {
  const ctx = tempContext('2020-03-31')
  insertHistory(ctx.db, 'A', { episodes: [['2018-01-01', '2019-02-01', 'S', 'C2'], ['2019-02-01', '2019-08-01', 'P', 'C2'], ['2019-08-01', null, 'T', 'C2']] })
  insertHistory(ctx.db, 'B', { episodes: [['2019-05-01', null, 'S', 'V2']] })
  return ctx
}

describe('placements', () => {
  it('run from an S, P or B episode through T, U and L ones, newest first', () => {
    const ctx = withChildren()
    expect(childPlacements(ctx.db, 'A').map((p) => ({ start: p.start, end: p.end, episodes: p.episodes, known: p.startKnown }))).toEqual([
      { start: '2019-02-01', end: null, episodes: 2, known: true },
      { start: '2018-01-01', end: '2019-02-01', episodes: 1, known: true }
    ])
    expect(currentCarers(ctx.db, 'A', '2019-09-01').placement?.start).toBe('2019-02-01')
    expect(currentCarers(ctx.db, 'A', '2017-01-01').placement).toBeNull()
    expect(() => linkPlacementCarer(ctx.db, 'tester', 'A', '2019-08-01', 1)).toThrow(/no placement of child A starts on 01\/08\/2019; its placements start on 01\/01\/2018, 01\/02\/2019/)
  })
})

describe('carers import', () => {
  it('links carers to placements by child and start date, adds each new carer once, and re-imports as unchanged', async () => {
    const ctx = withChildren()
    const file = carersCsv([
      { child: 'A', start: '01/02/2019', carer: 'Robin Example', type: 'Agency carer', agency: 'Starling Fostering (fictional)', address: '1 Test Street, ZZ99 1AB' },
      { child: 'A', start: '01/02/2019', carer: 'Sam Example', type: 'agency carer', agency: 'Starling Fostering (fictional)' },
      { child: 'A', start: '01/01/2018', carer: 'Pat Earlier', type: 'LA foster carer' },
      { child: 'B', start: '31/02/2019', carer: 'Robin Example', type: 'Agency carer', agency: 'Starling Fostering (fictional)' }
    ])
    const dry = await importCarers(ctx, { name: 'carers.csv', content: file }, mapping, { dryRun: true })
    expect(dry).toMatchObject({ dryRun: true, inserted: 3, carersAdded: 3, batchId: null })
    expect(dry.rejected).toEqual([{ file: 'carers.csv', row: 5, column: 'Placed from', value: '31/02/2019', reason: 'not a date (expected DD/MM/YYYY or an Excel date)' }])
    expect(ctx.db.prepare('SELECT COUNT(*) FROM placement_carer').pluck().get()).toBe(0)

    const isoFile = carersCsv([
      { child: 'A', start: '01/02/2019', carer: 'Robin Example', type: 'Agency carer', agency: 'Starling Fostering (fictional)', address: '1 Test Street, ZZ99 1AB' },
      { child: 'A', start: '01/02/2019', carer: 'Sam Example', type: 'agency carer', agency: 'Starling Fostering (fictional)' },
      { child: 'A', start: '01/01/2018', carer: 'Pat Earlier', type: 'LA foster carer' },
      { child: 'B', start: '01/05/2019', carer: 'Robin Example', type: 'Agency carer', agency: 'Starling Fostering (fictional)' }
    ])
    const done = await importCarers(ctx, { name: 'carers.csv', content: isoFile }, mapping)
    expect(done).toMatchObject({ inserted: 4, unchanged: 0, carersAdded: 3, rejected: [] })
    expect(ctx.db.prepare('SELECT name, kind, provider, address FROM carer ORDER BY name').all()).toEqual([
      { name: 'Pat Earlier', kind: 'inhouse', provider: null, address: null },
      { name: 'Robin Example', kind: 'ifa', provider: 'Starling Fostering (fictional)', address: '1 Test Street, ZZ99 1AB' },
      { name: 'Sam Example', kind: 'ifa', provider: 'Starling Fostering (fictional)', address: null }
    ])
    expect(ctx.db.prepare("SELECT kind, inserted FROM import_batch").get()).toEqual({ kind: 'carers', inserted: 4 })
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'import.carers.link'").pluck().get()).toBe(4)
    // The tracker shows the current carers (after the T move, the same ones).
    expect(trackerRows(ctx.db, '2020-03-31').map((r) => [r.childId, r.carer])).toEqual([
      ['A', 'Robin Example and Sam Example'],
      ['B', 'Robin Example']
    ])
    // The child's episodes and the children list show them too, by placement.
    expect(getChild(ctx.db, 'A').episodeHistory.map((e) => e.carer)).toEqual(['Pat Earlier', 'Robin Example and Sam Example', 'Robin Example and Sam Example'])
    expect(listChildren(ctx.db, {}).map((c) => [c.childId, c.carer])).toEqual([['A', 'Robin Example and Sam Example'], ['B', 'Robin Example']])
    const after = withoutHistory(dumpDb(ctx.db))
    // Changing nothing, the re-import is still in the history (issue 13), and nothing else moves.
    const again = await importCarers(ctx, { name: 'carers.csv', content: isoFile }, mapping)
    expect(again).toMatchObject({ inserted: 0, unchanged: 4, carersAdded: 0, batchId: expect.any(Number) })
    expect(ctx.db.prepare('SELECT kind, inserted, unchanged FROM import_batch WHERE id = ?').get(again.batchId)).toEqual({ kind: 'carers', inserted: 0, unchanged: 4 })
    expect(withoutHistory(dumpDb(ctx.db))).toEqual(after)
  })

  it('rejects each bad row with file, row, column, value and reason, and imports the rest', async () => {
    const ctx = withChildren()
    const path = await writeCarersXlsx(tempDir(), [
      { child: 'NOBODY', start: '01/02/2019', carer: 'Robin Example' },
      { child: 'A', start: '01/08/2019', carer: 'Robin Example' },
      { child: 'A', start: new Date(Date.UTC(2019, 1, 1)), carer: '' },
      { child: 'A', start: '01/02/2019', carer: 'Robin Example', type: 'Wizard' },
      { child: 'B', start: new Date(Date.UTC(2019, 4, 1)), carer: 'Kim Parent', type: 'Parent', address: '2 Test Road' }
    ])
    const summary = await importCarers(ctx, { name: 'carers.xlsx', path }, { ...mapping, sheet: 'Carers', headerRow: 2 })
    expect(summary.rejected).toEqual([
      { file: 'carers.xlsx', row: 3, column: 'Child ref', value: 'NOBODY', reason: 'no child with ID NOBODY is stored (import the 903 first)' },
      { file: 'carers.xlsx', row: 4, column: 'Placed from', value: '01/08/2019', reason: 'no placement of child A starts on 01/08/2019; its placements start on 01/01/2018, 01/02/2019' },
      { file: 'carers.xlsx', row: 5, column: 'Carer(s)', value: '', reason: 'carer name is blank' },
      { file: 'carers.xlsx', row: 6, column: 'Carer type', value: 'Wizard', reason: '"Wizard" is not a kind of carer in the mapping (codes: inhouse, ifa, kinship, residential, parent, other)' }
    ])
    expect(summary).toMatchObject({ inserted: 1, carersAdded: 1, totals: { rejectedRows: 4 } })
    expect(childPlacements(ctx.db, 'B')[0].carers).toMatchObject([{ name: 'Kim Parent', kind: 'parent', address: '2 Test Road' }])
  })

  it('leaves the database unchanged when writing fails part-way', async () => {
    const ctx = withChildren()
    const before = dumpDb(ctx.db)
    // A fault on the second link, after the batch, the new carers and the first link are written.
    ctx.db.exec("CREATE TEMP TRIGGER fail_second BEFORE INSERT ON placement_carer WHEN NEW.child_id = 'B' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    const file = carersCsv([
      { child: 'A', start: '01/02/2019', carer: 'Robin Example' },
      { child: 'B', start: '01/05/2019', carer: 'Kim Other' }
    ])
    await expect(importCarers(ctx, { name: 'carers.csv', content: file }, mapping)).rejects.toThrow('disk full')
    expect(dumpDb(ctx.db)).toEqual(before)
  })

  it('names the missing column and writes nothing when the mapping does not fit', async () => {
    const ctx = withChildren()
    const before = dumpDb(ctx.db)
    const file = Buffer.from('Child ref,Start\r\nA,01/02/2019\r\n')
    await expect(importCarers(ctx, { name: 'c.csv', content: file }, mapping)).rejects.toThrow(/c\.csv: column\(s\) "Placed from" \(placementStart\), "Carer\(s\)" \(carerName\)/)
    expect(dumpDb(ctx.db)).toEqual(before)
  })
})
