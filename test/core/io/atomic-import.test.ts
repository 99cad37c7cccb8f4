import { describe, expect, it } from 'vitest'
import { createDemo } from '../../../src/main/core/demo/load'
import { importCarers } from '../../../src/main/core/io/carers/import'
import { import903 } from '../../../src/main/core/io/ssda903/import'
import { importTracker } from '../../../src/main/core/io/tracker/import'
import { carersMapping, trackerMapping } from '../../../src/shared/api'
import { dumpDb } from '../../helpers/dump'
import { failInsert, tempTables } from '../../helpers/fault'
import { carersCsv, carersMapping as carersMappingInput } from '../../helpers/fixturesCarers'
import { cohort903, episodesTable, headerTable, singleEpisodeRow, write903, writeTable } from '../../helpers/fixtures903'
import { trackerMapping as trackerMappingInput, writeTrackerXlsx } from '../../helpers/fixturesTracker'
import { tempContext, tempDir } from '../../helpers/tmp'
import { insertHistory } from '../tracker/history'
import { firstOf, itemAt } from '../../helpers/defined'

/**
 * A failure part-way through an import's write leaves the database exactly as it was, on
 * either engine: the fault is a trigger that fails one insert after others have been made.
 */
describe('an import that fails part-way', () => {
  const cohort = cohort903()
  const files = (paths: { header: string; episodes: string }) => [
    { name: 'Header.csv', path: paths.header },
    { name: 'Episodes.csv', path: paths.episodes }
  ]

  it('903: every child and episode written, then the last audit row fails: nothing is kept, no staging is left', async () => {
    const ctx = await tempContext()
    const before = await dumpDb(ctx.db)
    await failInsert(ctx.db, 'audit_log', "NEW.action = 'import.903'", 'disk full')
    await expect(import903(ctx, files(write903(tempDir(), cohort)))).rejects.toThrow('disk full')
    expect(await dumpDb(ctx.db)).toEqual(before)
    expect(await tempTables(ctx.db)).toBe(0)
  })

  it('903: a newer return whose episode write fails keeps the old episodes, which were deleted before it', async () => {
    const ctx = await tempContext()
    const dir = tempDir()
    await import903(ctx, files(write903(dir, cohort)))
    expect(await tempTables(ctx.db)).toBe(0)
    const before = await dumpDb(ctx.db)
    const episodes = episodesTable(cohort)
    const row = singleEpisodeRow(episodes)
    const child = itemAt(episodes, row - 1)[0]
    itemAt(episodes, row - 1)[5] = itemAt(episodes, row - 1)[5] === 'U5' ? 'U6' : 'U5'
    await failInsert(ctx.db, 'episode', `NEW.child_id = '${child}'`, 'server went away')
    await expect(
      import903(ctx, [
        { name: 'Header.csv', path: writeTable(dir, 'Header2.csv', headerTable(cohort)) },
        { name: 'Episodes.csv', path: writeTable(dir, 'Episodes2.csv', episodes) }
      ])
    ).rejects.toThrow('server went away')
    expect(await dumpDb(ctx.db)).toEqual(before)
    expect(await tempTables(ctx.db)).toBe(0)
  })

  it('tracker: a failure on the second decision keeps neither the first nor the batch', async () => {
    const ctx = await tempContext('2020-03-31')
    await createDemo(ctx.db, { asOf: '2020-03-31', lookedAfter: 20, seed: 5, childrenOnly: true }, 'tester')
    const ids = (await ctx.db.prepare('SELECT child_id FROM child ORDER BY child_id LIMIT 2').pluck().all()) as string[]
    const before = await dumpDb(ctx.db)
    await failInsert(ctx.db, 'decision', `NEW.child_id = '${ids[1]}'`, 'disk full')
    const path = await writeTrackerXlsx(tempDir(), [
      { child: firstOf(ids), date: '01/02/2020', outcome: 'Endorsed' },
      { child: itemAt(ids, 1), date: '01/02/2020', outcome: 'Endorsed' }
    ])
    await expect(importTracker(ctx, { name: 'tracker.xlsx', path }, trackerMapping.parse(trackerMappingInput))).rejects.toThrow('disk full')
    expect(await dumpDb(ctx.db)).toEqual(before)
  })

  it('carers: a failure on the second link keeps neither the new carers nor the first link', async () => {
    const ctx = await tempContext('2020-03-31')
    await insertHistory(ctx.db, 'A', { episodes: [['2019-02-01', null, 'P', 'C2']] })
    await insertHistory(ctx.db, 'B', { episodes: [['2019-05-01', null, 'S', 'V2']] })
    const before = await dumpDb(ctx.db)
    await failInsert(ctx.db, 'placement_carer', "NEW.child_id = 'B'", 'disk full')
    const file = carersCsv([
      { child: 'A', start: '01/02/2019', carer: 'Robin Example' },
      { child: 'B', start: '01/05/2019', carer: 'Kim Other' }
    ])
    await expect(importCarers(ctx, { name: 'carers.csv', content: file }, carersMapping.parse(carersMappingInput))).rejects.toThrow('disk full')
    expect(await dumpDb(ctx.db)).toEqual(before)
  })
})
