import { describe, expect, it } from 'vitest'
import { createDemo } from '../../../src/main/core/demo/load'
import { dispatch } from '../../../src/main/core/dispatch'
import { export903 } from '../../../src/main/core/io/ssda903/export'
import { import903 } from '../../../src/main/core/io/ssda903/import'
import { looksLikePostcode } from '../../../src/main/core/io/ssda903/postcode'
import { start903Import } from '../../../src/main/core/io/ssda903/start'
import { upnCheckLetter, upnCheckLetterOk } from '../../../src/main/core/io/ssda903/upn'
import { groupIssues, ruleOf } from '../../../src/main/core/io/warnings'
import type { DataImportSummary, ImportProgress, RowIssue } from '../../../src/shared/api'
import { dumpDb } from '../../helpers/dump'
import { cohort903, episodesTable, headerTable, validUpn, writeTable } from '../../helpers/fixtures903'
import { tempContext, tempDir } from '../../helpers/tmp'
import { firstOf, itemAt } from '../../helpers/defined'

const issue = (row: number, column: string, value: string, reason: string): RowIssue => ({ file: 'Episodes.csv', row, column, value, reason })

describe('warnings grouped by rule', () => {
  it.each([
    ['HOME_POST does not look like a UK postcode', 'NOT A POSTCODE', 'HOME_POST does not look like a UK postcode'],
    ['episode overlaps the one on row 12 (2019-01-01 to open)', '01/02/2019', 'episode overlaps the one on row …'],
    // A duplicated episode: the aside holds the row's own value.
    ['episode overlaps the one on row 3 (05/08/2026 to open)', '05/08/2026', 'episode overlaps the one on row …'],
    ['REC is X1 but no episode of this child starts on DEC (2019-05-01)', 'X1', 'REC is X1 but no episode of this child starts on DEC'],
    ["DECOM is before the child's DOB (2012-05-05)", '2012-01-01', "DECOM is before the child's DOB"],
    ['UPN check letter does not match (or UPN is not 13 characters)', 'B123', 'UPN check letter does not match (or UPN is not 13 characters)'],
    ['same event as row 4; imported once', 'DEMO000001', 'same event as row …; imported once'],
    ['another episode of child DEMO000001 was rejected, so …', 'DEMO000001', 'another episode of child … was rejected, so …']
  ])('names the rule of "%s" without the row\'s values', (reason, value, rule) => {
    expect(ruleOf({ value, reason })).toBe(rule)
  })

  it('counts every issue of a rule, keeps the first three as examples, largest group first', () => {
    const issues = [
      ...Array.from({ length: 5 }, (_, i) => issue(i + 2, 'HOME_POST', `BAD ${i}`, 'HOME_POST does not look like a UK postcode')),
      issue(9, 'DECOM', '01/01/2020', 'episode overlaps the one on row 3 (2019-01-01 to open)'),
      issue(11, 'DECOM', '01/01/2021', 'episode overlaps the one on row 10 (2020-06-01 to 2021-02-01)'),
      issue(12, 'PL_POST', 'BAD', 'PL_POST does not look like a UK postcode')
    ]
    expect(groupIssues(issues)).toEqual([
      { rule: 'HOME_POST does not look like a UK postcode', column: 'HOME_POST', count: 5, examples: issues.slice(0, 3) },
      { rule: 'episode overlaps the one on row …', column: 'DECOM', count: 2, examples: [issues[5], issues[6]] },
      { rule: 'PL_POST does not look like a UK postcode', column: 'PL_POST', count: 1, examples: [issues[7]] }
    ])
  })
})

describe('903 rules behind the warnings', () => {
  it.each(['SW1A 1AA', 'sw1a1aa', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'EC1A  1BB', 'ZZ99 3CZ', 'SW1A 1', 'M1 1', 'GIR 0AA', 'BFPO 57'])(
    'accepts the postcode %s',
    (text) => {
      expect(looksLikePostcode(text)).toBe(true)
    }
  )
  it.each(['NOT A POSTCODE', '12345', 'SW1A 1A', 'SW1A', '+44 bad', '1AA 1AA'])('warns about %s', (text) => expect(looksLikePostcode(text)).toBe(false))

  it('computes the DfE UPN check letter', () => {
    expect(upnCheckLetter('123456789012')).toBe('A')
    expect(upnCheckLetterOk('A123456789012')).toBe(true)
    expect(upnCheckLetterOk('B123456789012')).toBe(false)
    for (let n = 0; n < 20; n++) expect(upnCheckLetterOk(validUpn(n * 7919))).toBe(true)
    expect(upnCheckLetter('12345678901!')).toBeNull()
  })
})

describe('903 import: grouped warnings, history and early refusal', () => {
  const cohort = cohort903({ lookedAfter: 30 })

  it("returns a clean return's thousands of one warning as one group, and keeps the full list too", async () => {
    const episodes = episodesTable(cohort)
    // Repeat the episodes under new IDs (DEMO000007 → K03000007, within CHILD's 10 characters) until there
    // are several thousand rows, each with a postcode of no known shape.
    const copyId = (id: string, copy: number): string => `K${String(copy).padStart(2, '0')}${id.slice(4)}`
    const rows: string[][] = [firstOf(episodes)]
    const header = [firstOf(headerTable(cohort))]
    for (let copy = 0; rows.length < 3000; copy++) {
      for (const c of headerTable(cohort).slice(1)) header.push([copyId(firstOf(c), copy), ...c.slice(1)])
      for (const e of episodes.slice(1)) rows.push([copyId(firstOf(e), copy), ...e.slice(1, 10), '12345', ...e.slice(11)])
    }
    const dir = tempDir()
    const ctx = await tempContext()
    const summary = await import903(
      ctx,
      [
        { name: 'Header.csv', path: writeTable(dir, 'Header.csv', header) },
        { name: 'Episodes.csv', path: writeTable(dir, 'Episodes.csv', rows) }
      ],
      { dryRun: true }
    )
    const postcode = summary.warningGroups.filter((g) => g.column === 'HOME_POST')
    expect(postcode).toHaveLength(1)
    expect(postcode[0]).toMatchObject({ rule: 'HOME_POST does not look like a UK postcode', count: rows.length - 1 })
    expect(postcode[0]?.examples.map((e) => e.row)).toEqual([2, 3, 4])
    expect(summary.warnings.filter((w) => w.column === 'HOME_POST')).toHaveLength(rows.length - 1)
    expect(summary.warningGroups.reduce((n, g) => n + g.count, 0)).toBe(summary.totals.warnings)
  })

  it('keeps numeric-looking text exactly as written, so a second import of the same files changes nothing', async () => {
    const episodes = episodesTable(cohort)
    for (const e of episodes.slice(1)) e[12] = '0012345'
    itemAt(episodes, 1)[10] = '01234'
    const dir = tempDir()
    const files = [
      { name: 'Header.csv', path: writeTable(dir, 'Header.csv', headerTable(cohort)) },
      { name: 'Episodes.csv', path: writeTable(dir, 'Episodes.csv', episodes) }
    ]
    const ctx = await tempContext()
    await import903(ctx, files)
    expect(await ctx.db.prepare('SELECT DISTINCT urn FROM episode').pluck().all()).toEqual(['0012345'])
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM episode WHERE home_post = '01234'").pluck().get()).toBe(1)
    expect(await import903(ctx, files)).toMatchObject({ inserted: 0, updated: 0, unchanged: cohort.children.length })
  })

  it("re-imports the app's own 903 export with no warnings at all", async () => {
    const source = await tempContext()
    await createDemo(source.db, { asOf: '2020-03-31', lookedAfter: 300 }, 'tester')
    const out = await export903(source, tempDir())
    const summary = await import903(
      await tempContext(),
      [
        { name: 'Header.csv', path: out.header },
        { name: 'Episodes.csv', path: out.episodes }
      ],
      { dryRun: true }
    )
    expect(summary.rejected).toEqual([])
    expect(summary.warningGroups).toEqual([])
    expect(summary.totals.warnings).toBe(0)
  })

  it('refuses a wrong CSV from its first row before the import starts, writing nothing', async () => {
    const ctx = await tempContext()
    const before = await dumpDb(ctx.db)
    const seen: ImportProgress[] = []
    const wrong = { name: 'notes.csv', content: Buffer.from('Name,Phone\nAda,0123 456789\n') }
    await expect(start903Import(ctx, [wrong], { onProgress: (p) => seen.push(p) })).rejects.toThrow(
      'notes.csv: is not a 903 Header or Episodes table (its first row should name the columns, e.g. CHILD, SEX, DOB or CHILD, DECOM, RNE …)'
    )
    expect(seen).toEqual([])
    // The same message the import gives when it reads the file itself.
    await expect(import903(ctx, [wrong])).rejects.toThrow('notes.csv: is not a 903 Header or Episodes table')
    expect(await dumpDb(ctx.db)).toEqual(before)
  })

  it('says it is starting before the first row is read', async () => {
    const ctx = await tempContext()
    const dir = tempDir()
    const seen: string[] = []
    await start903Import(ctx, [{ name: 'Header.csv', path: writeTable(dir, 'Header.csv', headerTable(cohort)) }], {
      dryRun: true,
      onProgress: (p) => seen.push(p.phase)
    })
    expect(seen.filter((p, i) => p !== seen[i - 1])).toEqual(['starting', 'reading', 'checking', 'done'])
  })

  it('records an import that changes nothing in the history through the API, with its report', async () => {
    const ctx = await tempContext()
    const dir = tempDir()
    const header = headerTable(cohort)
    itemAt(header, 1)[4] = 'B123456789012'
    const files = [{ path: writeTable(dir, 'Header.csv', header) }, { path: writeTable(dir, 'Episodes.csv', episodesTable(cohort)) }]
    expect((await dispatch(ctx, 'commitImport', { kind: '903', files })).ok).toBe(true)
    const again = await dispatch(ctx, 'commitImport', { kind: '903', files })
    const summary = (again.ok ? again.value : null) as DataImportSummary
    expect(summary).toMatchObject({ inserted: 0, updated: 0, batchId: expect.any(Number) })
    expect(summary.warningGroups).toEqual([expect.objectContaining({ column: 'UPN', count: 1 })])
    const history = await dispatch(ctx, 'importHistory', {})
    expect(history.ok && (history.value as { id: number; inserted: number }[])[0]).toMatchObject({ id: summary.batchId, inserted: 0, updated: 0 })
    const report = await dispatch(ctx, 'rejectedReport', { batchId: summary.batchId, format: 'csv' })
    expect(report.ok && Buffer.from((report.value as { contentBase64: string }).contentBase64, 'base64').toString()).toContain(
      'warning,Header.csv,2,UPN,B123456789012,'
    )
  })
})
