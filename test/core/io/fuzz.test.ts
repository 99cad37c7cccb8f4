import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readScenarioFile } from '../../../src/cli/commands/costs'
import { runScenario } from '../../../src/main/core/costs/formula'
import { importUnitCosts } from '../../../src/main/core/costs/importUnitCosts'
import { unitCostsOn, weeklyTable } from '../../../src/main/core/costs/unitCosts'
import type { Context } from '../../../src/main/core/context'
import { createDemo } from '../../../src/main/core/demo/load'
import { AppError } from '../../../src/main/core/errors'
import { importCarers } from '../../../src/main/core/io/carers/import'
import { import903 } from '../../../src/main/core/io/ssda903/import'
import { importTracker } from '../../../src/main/core/io/tracker/import'
import { childPlacements } from '../../../src/main/core/placements/placements'
import { openContext } from '../../../src/main/core/session'
import { carersMapping, trackerMapping, type CarersImportSummary, type DataImportSummary, type ImportSummary } from '../../../src/shared/api'
import { dumpData } from '../../helpers/dump'
import { episodeColumns, headerColumns } from '../../helpers/fixtures903'
import { craftXlsx, type RawCell } from '../../helpers/zip'
import { firstOf, itemAt } from '../../helpers/defined'

/**
 * Hostile files through every import path, generated with fast-check from fixed seeds (so
 * a failure is reproducible). Every case must end in a clear error (an invalid_input that
 * names the file) or in row rejections that name file, row, column and reason — and the
 * database must be exactly as it was. One database serves every case; its dump is
 * compared after each. The counts are reported at the end and kept in the README.
 */
const runs = { csv903: 300, xlsx903: 200, tracker: 250, carers: 200, costs: 150, scenario: 200 }
const counts: Record<string, Record<string, number>> = {}
const tally = (path: string, outcome: 'error' | 'rejected' | 'computed'): void => {
  counts[path] ??= {}
  counts[path][outcome] = (counts[path][outcome] ?? 0) + 1
}

let dir: string
let ctx: Context
let baseline: Awaited<ReturnType<typeof dumpData>>
let storedChild: { id: string; dob: string }
/** A stored child with a placement on record, and the day that placement starts (DD/MM/YYYY). */
let placedChild: { id: string; dob: string; start: string }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permanence-fuzz-'))
  ctx = await openContext(join(dir, 'fuzz.db'), 'cli', 'fuzzer')
  ctx.today = () => '2020-03-31'
  await createDemo(ctx.db, { asOf: '2020-03-31', lookedAfter: 12, seed: 77, childrenOnly: true }, 'fuzzer')
  const row = (await ctx.db.prepare('SELECT child_id AS id, dob FROM child ORDER BY child_id LIMIT 1').get()) as { id: string; dob: string }
  storedChild = row
  const children = (await ctx.db.prepare('SELECT child_id AS id, dob FROM child ORDER BY child_id').all()) as { id: string; dob: string }[]
  let placed: { id: string; dob: string } | undefined
  for (const c of children) if (!placed && (await childPlacements(ctx.db, c.id)).length > 0) placed = c
  if (!placed) throw new Error('the demo cohort has no placed child')
  const start = firstOf(await childPlacements(ctx.db, placed.id)).start
  placedChild = { ...placed, start: `${start.slice(8, 10)}/${start.slice(5, 7)}/${start.slice(0, 4)}` }
  baseline = await dumpData(ctx.db)
})

afterAll(async () => {
  await ctx?.db.close()
  rmSync(dir, { recursive: true, force: true })
  console.log(`import fuzz cases: ${JSON.stringify(counts)}`)
})

/** Text no field accepts, whatever the column. */
const poison = fc.oneof(
  fc.constantFrom('\u0000', 'A\u0000B', 'x\u0007', '\u001b[31m', 'A\ufffdB', '\u0085'),
  fc.string({ maxLength: 200 }).map((s) => `Z${'y'.repeat(10_000)}${s}`),
  fc.integer({ min: 0, max: 31 }).map((c) => `v${String.fromCharCode(c === 9 || c === 10 || c === 13 ? 0 : c)}`)
)
/** Anything at all: a field that may or may not be valid. */
const anyText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '=1+1',
    '@SUM(A1)',
    '__proto__',
    'constructor',
    '12345',
    '01/01/1001',
    '31/12/1899',
    '29/02/2019',
    '01/01/2099',
    '1e308',
    'NaN',
    '-1',
    '😀',
    '\u202e',
    '"',
    '""',
    ',',
    '\r',
    '\n'
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  poison
)
const badDate = fc.constantFrom(
  '12345',
  '43921',
  '01/01/1001',
  '31/12/1899',
  '31/12/1989',
  '29/02/2019',
  '31/04/2020',
  '01/01/2099',
  '1/1/1',
  '2020-13-01',
  'yesterday',
  '00/00/0000'
)
const notStoredId = fc.nat({ max: 99_999 }).map((n) => `FZ${n}`)

/** A CSV as one of the shapes tools write: plain, Excel (BOM, CRLF, every field quoted), or with stray quoting. */
const csvOf = (rows: string[][], style: number): Buffer => {
  const quote = (v: string): string => (style === 1 || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  const eol = style === 1 ? '\r\n' : '\n'
  return Buffer.from(`${style === 1 ? '\ufeff' : ''}${rows.map((r) => r.map(style === 2 ? (v) => v : quote).join(',')).join(eol)}${eol}`)
}

/** Byte damage: none, truncation, inserted bytes or a flipped byte. */
const damage = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  fc.record({
    kind: fc.constantFrom('truncate', 'insert', 'flip'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 })
  })
)
const damaged = (bytes: Buffer, d: { kind: string; at: number; bytes: Uint8Array } | null): Buffer => {
  if (!d) return bytes
  const at = Math.floor(d.at * bytes.length)
  if (d.kind === 'truncate') return bytes.subarray(0, Math.max(1, at))
  if (d.kind === 'insert') return Buffer.concat([bytes.subarray(0, at), Buffer.from(d.bytes), bytes.subarray(at)])
  const copy = Buffer.from(bytes)
  const flipped = Math.min(at, copy.length - 1)
  copy[flipped] = itemAt(copy, flipped) ^ (d.bytes[0] || 0xff)
  return copy
}

/** The property every case must meet. */
async function endsCleanly<T extends DataImportSummary | CarersImportSummary | ImportSummary>(
  path: string,
  fileName: string,
  run: () => Promise<T>
): Promise<void> {
  try {
    const summary = await run()
    expect(summary.inserted).toBe(0)
    expect(summary.updated).toBe(0)
    for (const r of summary.rejected) {
      if ('file' in r) expect(r.file).toBe(fileName)
      expect(r.row).toBeGreaterThan(0)
      expect(r.column).not.toBe('')
      expect(r.reason).not.toBe('')
      expect(r.value.length).toBeLessThanOrEqual(100)
    }
    expect(JSON.stringify(summary)).not.toContain('[object Object]')
    tally(path, 'rejected')
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    expect(error.code).toBe('invalid_input')
    expect(error.message.startsWith(fileName) || /effective-from|Mapping:/.test(error.message)).toBe(true)
    tally(path, 'error')
  }
  expect(await dumpData(ctx.db)).toEqual(baseline)
}

const header903Row = fc
  .tuple(fc.constantFrom(0, 1, 2), poison, notStoredId, anyText, anyText, anyText, anyText, anyText, anyText)
  .map(([at, bad, id, ...rest]) => {
    const row = [id, '1', '01/01/2010', ...rest.slice(0, 4)]
    row[at] = bad
    return row
  })
const episode903Row = fc.tuple(notStoredId, fc.array(anyText, { minLength: 12, maxLength: 12 })).map(([id, rest]) => [id, ...rest])
const tables903 = fc.record({ header: fc.array(header903Row, { maxLength: 6 }), episodes: fc.array(episode903Row, { maxLength: 6 }) })

describe('import fuzz: every hostile case ends in a clear error or row rejections, database unchanged', () => {
  it(`903 CSV (${runs.csv903} cases)`, { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(tables903, fc.nat({ max: 2 }), damage, damage, async ({ header, episodes }, style, d1, d2) => {
        const h = damaged(csvOf([[...headerColumns], ...header], style), d1)
        const e = damaged(csvOf([[...episodeColumns], ...episodes], style), d2)
        await endsCleanly('903 CSV', 'Header.csv', async () => await import903(ctx, [{ name: 'Header.csv', content: h }]))
        await endsCleanly('903 CSV', 'Episodes.csv', async () => await import903(ctx, [{ name: 'Episodes.csv', content: e }]))
      }),
      { seed: 903, numRuns: runs.csv903 / 2 }
    )
  })

  it(`903 xlsx (${runs.xlsx903} cases)`, { timeout: 60_000 }, async () => {
    const cell = fc.oneof(
      anyText,
      fc.constantFrom<RawCell>(
        { attrs: 't="e"', inner: '<v>#REF!</v>' },
        { attrs: '', inner: '<f>1+1</f>' },
        { attrs: 't="n"', inner: '<v>43921</v>' },
        { attrs: 't="b"', inner: '<v>1</v>' },
        { attrs: 't="d"', inner: '<v>1899-01-01</v>' },
        { attrs: 't="d"', inner: '<v>2099-01-01</v>' },
        { attrs: 't="s"', inner: '<v>99</v>' },
        { attrs: 't="inlineStr"', inner: '<is><t>&#0;</t></is>' }
      )
    )
    const headerRow = fc.tuple(fc.constantFrom(0, 1, 2), poison, notStoredId, fc.array(cell, { maxLength: 6 })).map(([at, bad, id, rest]) => {
      const row: (string | RawCell)[] = [id, '1', '01/01/2010', ...rest]
      row[at] = bad
      return row
    })
    const episodeRow = fc.tuple(notStoredId, fc.array(cell, { maxLength: 12 })).map(([id, rest]) => [id, ...rest])
    await fc.assert(
      fc.asyncProperty(
        fc.array(headerRow, { maxLength: 5 }),
        fc.array(episodeRow, { maxLength: 5 }),
        fc.boolean(),
        damage,
        async (header, episodes, absolute, d) => {
          const book = craftXlsx(
            [
              { name: 'Header', rows: [[...headerColumns], ...header] },
              { name: 'Episodes', rows: [[...episodeColumns], ...episodes] }
            ],
            { absolute }
          )
          await endsCleanly('903 xlsx', 'return.xlsx', async () => await import903(ctx, [{ name: 'return.xlsx', content: damaged(book, d) }]))
        }
      ),
      { seed: 2026, numRuns: runs.xlsx903 }
    )
  })

  it(`tracker file and mapping JSON (${runs.tracker} cases)`, { timeout: 60_000 }, async () => {
    const validMapping = {
      sheet: 'Tracker',
      headerRow: 1,
      columns: { childId: 'Child', date: 'When', outcome: 'Decision', notes: 'Notes' },
      values: { outcome: { agreed: ['Endorsed'], oversight: ['Supervision'] } },
      dateFormat: 'DD/MM/YYYY'
    }
    const mappingText = fc.oneof(
      { weight: 3, arbitrary: fc.constant(JSON.stringify(validMapping)) },
      fc.json({ maxDepth: 3 }),
      fc.string({ maxLength: 40 }),
      fc
        .record({ key: fc.constantFrom('headerRow', 'sheet', 'dateFormat', 'columns', 'values', '__proto__'), value: fc.jsonValue({ maxDepth: 2 }) })
        .map(({ key, value }) => JSON.stringify({ ...validMapping, [key]: value }))
    )
    const trackerRow = fc
      .oneof(
        fc.tuple(notStoredId, anyText, anyText, anyText),
        fc.tuple(
          fc.constant(() => storedChild.id),
          badDate,
          fc.constantFrom('Endorsed', 'Supervision'),
          anyText
        ),
        fc.tuple(
          fc.constant(() => storedChild.id),
          fc.constant(() => `01/01/${Number(storedChild.dob.slice(0, 4)) - 1}`),
          fc.constantFrom('Endorsed', 'Supervision'),
          anyText
        ),
        fc.tuple(
          fc.constant(() => storedChild.id),
          fc.constant('01/02/2020'),
          fc.constantFrom('Maybe', '', 'Endorsed!'),
          anyText
        ),
        fc.tuple(
          fc.constant(() => storedChild.id),
          fc.constant('01/02/2020'),
          fc.constant('Endorsed'),
          poison
        )
      )
      .map((r) => r.map((v) => (typeof v === 'function' ? v() : v)))
    await fc.assert(
      fc.asyncProperty(mappingText, fc.array(trackerRow, { maxLength: 6 }), fc.boolean(), damage, async (text, rows, asXlsx, d) => {
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch (error) {
          expect(error).toBeInstanceOf(SyntaxError)
          tally('tracker mapping JSON', 'error')
          return
        }
        const mapping = trackerMapping.safeParse(json)
        if (!mapping.success) {
          expect(mapping.error.issues.length).toBeGreaterThan(0)
          tally('tracker mapping JSON', 'error')
          return
        }
        const table = [['Child', 'When', 'Decision', 'Notes'], ...rows]
        const name = asXlsx ? 'tracker.xlsx' : 'tracker.csv'
        const bytes = damaged(asXlsx ? craftXlsx([{ name: 'Tracker', rows: table }]) : csvOf(table, 0), d)
        await endsCleanly('tracker', name, async () => await importTracker(ctx, { name, content: bytes }, mapping.data))
      }),
      { seed: 1213, numRuns: runs.tracker }
    )
  })

  it(`carers file and mapping JSON (${runs.carers} cases)`, { timeout: 60_000 }, async () => {
    const validMapping = {
      sheet: 'Carers',
      headerRow: 1,
      dateFormat: 'DD/MM/YYYY',
      defaultKind: 'inhouse',
      columns: {
        approvedDate: 'Approved',
        urn: 'URN',
        kind: 'Type',
        provider: 'Agency',
        address: 'Address',
        childId: 'Child',
        placementStart: 'Placed from',
        carerName: 'Carer'
      },
      values: { kind: { ifa: ['Agency carer'], kinship: ['Family and friends'] } }
    }
    const mappingText = fc.oneof(
      { weight: 6, arbitrary: fc.constant(JSON.stringify(validMapping)) },
      fc.json({ maxDepth: 3 }),
      fc.string({ maxLength: 40 }),
      fc
        .record({
          key: fc.constantFrom('headerRow', 'sheet', 'dateFormat', 'defaultKind', 'columns', 'values', '__proto__'),
          value: fc.jsonValue({ maxDepth: 2 })
        })
        .map(({ key, value }) => JSON.stringify({ ...validMapping, [key]: value })),
      fc.constant(JSON.stringify({ ...validMapping, values: { kind: { ifa: ['Agency carer'], inhouse: ['agency  CARER'] } } }))
    )
    // The required columns come last, so a file cut short loses them rather than the flaw
    // that makes the row bad; every row has a flaw that no mapping above makes good.
    const optional = fc.tuple(anyText, anyText, fc.constantFrom('', 'Agency carer', 'inhouse'), anyText, anyText)
    const placed = (): string[] => [placedChild.id, placedChild.start]
    const carersRow = fc.oneof(
      fc.tuple(optional, notStoredId, anyText, anyText).map(([o, id, start, name]) => [...o, id, start, name]),
      fc.tuple(optional, badDate, anyText).map(([o, start, name]) => [...o, placedChild.id, start, name]),
      fc.tuple(optional, fc.constant('x')).map(([o]) => [...o, placedChild.id, `01/01/${Number(placedChild.dob.slice(0, 4)) - 1}`, 'Robin Example']),
      fc.tuple(optional, fc.constantFrom('', ' ', '""')).map(([o, name]) => [...o, ...placed(), name]),
      fc
        .tuple(poison, anyText, anyText, anyText)
        .map(([approved, urn, agency, address]) => [approved, urn, 'Agency carer', agency, address, ...placed(), 'Robin Example']),
      fc.tuple(anyText, poison, anyText).map(([approved, urn, address]) => [approved, urn, '', '', address, ...placed(), 'Robin Example']),
      fc
        .tuple(anyText, anyText, fc.constantFrom('Wizard', 'IFAX', 'agency carer!', '=1+1'), anyText, anyText)
        .map(([a, u, kind, agency, address]) => [a, u, kind, agency, address, ...placed(), 'Robin Example']),
      fc
        .tuple(fc.constantFrom('31/12/1899', '01/01/1001', '01/01/2099', '12345', '31/04/2020'), anyText)
        .map(([approved, urn]) => [approved, urn, 'inhouse', '', '', ...placed(), 'Robin Example']),
      fc.tuple(fc.constantFrom('SC' + '1'.repeat(19), 'U'.repeat(21)), poison).map(([urn, name]) => ['', urn, '', '', '', ...placed(), name]),
      fc
        .tuple(fc.constantFrom('R'.repeat(201), 'Robin\u0007Example', 'Robin \ufffd', 'Robin\u0085'), fc.constantFrom('Wizard', ''))
        .map(([name, kind]) => ['', '', kind, '', 'A'.repeat(501), ...placed(), name])
    )
    const headings = ['Approved', 'URN', 'Type', 'Agency', 'Address', 'Child', 'Placed from', 'Carer']
    const xlsxCell = fc.constantFrom<RawCell>(
      { attrs: 't="e"', inner: '<v>#REF!</v>' },
      { attrs: '', inner: '<f>1+1</f>' },
      { attrs: 't="d"', inner: '<v>1899-01-01</v>' },
      { attrs: 't="d"', inner: '<v>2099-01-01</v>' },
      { attrs: 't="n"', inner: '<v>43921</v>' },
      { attrs: 't="s"', inner: '<v>99</v>' },
      { attrs: 't="inlineStr"', inner: '<is><t>&#0;</t></is>' }
    )
    // In a workbook, one more flaw can be a cell the reader cannot turn into a value, in any column.
    const sheetRow = fc.tuple(carersRow, fc.option(fc.tuple(fc.nat({ max: 7 }), xlsxCell), { nil: undefined })).map(([row, raw]) => {
      const cells: (string | RawCell)[] = [...row]
      if (raw) cells[raw[0]] = raw[1]
      return cells
    })
    await fc.assert(
      fc.asyncProperty(mappingText, fc.array(sheetRow, { maxLength: 6 }), fc.nat({ max: 3 }), fc.boolean(), damage, async (text, rows, style, absolute, d) => {
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch (error) {
          expect(error).toBeInstanceOf(SyntaxError)
          tally('carers mapping JSON', 'error')
          return
        }
        const mapping = carersMapping.safeParse(json)
        if (!mapping.success) {
          expect(mapping.error.issues.length).toBeGreaterThan(0)
          tally('carers mapping JSON', 'error')
          return
        }
        const asXlsx = style === 3
        const name = asXlsx ? 'carers.xlsx' : 'carers.csv'
        const table = [headings, ...rows]
        const bytes = asXlsx
          ? craftXlsx([{ name: 'Carers', rows: table }], { absolute })
          : csvOf(
              table.map((r) => r.map((c) => (typeof c === 'string' ? c : '=1+1'))),
              style
            )
        await endsCleanly('carers', name, async () => await importCarers(ctx, { name, content: damaged(bytes, d) }, mapping.data))
      }),
      { seed: 1515, numRuns: runs.carers }
    )
  })

  it(`unit-cost sheets (${runs.costs} cases)`, { timeout: 60_000 }, async () => {
    const costRow = fc.oneof(
      fc.tuple(fc.constantFrom('Unicorn care', 'IFAX', 'I F A'), anyText, anyText),
      fc.tuple(fc.constantFrom('IFA', 'SGO', 'Residential – external'), fc.constantFrom('tbc', '-5', '£', '1,2,3', '1e308', ''), anyText),
      fc.tuple(fc.constantFrom('IFA', 'KINSHIP'), fc.constant('500'), badDate),
      fc.tuple(poison, fc.constant('500'), fc.constant('01/04/2020')),
      fc.tuple(
        fc.constant('IFA'),
        fc.constantFrom<RawCell>({ attrs: 't="e"', inner: '<v>#N/A</v>' }, { attrs: '', inner: '<f>B1*2</f>' }),
        fc.constant('01/04/2020')
      )
    )
    await fc.assert(
      fc.asyncProperty(fc.array(costRow, { maxLength: 6 }), damage, async (rows, d) => {
        const book = damaged(craftXlsx([{ name: 'Rates', rows: [['Code', 'Weekly', 'From'], ...rows] }]), d)
        await endsCleanly(
          'unit-cost sheets',
          'rates.xlsx',
          async () =>
            await importUnitCosts(ctx.db, 'fuzzer', {
              fileName: 'rates.xlsx',
              content: book,
              columns: { optionCode: 'Code', weekly: 'Weekly', effectiveFrom: 'From' }
            })
        )
      }),
      { seed: 549, numRuns: runs.costs }
    )
  })

  it(`scenario JSON for costs run (${runs.scenario} cases)`, { timeout: 60_000 }, async () => {
    const valid = {
      name: 'Step down',
      years: 5,
      demandGrowth: 0.02,
      inflation: 0.03,
      baseline: { IFA: 194 },
      proposed: { IFA: 190, ART_HUB: 3 },
      services: { ART_HUB: { beds: 3, fixedAnnual: 598000 } }
    }
    const scenarioText = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc.string({ maxLength: 60 }),
      fc
        .record({
          key: fc.constantFrom(
            'name',
            'years',
            'weeksPerYear',
            'demandGrowth',
            'inflation',
            'baseline',
            'proposed',
            'services',
            'unitCosts',
            'costsAsOf',
            '__proto__',
            'constructor'
          ),
          value: fc.jsonValue({ maxDepth: 2 })
        })
        .map(({ key, value }) => JSON.stringify({ ...valid, [key]: value })),
      fc.constantFrom(
        '{"years":1e308}',
        '{"name":"x","years":5,"baseline":{"IFA":1e308},"proposed":{}}',
        '[]',
        'null',
        '{"__proto__":{"polluted":1}}',
        `{"name":"${'n'.repeat(200)}","years":1,"baseline":{},"proposed":{}}`
      )
    )
    await fc.assert(
      fc.asyncProperty(scenarioText, async (text) => {
        const path = join(dir, 'scenario.json')
        writeFileSync(path, text)
        try {
          const definition = readScenarioFile(path)
          const result = runScenario(definition, weeklyTable(await unitCostsOn(ctx.db, definition.costsAsOf ?? ctx.today())))
          const numbers = JSON.stringify(result).match(/-?\d[\d.e+-]*/g) ?? []
          expect(numbers.every((n) => Number.isFinite(Number(n)))).toBe(true)
          expect(JSON.stringify(result)).not.toMatch(/null|NaN|Infinity/)
          tally('scenario JSON', 'computed')
        } catch (error) {
          expect((error as Error).message.startsWith(path)).toBe(true)
          tally('scenario JSON', 'error')
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        expect(await dumpData(ctx.db)).toEqual(baseline)
      }),
      { seed: 52, numRuns: runs.scenario }
    )
  })
})
