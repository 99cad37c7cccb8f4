import ExcelJS from 'exceljs'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDemo } from '../../../src/main/core/demo/load'
import { generateDemo } from '../../../src/main/core/demo/generate'
import { export903 } from '../../../src/main/core/io/ssda903/export'
import { import903 } from '../../../src/main/core/io/ssda903/import'
import { flushEvery } from '../../../src/main/core/io/ssda903/staging'
import { checkDb } from '../../../src/main/core/store/check'
import { rejectedReport } from '../../../src/main/core/io/history'
import { dumpData, dumpDb } from '../../helpers/dump'
import {
  cohort903,
  csvText,
  episodeColumns,
  episodesTable,
  headerTable,
  malformedCases,
  singleEpisodeRow,
  write903,
  writeTable,
  type Table
} from '../../helpers/fixtures903'
import { tempContext, tempDir } from '../../helpers/tmp'
import { hasLibreOffice, resaveCsvWithLibreOffice } from '../../helpers/writers'
import type { Context } from '../../../src/main/core/context'
import { defined, firstOf, itemAt } from '../../helpers/defined'

const files = (paths: { header: string; episodes: string }) => [
  { name: 'Header.csv', path: paths.header },
  { name: 'Episodes.csv', path: paths.episodes }
]
const stored903 = async (ctx: Context) => ({
  children: await ctx.db.prepare('SELECT child_id, sex, dob, ethnic, upn, mother, mc_dob FROM child ORDER BY child_id').all(),
  episodes: await ctx.db
    .prepare(
      'SELECT child_id, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, home_post, pl_post, urn FROM episode ORDER BY child_id, decom, seq'
    )
    .all()
})

describe('903 import', () => {
  const cohort = cohort903()

  it('imports clean Header and Episodes files, every field as written', async () => {
    const ctx = await tempContext()
    const summary = await import903(ctx, files(write903(tempDir(), cohort)))
    expect(summary).toMatchObject({ inserted: cohort.children.length, updated: 0, unchanged: 0, rejected: [] })
    expect(summary.warnings).toEqual([])
    expect(summary.episodes).toEqual({ written: cohort.episodes.length, removed: 0, kept: 0 })
    const stored = await stored903(ctx)
    expect(stored.children).toEqual(cohort.children.map(({ given_name: _g, family_name: _f, ...c }) => c).sort((a, b) => a.child_id.localeCompare(b.child_id)))
    const expected = cohort.episodes.map(({ carer_id: _c, seq: _s, ...e }) => e)
    expect(stored.episodes).toEqual([...expected].sort((a, b) => a.child_id.localeCompare(b.child_id) || a.decom.localeCompare(b.decom)))
    const batch = await ctx.db.prepare('SELECT kind, file_name, imported_by, inserted, rejected FROM import_batch').get()
    expect(batch).toEqual({ kind: '903', file_name: 'Header.csv, Episodes.csv', imported_by: 'tester', inserted: cohort.children.length, rejected: 0 })
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'import.903.insert'").pluck().get()).toBe(cohort.children.length)
    expect((await checkDb(ctx.db)).ok).toBe(true)
  })

  it('stores every field as written when the rows fill the staging buffer several times over', async () => {
    // Rows are buffered and written to staging in batches: a return of more rows than one
    // buffer holds, and not a whole number of statements, must come through unchanged.
    const large = cohort903({ lookedAfter: 1000, seed: 11 })
    expect(large.episodes.length).toBeGreaterThan(flushEvery)
    const ctx = await tempContext()
    const summary = await import903(ctx, files(write903(tempDir(), large)))
    expect(summary).toMatchObject({ inserted: large.children.length, rejected: [] })
    const stored = await stored903(ctx)
    expect(stored.children).toEqual(large.children.map(({ given_name: _g, family_name: _f, ...c }) => c).sort((a, b) => a.child_id.localeCompare(b.child_id)))
    const expected = large.episodes.map(({ carer_id: _c, seq: _s, ...e }) => e)
    expect(stored.episodes).toEqual([...expected].sort((a, b) => a.child_id.localeCompare(b.child_id) || a.decom.localeCompare(b.decom)))
  })

  it('changes nothing when the same files are imported again', async () => {
    const ctx = await tempContext()
    const paths = write903(tempDir(), cohort)
    await import903(ctx, files(paths))
    const before = await dumpData(ctx.db)
    const { import_batch: batchesBefore, audit_log: auditBefore } = await dumpDb(ctx.db)
    const again = await import903(ctx, files(paths))
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: cohort.children.length, batchId: expect.any(Number) })
    const { import_batch: batchesAfter, audit_log: auditAfter } = await dumpDb(ctx.db)
    expect(await dumpData(ctx.db)).toEqual(before)
    // … but the import is in the history, with its report, and the audit log says so.
    expect(batchesAfter).toHaveLength(defined(batchesBefore, 'batchesBefore').length + 1)
    expect(batchesAfter?.at(-1)).toMatchObject({ id: again.batchId, kind: '903', inserted: 0, updated: 0, unchanged: cohort.children.length, rejected: 0 })
    expect(auditAfter?.slice(defined(auditBefore, 'auditBefore').length)).toEqual([
      expect.objectContaining({ action: 'import.903', entity_id: String(again.batchId) })
    ])
    expect((await rejectedReport(ctx.db, again.batchId!, 'csv')).content.toString()).toContain('type,file,row,column,value,reason')
  })

  it('reads Excel-saved CSVs (BOM, CRLF, quoted) and 2-digit years to the same data', async () => {
    const plain = await tempContext()
    await import903(plain, files(write903(tempDir(), cohort)))
    const excel = await tempContext()
    const dir = tempDir()
    const paths = write903(dir, cohort, { excel: true })
    expect(readFileSync(paths.header, 'utf8').startsWith('\uFEFF"CHILD"')).toBe(true)
    expect(await import903(excel, files(paths))).toMatchObject({ inserted: cohort.children.length, rejected: [] })
    expect(await stored903(excel)).toEqual(await stored903(plain))
    const short = await tempContext()
    const shortPaths = write903(tempDir(), cohort, { twoDigitYears: true })
    expect(readFileSync(shortPaths.episodes, 'utf8')).toMatch(/,\d\d\/\d\d\/\d\d,/)
    expect(await import903(short, files(shortPaths))).toMatchObject({ inserted: cohort.children.length, rejected: [] })
    expect(await stored903(short)).toEqual(await stored903(plain))
  })

  it('does a dry run without writing anything', async () => {
    const ctx = await tempContext()
    const before = await dumpDb(ctx.db)
    const summary = await import903(ctx, files(write903(tempDir(), cohort)), { dryRun: true })
    expect(summary).toMatchObject({ dryRun: true, inserted: cohort.children.length, batchId: null })
    expect(await dumpDb(ctx.db)).toEqual(before)
  })

  for (const bad of malformedCases) {
    it(`rejects ${bad.name} with file, row, column and reason, and imports the good rows`, async () => {
      const header = headerTable(cohort)
      const episodes = episodesTable(cohort)
      const expected = bad.apply(header, episodes)
      const dir = tempDir()
      const ctx = await tempContext()
      const summary = await import903(ctx, [
        { name: 'Header.csv', path: writeTable(dir, 'Header.csv', header) },
        { name: 'Episodes.csv', path: writeTable(dir, 'Episodes.csv', episodes) }
      ])
      const table = expected.file === 'Header.csv' ? header : episodes
      const value = itemAt(table, expected.row - 1)[firstOf(table).indexOf(expected.column)]
      expect(summary.rejected).toContainEqual({
        file: expected.file,
        row: expected.row,
        column: expected.column,
        value,
        reason: expect.stringMatching(expected.reason)
      })
      if (expected.file === 'Episodes.csv') {
        expect(summary.rejected).toHaveLength(1)
        expect(await ctx.db.prepare('SELECT COUNT(*) FROM episode').pluck().get()).toBe(cohort.episodes.length - 1)
        expect(summary.inserted).toBe(cohort.children.length)
      } else {
        const childId = itemAt(table, expected.row - 1)[0]
        expect(summary.inserted).toBe(cohort.children.length - 1)
        expect(await ctx.db.prepare('SELECT COUNT(*) FROM child WHERE child_id = ?').pluck().get(childId)).toBe(0)
        expect(summary.rejected.every((r) => r.file === 'Header.csv' || r.value === childId)).toBe(true)
      }
      expect(JSON.parse((await ctx.db.prepare('SELECT report FROM import_batch').pluck().get()) as string).rejected).toEqual(summary.rejected)
    })
  }

  it('rejects an episode before the stored DOB when only Episodes are imported, and leaves that child as it was', async () => {
    const ctx = await tempContext()
    const dir = tempDir()
    await import903(ctx, files(write903(dir, cohort)))
    const before = await dumpData(ctx.db)
    const episodes = episodesTable(cohort)
    const row = singleEpisodeRow(episodes)
    const child = itemAt(episodes, row - 1)[0]
    const dob = (await ctx.db.prepare('SELECT dob FROM child WHERE child_id = ?').pluck().get(child)) as string
    itemAt(episodes, row - 1)[1] = `01/01/${Number(dob.slice(0, 4)) - 1}`
    const summary = await import903(ctx, [{ name: 'Episodes.csv', path: writeTable(dir, 'Episodes.csv', episodes) }])
    expect(summary.rejected).toEqual([
      {
        file: 'Episodes.csv',
        row,
        column: 'DECOM',
        value: itemAt(episodes, row - 1)[1],
        reason: `DECOM is before the child's DOB (${dob.slice(8, 10)}/${dob.slice(5, 7)}/${dob.slice(0, 4)}): no care before birth`
      }
    ])
    expect(await dumpData(ctx.db)).toEqual(before)
  })

  it('keeps every episode of a child when one of its rows is rejected', async () => {
    const episodes = episodesTable(cohort)
    const counts = new Map<string, number>()
    for (const r of episodes.slice(1)) counts.set(firstOf(r), (counts.get(firstOf(r)) ?? 0) + 1)
    const row = episodes.findIndex((r, i) => i > 0 && counts.get(firstOf(r))! >= 3) + 1
    const childId = firstOf(itemAt(episodes, row - 1))
    const ctx = await tempContext()
    const dir = tempDir()
    await import903(ctx, files(write903(dir, cohort)))
    const before = await stored903(ctx)
    itemAt(episodes, row - 1)[3] = 'ZZ'
    itemAt(episodes, row)[4] = 'N1' === itemAt(episodes, row)[4] ? 'N2' : 'N1'
    const summary = await import903(ctx, [{ name: 'Episodes.csv', path: writeTable(dir, 'Episodes2.csv', episodes) }])
    expect(summary.rejected.filter((r) => r.reason.includes('left as they are'))).toHaveLength(counts.get(childId)! - 1)
    expect(summary).toMatchObject({ updated: 0, inserted: 0, totals: { rejectedRows: counts.get(childId), rejected: counts.get(childId), warnings: 0 } })
    expect(await stored903(ctx)).toEqual(before)
  })

  it('lists check-letter, postcode and overlap problems as warnings and still imports the rows', async () => {
    const header = headerTable(cohort)
    const episodes = episodesTable(cohort)
    itemAt(header, 1)[4] = 'B123456789012'
    const row = singleEpisodeRow(episodes)
    itemAt(episodes, row - 1)[10] = 'NOTAPC'
    const overlap = [...itemAt(episodes, row - 1)]
    episodes.push(overlap)
    const x1 = episodes.findIndex((r) => r[8] === 'X1') + 1
    const next = episodes.findIndex((r) => r[0] === itemAt(episodes, x1 - 1)[0] && r[1] === itemAt(episodes, x1 - 1)[7]) + 1
    itemAt(episodes, next - 1)[1] = itemAt(itemAt(episodes, x1 - 1), 7).replace(/^\d\d/, (d) => String(Number(d) + (Number(d) < 28 ? 1 : -1)).padStart(2, '0'))
    const dir = tempDir()
    const ctx = await tempContext()
    const summary = await import903(ctx, [
      { name: 'Header.csv', path: writeTable(dir, 'Header.csv', header) },
      { name: 'Episodes.csv', path: writeTable(dir, 'Episodes.csv', episodes) }
    ])
    expect(summary.rejected).toEqual([])
    expect(summary.warnings.map((w) => [w.file, w.row, w.column])).toEqual(
      expect.arrayContaining([
        ['Header.csv', 2, 'UPN'],
        ['Episodes.csv', row, 'HOME_POST'],
        ['Episodes.csv', episodes.length, 'DECOM'],
        ['Episodes.csv', x1, 'REC']
      ])
    )
    // Dates in what the data officer reads are as the file has them, never ISO.
    const overlapWarning = summary.warnings.find((w) => w.row === episodes.length && w.column === 'DECOM')!
    expect(overlapWarning.value).toBe(itemAt(overlap, 1))
    expect(overlapWarning.reason).toMatch(/^episode overlaps the one on row \d+ \(\d\d\/\d\d\/\d{4} to (\d\d\/\d\d\/\d{4}|open)\)$/)
    expect(summary.warnings.find((w) => w.row === x1 && w.column === 'REC')!.reason).toBe(
      `REC is X1 but no episode of this child starts on DEC (${itemAt(itemAt(episodes, x1 - 1), 7)})`
    )
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM episode').pluck().get()).toBe(cohort.episodes.length + 1)
  })

  it('reports progress by rows and bytes while reading, and by children while writing', async () => {
    const ctx = await tempContext()
    const paths = write903(tempDir(), cohort)
    const seen: { phase: string; rows: number; bytes: number; totalBytes: number; written: number; of: number }[] = []
    await import903(ctx, files(paths), { onProgress: (p) => seen.push(p) })
    const total = readFileSync(paths.header).length + readFileSync(paths.episodes).length
    expect(seen.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1])).toEqual(['reading', 'checking', 'writing', 'saving', 'done'])
    expect(seen.every((p) => p.totalBytes === total)).toBe(true)
    const reading = seen.filter((p) => p.phase === 'reading')
    expect(reading.map((p) => p.bytes)).toEqual([...reading.map((p) => p.bytes)].sort((a, b) => a - b))
    expect(seen.at(-1)).toMatchObject({
      phase: 'done',
      rows: cohort.children.length + cohort.episodes.length + 2,
      bytes: total,
      written: cohort.children.length,
      of: cohort.children.length
    })
  })

  it('updates children from a newer return and replaces their episodes, continuing seq', async () => {
    const ctx = await tempContext()
    const dir = tempDir()
    await import903(ctx, files(write903(dir, cohort)))
    const maxSeq = (await ctx.db.prepare('SELECT MAX(seq) FROM episode').pluck().get()) as number
    const header = headerTable(cohort)
    const episodes = episodesTable(cohort)
    itemAt(header, 1)[3] = 'WOTH' === itemAt(header, 1)[3] ? 'WBRI' : 'WOTH'
    const row = singleEpisodeRow(episodes)
    const changedChild = itemAt(episodes, row - 1)[0]
    itemAt(episodes, row - 1)[5] = 'U5' === itemAt(episodes, row - 1)[5] ? 'U6' : 'U5'
    const summary = await import903(ctx, [
      { name: 'Header.csv', path: writeTable(dir, 'Header2.csv', header) },
      { name: 'Episodes.csv', path: writeTable(dir, 'Episodes2.csv', episodes) }
    ])
    expect(summary).toMatchObject({ inserted: 0, updated: itemAt(header, 1)[0] === changedChild ? 1 : 2, unchanged: cohort.children.length - summary.updated })
    expect(summary.episodes).toEqual({ written: 1, removed: 1, kept: 0 })
    expect(await ctx.db.prepare('SELECT place, seq > ? AS later FROM episode WHERE child_id = ?').get(maxSeq, changedChild)).toEqual({
      place: itemAt(episodes, row - 1)[5],
      later: 1
    })
    expect(await ctx.db.prepare('SELECT ethnic FROM child WHERE child_id = ?').pluck().get(itemAt(header, 1)[0])).toBe(itemAt(header, 1)[3])
    const audited = (await ctx.db
      .prepare("SELECT who, before, after FROM audit_log WHERE action = 'import.903.update' AND entity_id = ?")
      .get(itemAt(header, 1)[0])) as { who: string; before: string; after: string }
    expect(audited.who).toBe('tester')
    expect(JSON.parse(audited.before).ethnic).not.toBe(itemAt(header, 1)[3])
    expect(JSON.parse(audited.after)).toMatchObject({ child_id: itemAt(header, 1)[0], ethnic: itemAt(header, 1)[3] })
  })

  const isoOf = (uk: string): string => uk.split('/').reverse().join('-')
  /** A child with at least three episodes, each ending on or before the next one starts, and the episode rows of the table that are its. */
  const childWithHistory = (episodes: Table): { childId: string; rows: string[][] } => {
    const byChild = new Map<string, string[][]>()
    for (const r of episodes.slice(1)) byChild.set(firstOf(r), [...(byChild.get(firstOf(r)) ?? []), r])
    const found = [...byChild].find(([, rows]) => rows.length >= 3)
    if (!found) throw new Error('the cohort has no child with three episodes')
    return { childId: found[0], rows: found[1] }
  }
  /** The cohort imported, and one of its children with a history of three episodes or more. */
  const storedWithHistory = async () => {
    const ctx = await tempContext()
    const dir = tempDir()
    await import903(ctx, files(write903(dir, cohort)))
    return { ctx, dir, ...childWithHistory(episodesTable(cohort)) }
  }
  /** A return of one child: its Header row and the given Episodes rows. */
  const oneChildReturn = (dir: string, name: string, childId: string, episodes: string[][]) => {
    const header = headerTable(cohort)
    return files({
      header: writeTable(dir, `Header-${name}.csv`, [firstOf(header), header.find((r) => firstOf(r) === childId)!]),
      episodes: writeTable(dir, `Episodes-${name}.csv`, [episodeColumns, ...episodes])
    })
  }

  it("keeps a child's earlier history when a return holds only its later episodes, as a year's 903 return does, and says so before writing", async () => {
    const { ctx, dir, childId, rows } = await storedWithHistory()
    const earlier = rows.slice(0, 2)
    // This year's return: the child's episodes from the third on, the last with a new placement.
    const thisYear = rows.slice(2).map((r) => [...r])
    const last = itemAt(thisYear, thisYear.length - 1)
    last[5] = last[5] === 'U5' ? 'U6' : 'U5'
    const yearReturn = oneChildReturn(dir, 'year', childId, thisYear)
    const before = await dumpData(ctx.db)
    const preview = await import903(ctx, yearReturn, { dryRun: true })
    expect(preview).toMatchObject({ inserted: 0, updated: 1, unchanged: 0, rejected: [] })
    expect(preview.episodes).toEqual({ written: thisYear.length, removed: thisYear.length, kept: earlier.length })
    expect(await dumpData(ctx.db)).toEqual(before)

    const summary = await import903(ctx, yearReturn)
    expect(summary.episodes).toEqual({ written: thisYear.length, removed: thisYear.length, kept: earlier.length })
    const stored = (await ctx.db.prepare('SELECT decom, place FROM episode WHERE child_id = ? ORDER BY decom, seq').all(childId)) as {
      decom: string
      place: string
    }[]
    expect(stored.map((e) => e.decom)).toEqual(rows.map((r) => isoOf(itemAt(r, 1))))
    expect(stored.at(-1)!.place).toBe(last[5])
    // The same return again changes nothing: the earlier episodes are not compared with it.
    expect(await import903(ctx, yearReturn)).toMatchObject({ updated: 0, unchanged: 1, episodes: { written: 0, removed: 0, kept: 0 } })
  })

  it('warns before writing when a return ends before episodes already stored, as an older return imported after a newer one would', async () => {
    const { ctx, dir, childId, rows } = await storedWithHistory()
    // Last year's return: the child's first two episodes, the second still open at its end.
    const lastYear = rows.slice(0, 2).map((r) => [...r])
    itemAt(lastYear, 1)[7] = ''
    itemAt(lastYear, 1)[8] = ''
    const preview = await import903(ctx, oneChildReturn(dir, 'old', childId, lastYear), { dryRun: true })
    expect(preview.episodes).toEqual({ written: 2, removed: rows.length, kept: 0 })
    const warning = preview.warnings.find((w) => w.reason.includes('begin after the last date in these files'))!
    expect(warning).toMatchObject({ file: 'Episodes.csv', row: 3, column: 'DECOM', value: childId })
    expect(warning.reason).toContain(`(${rows.length - 2} from ${itemAt(itemAt(rows, 2), 1)}; the files end on ${itemAt(itemAt(rows, 1), 1)})`)
    expect(preview.warningGroups.map((g) => g.rule)).toContain(
      "episodes already stored for this child begin after the last date in these files: importing replaces them with the files' own. Is this an older return?"
    )
  })

  it(
    'refuses a return LibreOffice saved again with month-first dates, naming the file, row and column, and writes nothing',
    { timeout: 120_000 },
    async (t) => {
      if (!hasLibreOffice() && !process.env.CI) return t.skip()
      const { ctx, dir } = await storedWithHistory()
      const paths = write903(dir, cohort)
      // As a UK user opening the return in LibreOffice and saving it as CSV: 24/10/2009 is written 10/24/09.
      const resaved = { header: resaveCsvWithLibreOffice(paths.header, dir), episodes: resaveCsvWithLibreOffice(paths.episodes, dir) }
      const child = defined(
        cohort.children.find((c) => Number(c.dob.slice(8)) > 12),
        'a child born after the 12th of a month'
      )
      expect(readFileSync(resaved.header, 'utf8')).toContain(`${child.dob.slice(5, 7)}/${child.dob.slice(8)}/${child.dob.slice(2, 4)}`)
      const before = await dumpData(ctx.db)
      await expect(import903(ctx, files(resaved), { dryRun: true })).rejects.toThrow(
        /^Header\.csv: the dates are month first \(row \d+, column DOB: "\d\d\/\d\d\/\d\d" reads only as month\/day.*Nothing has been imported\.$/
      )
      await expect(import903(ctx, files(resaved))).rejects.toThrow(/^Header\.csv: the dates are month first/)
      expect(await dumpData(ctx.db)).toEqual(before)
    }
  )

  it('rejects only the row of a day-first return whose date reads month first, a typing slip', async () => {
    const ctx = await tempContext()
    const header = headerTable(cohort)
    const slip = itemAt(header, 1)
    slip[2] = '10/17/2015'
    const summary = await import903(ctx, files({ header: writeTable(tempDir(), 'Header.csv', header), episodes: write903(tempDir(), cohort).episodes }), {
      dryRun: true
    })
    expect(summary.rejected).toContainEqual(
      expect.objectContaining({ file: 'Header.csv', row: 2, column: 'DOB', reason: 'DOB 10/17/2015 is not a date: there is no such day (expected DD/MM/YYYY)' })
    )
    expect(summary.inserted).toBe(cohort.children.length - 1)
  })

  it('warns before writing for each stored child whose date of birth the files change', async () => {
    const { ctx, dir } = await storedWithHistory()
    const header = headerTable(cohort)
    const changed = itemAt(header, 3)
    const stored = defined(changed[2], 'a DOB')
    changed[2] = `01/01/${stored.slice(6)}` === stored ? `02/01/${stored.slice(6)}` : `01/01/${stored.slice(6)}`
    const preview = await import903(ctx, files({ header: writeTable(dir, 'Header-dob.csv', header), episodes: write903(dir, cohort).episodes }), {
      dryRun: true
    })
    expect(preview).toMatchObject({ updated: 1, rejected: [] })
    expect(preview.warnings).toEqual([
      {
        file: 'Header.csv',
        row: 4,
        column: 'DOB',
        value: changed[2],
        reason: `DOB changes (stored ${stored}, in the file ${changed[2]}): a date of birth is seldom corrected; check the file's dates are DD/MM/YYYY`
      }
    ])
    expect(preview.warningGroups.map((g) => g.rule)).toEqual(["DOB changes: a date of birth is seldom corrected; check the file's dates are DD/MM/YYYY"])
  })

  it('refuses a file without the required columns, or one that is not CSV, and writes nothing', async () => {
    const ctx = await tempContext()
    const dir = tempDir()
    const before = await dumpDb(ctx.db)
    const header = headerTable(cohort).map((r) => r.filter((_, i) => i !== 2))
    const paths = write903(dir, cohort)
    await expect(
      import903(ctx, [
        { name: 'Episodes.csv', path: paths.episodes },
        { name: 'Header.csv', path: writeTable(dir, 'H.csv', header) }
      ])
    ).rejects.toThrow(/Header\.csv: looks like the 903 Header table but lacks the required column DOB/)
    const withoutTwo = episodesTable(cohort).map((r) => r.filter((_, c) => c !== 2 && c !== 3))
    await expect(import903(ctx, [{ name: 'Episodes.csv', path: writeTable(dir, 'E2.csv', withoutTwo) }])).rejects.toThrow(
      /Episodes\.csv: looks like the 903 Episodes table but lacks the required columns RNE, LS$/
    )
    writeFileSync(join(dir, 'photo.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2]))
    await expect(import903(ctx, [{ name: 'photo.csv', path: join(dir, 'photo.csv') }])).rejects.toThrow(/photo\.csv: not a CSV file or a workbook/)
    await expect(import903(ctx, [{ name: 'x.csv', content: Buffer.from('a,b\n"unclosed,2\n') }])).rejects.toThrow(/x\.csv: /)
    expect(await dumpDb(ctx.db)).toEqual(before)
  })

  it('round-trips 903 → store → 903 → store losslessly for every field', async () => {
    const source = await tempContext()
    await loadDemo(source.db, generateDemo({ asOf: '2020-03-31', lookedAfter: 60, seed: 7 }), 'tester')
    await source.db.prepare("UPDATE episode SET urn = '=SUM(1)', home_post = '+44 bad' WHERE id = 1").run()
    await source.db.prepare("UPDATE child SET mc_dob = '2019-05-01', mother = 1 WHERE child_id = (SELECT child_id FROM child WHERE sex = 2 LIMIT 1)").run()
    const dir = tempDir()
    const out = await export903(source, dir)
    expect(readFileSync(out.episodes, 'utf8')).toContain(`'=SUM(1)`)
    const target = await tempContext()
    const summary = await import903(target, files(out))
    expect(summary.rejected).toEqual([])
    expect(await stored903(target)).toEqual(await stored903(source))
    const again = await export903(target, tempDir(), { pageSize: 7 })
    expect(readFileSync(again.header, 'utf8')).toBe(readFileSync(out.header, 'utf8'))
    expect(readFileSync(again.episodes, 'utf8')).toBe(readFileSync(out.episodes, 'utf8'))
  })

  it('reads uploaded bytes the same as a path', async () => {
    const ctx = await tempContext()
    const summary = await import903(ctx, [
      { name: 'Header.csv', content: Buffer.from(csvText(headerTable(cohort), { excel: true })) },
      { name: 'Episodes.csv', content: Buffer.from(csvText(episodesTable(cohort))) }
    ])
    expect(summary).toMatchObject({ inserted: cohort.children.length, rejected: [] })
    expect(summary.files.map((f) => [f.name, f.table, f.rows])).toEqual([
      ['Header.csv', '903 Header', cohort.children.length],
      ['Episodes.csv', '903 Episodes', cohort.episodes.length]
    ])
  })

  it('reads a workbook with Header and Episodes sheets, with real Excel dates, and skips other sheets', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Read me').addRow(['Exported by a case management system (synthetic)'])
    const toDate = (uk: string): Date | string => {
      const m = /^(\d\d)\/(\d\d)\/(\d{4})$/.exec(uk)
      return m ? new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))) : uk
    }
    const header = workbook.addWorksheet('Header')
    for (const [i, r] of headerTable(cohort).entries()) header.addRow(i === 0 ? r : r.map((v, j) => (j === 2 ? toDate(v) : j === 1 ? Number(v) : v)))
    const episodes = workbook.addWorksheet('Episodes')
    for (const [i, r] of episodesTable(cohort).entries()) episodes.addRow(i === 0 ? r : r.map((v, j) => (j === 1 || j === 7 ? toDate(v) : v)))
    const path = join(tempDir(), 'return.xlsx')
    await workbook.xlsx.writeFile(path)
    const plain = await tempContext()
    await import903(plain, files(write903(tempDir(), cohort)))
    const ctx = await tempContext()
    const summary = await import903(ctx, [{ name: 'return.xlsx', path }])
    expect(summary).toMatchObject({ inserted: cohort.children.length, rejected: [] })
    expect(summary.files.map((f) => f.table)).toEqual(['903 Header', '903 Episodes'])
    expect(await stored903(ctx)).toEqual(await stored903(plain))
  })
})
