import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Context } from '../../../src/main/core/context'
import { generateDemo } from '../../../src/main/core/demo/generate'
import { loadDemo } from '../../../src/main/core/demo/load'
import { export903 } from '../../../src/main/core/io/ssda903/export'
import { import903 } from '../../../src/main/core/io/ssda903/import'
import { refreshTrackerSpans } from '../../../src/main/core/tracker/refresh'
import { failInsert } from '../../helpers/fault'
import { tempContext, tempDir } from '../../helpers/tmp'
import { itemAt } from '../../helpers/defined'

const asOf = '2020-03-31'
const files = (paths: { header: string; episodes: string }) => [
  { name: 'Header.csv', path: paths.header },
  { name: 'Episodes.csv', path: paths.episodes }
]
const spans = async (ctx: Context): Promise<unknown[]> => await ctx.db.prepare('SELECT * FROM tracker_span ORDER BY child_id, span_start').all()
const dirty = async (ctx: Context): Promise<number> => Number(await ctx.db.prepare('SELECT COUNT(*) FROM tracker_dirty').pluck().get())

const indexesAndTriggers = async (ctx: Context): Promise<unknown[]> =>
  ctx.db.engine === 'sqlite'
    ? await ctx.db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").all()
    : await ctx.db
        .prepare(
          'SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1'
        )
        .all()

/** The spans as a full recompute from the records gives them: every child marked, then refreshed. */
async function recomputed(ctx: Context): Promise<unknown[]> {
  await ctx.db.exec('INSERT INTO tracker_dirty (child_id) SELECT child_id FROM child')
  expect(await refreshTrackerSpans(ctx.db)).toBeGreaterThan(0)
  return await spans(ctx)
}

/** A demo cohort (with panel decisions, oversight and carer links) and its own 903 export. */
async function demoWithExport(): Promise<{ ctx: Context; paths: { header: string; episodes: string } }> {
  const ctx = await tempContext(asOf)
  await loadDemo(ctx.db, generateDemo({ asOf, lookedAfter: 40, seed: 7 }), 'tester')
  const paths = await export903(ctx, join(tempDir(), 'export'))
  return { ctx, paths }
}

describe('903 import leaves the tracker ready', () => {
  it('into an empty database: nothing left to refresh, and the spans are a full recompute', async () => {
    const { paths } = await demoWithExport()
    const ctx = await tempContext(asOf)
    const summary = await import903(ctx, files(paths))
    expect(summary.inserted).toBeGreaterThan(40)
    expect(await dirty(ctx)).toBe(0)
    const imported = await spans(ctx)
    expect(imported.length).toBeGreaterThan(summary.inserted)
    expect(await recomputed(ctx)).toEqual(imported)
  })

  it('over stored decisions, oversight and carer links: changed children rebuilt with them, the rest kept', async () => {
    const { ctx, paths } = await demoWithExport()
    const before = await spans(ctx)
    // A newer return: the last episode row gone and one child's date of birth a day off.
    const episodes = readFileSync(paths.episodes, 'utf8').trimEnd().split('\r\n')
    writeFileSync(paths.episodes, `${episodes.slice(0, -1).join('\r\n')}\r\n`)
    const header = readFileSync(paths.header, 'utf8').trimEnd().split('\r\n')
    const cells = itemAt(header, 1).split(',')
    const dob = itemAt(cells, 2).split('/')
    const day = Number(dob[0])
    cells[2] = `${String(day > 1 ? day - 1 : day + 1).padStart(2, '0')}/${dob[1]}/${dob[2]}`
    header[1] = cells.join(',')
    writeFileSync(paths.header, `${header.join('\r\n')}\r\n`)

    const summary = await import903(ctx, files(paths))
    expect(summary.updated).toBeGreaterThan(0)
    expect(await dirty(ctx)).toBe(0)
    const imported = await spans(ctx)
    expect(imported).not.toEqual(before)
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM tracker_span WHERE carers_key <> ''").pluck().get()).toBeGreaterThan(0)
    expect(await recomputed(ctx)).toEqual(imported)

    // The same files again change nothing, spans included.
    expect(await import903(ctx, files(paths))).toMatchObject({ inserted: 0, updated: 0 })
    expect(await dirty(ctx)).toBe(0)
    expect(await spans(ctx)).toEqual(imported)
  })

  it('also refreshes children that other changes marked before it ran', async () => {
    const { ctx, paths } = await demoWithExport()
    const expected = await spans(ctx)
    await ctx.db.exec('INSERT INTO tracker_dirty (child_id) SELECT child_id FROM child WHERE child_id IN (SELECT MIN(child_id) FROM child)')
    await ctx.db.exec('DELETE FROM tracker_span WHERE child_id IN (SELECT child_id FROM tracker_dirty)')
    await import903(ctx, files(paths))
    expect(await dirty(ctx)).toBe(0)
    expect(await spans(ctx)).toEqual(expected)
  })

  it('puts back the indexes and triggers a bulk load sets aside, whether it commits or fails', async () => {
    const { paths } = await demoWithExport()
    const ctx = await tempContext(asOf)
    const before = await indexesAndTriggers(ctx)
    expect(before.length).toBeGreaterThan(3)
    await import903(ctx, files(paths))
    expect(await indexesAndTriggers(ctx)).toEqual(before)

    const failing = await tempContext(asOf)
    await failInsert(failing.db, 'audit_log', "NEW.action = 'import.903'", 'disk full')
    const beforeFailure = await indexesAndTriggers(failing)
    await expect(import903(failing, files(paths))).rejects.toThrow('disk full')
    expect(await indexesAndTriggers(failing)).toEqual(beforeFailure)
    expect(await spans(failing)).toEqual([])
  })

  it('a dry run writes no spans', async () => {
    const { paths } = await demoWithExport()
    const ctx = await tempContext(asOf)
    await import903(ctx, files(paths), { dryRun: true })
    expect(await spans(ctx)).toEqual([])
    expect(await dirty(ctx)).toBe(0)
  })
})
