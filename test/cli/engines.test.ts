/**
 * Engine parity through the CLI: one synthetic cohort (the demo, generated in code) in an
 * SQLite file and in a PostgreSQL database, and every read-only command must answer the
 * same on both: the same JSON, the same CSV files, the same workbook cell values.
 */
import ExcelJS from 'exceljs'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli'
import { freshTeamDatabase } from '../helpers/postgres'

const asOf = '2020-03-31'
const engines = ['sqlite', 'postgres'] as const
type Engine = (typeof engines)[number]

let dir: string
const db = {} as Record<Engine, string>

const ok = async (engine: Engine, args: string[]) => {
  const r = await runCli(['--db', db[engine], ...args])
  expect(r.status, `${engine}: ${args.join(' ')}: ${r.stderr}`).toBe(0)
  return r
}

/**
 * What may differ between two runs of the same command: the clock, and who acted (the OS
 * user on SQLite, the database login on PostgreSQL, which the audit log insists on).
 */
const acting: Record<Engine, RegExp> = { sqlite: /^cli-tester$/, postgres: /^tester$/ }
function stable(value: unknown, engine: Engine): unknown {
  if (typeof value === 'string') {
    if (acting[engine].test(value)) return '<who>'
    return value
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
      .replace(/(\d\d\/\d\d\/\d{4}) \d\d:\d\d/g, '$1 <time>')
      .replace(/\b(cli-tester|tester)\b/g, '<who>')
  }
  if (Array.isArray(value)) return value.map((v) => stable(v, engine))
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stable(v, engine)]))
  return value
}

/** The command's JSON on each engine. */
const both = async (args: string[]): Promise<Record<Engine, unknown>> => ({
  sqlite: stable((await ok('sqlite', [...args, '--json'])).json(), 'sqlite'),
  postgres: stable((await ok('postgres', [...args, '--json'])).json(), 'postgres')
})

/** Every cell's value of every sheet, formulas by their cached result, dates as ISO text. */
async function cells(file: string): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const out: Record<string, unknown[][]> = {}
  wb.eachSheet((ws) => {
    const rows: unknown[][] = []
    ws.eachRow({ includeEmpty: true }, (row) => {
      const values: unknown[] = []
      row.eachCell({ includeEmpty: true }, (cell) => {
        const v = cell.value
        values.push(
          v instanceof Date
            ? v.toISOString()
            : v !== null && typeof v === 'object' && 'result' in v
              ? { formula: (v as { formula?: string }).formula, result: (v as { result: unknown }).result }
              : v
        )
      })
      rows.push(values)
    })
    out[ws.name] = rows
  })
  return out
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permanence-engines-'))
  db.sqlite = join(dir, 'demo.db')
  db.postgres = await freshTeamDatabase()
  for (const engine of engines) await ok(engine, ['demo', '--as-of', asOf, '--children', '150', '--seed', '14'])
}, 300_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('every read-only CLI command answers the same on SQLite and PostgreSQL', () => {
  describe('costs and forecast', () => {
    it('costs (the unit-cost table)', async () => {
      const r = await both(['costs', '--as-of', asOf])
      expect(r.postgres).toEqual(r.sqlite)
    })

    it('costs baseline', async () => {
      const r = await both(['costs', 'baseline', '--date', asOf])
      expect(r.postgres).toEqual(r.sqlite)
      expect((r.sqlite as { lookedAfter: number }).lookedAfter).toBeGreaterThan(100)
    })

    it('costs sufficiency', async () => {
      const r = await both(['costs', 'sufficiency', '--as-of', asOf])
      expect(r.postgres).toEqual(r.sqlite)
    })

    it('costs run', async () => {
      const scenario = join(dir, 'scenario.json')
      writeFileSync(
        scenario,
        JSON.stringify({
          name: 'Step down',
          years: 3,
          weeksPerYear: 52,
          costsAsOf: asOf,
          baseline: { IFA: 30, RESIDENTIAL_EXTERNAL: 6 },
          proposed: { IFA: 24, FOSTER_INHOUSE: 6, RESIDENTIAL_EXTERNAL: 5 }
        })
      )
      const r = await both(['costs', 'run', scenario])
      expect(r.postgres).toEqual(r.sqlite)
    })

    it('forecast', async () => {
      const r = await both(['forecast', '--as-of', asOf, '--runs', '50'])
      expect(r.postgres).toEqual(r.sqlite)
      expect((r.sqlite as { lookedAfter: number }).lookedAfter).toBeGreaterThan(100)
    })
  })

  describe('tracker, review, agenda and files', () => {
    it('tracker (counts)', async () => {
      const r = await both(['tracker', '--as-of', asOf])
      expect(r.postgres).toEqual(r.sqlite)
    })

    it('tracker --children (rows)', async () => {
      const r = await both(['tracker', '--as-of', asOf, '--children'])
      expect(r.postgres).toEqual(r.sqlite)
    })

    it('export tracker (cell values)', async () => {
      const out = { sqlite: join(dir, 'tracker-sqlite.xlsx'), postgres: join(dir, 'tracker-postgres.xlsx') }
      for (const engine of engines) await ok(engine, ['export', 'tracker', '--as-of', asOf, '--out', out[engine]])
      expect(stable(await cells(out.postgres), 'postgres')).toEqual(stable(await cells(out.sqlite), 'sqlite'))
    })

    it('export children (cell values), searched and sorted', async () => {
      const out = { sqlite: join(dir, 'children-sqlite.xlsx'), postgres: join(dir, 'children-postgres.xlsx') }
      for (const engine of engines) await ok(engine, ['export', 'children', '--search', 'demo', '--sort', 'carer:desc,dob', '--out', out[engine]])
      expect(stable(await cells(out.postgres), 'postgres')).toEqual(stable(await cells(out.sqlite), 'sqlite'))
    })

    it('review status and export', async () => {
      for (const engine of engines) await ok(engine, ['review', 'open', '--date', asOf, '--confirm'])
      const r = await both(['review', 'status', '--children'])
      expect(r.postgres).toEqual(r.sqlite)
      const out = { sqlite: join(dir, 'review-sqlite.xlsx'), postgres: join(dir, 'review-postgres.xlsx') }
      for (const engine of engines) await ok(engine, ['review', 'export', '--out', out[engine]])
      expect(stable(await cells(out.postgres), 'postgres')).toEqual(stable(await cells(out.sqlite), 'sqlite'))
    })

    it('agenda suggest', async () => {
      const r = await both(['agenda', 'suggest', '--date', asOf, '--limit', '50'])
      expect(r.postgres).toEqual(r.sqlite)
    })

    it('export 903 (the CSV files)', async () => {
      const out = { sqlite: join(dir, '903-sqlite'), postgres: join(dir, '903-postgres') }
      for (const engine of engines) await ok(engine, ['export', '903', '--out', out[engine]])
      const files = readdirSync(out.sqlite).sort()
      expect(files).toEqual(['Episodes.csv', 'Header.csv'])
      expect(readdirSync(out.postgres).sort()).toEqual(files)
      for (const f of files) expect(readFileSync(join(out.postgres, f), 'utf8'), f).toBe(readFileSync(join(out.sqlite, f), 'utf8'))
    })

    it('import history (after importing the same 903 files into both)', async () => {
      const files = join(dir, '903-import')
      await ok('sqlite', ['export', '903', '--out', files])
      for (const engine of engines) await ok(engine, ['import', '903', join(files, 'Header.csv'), join(files, 'Episodes.csv')])
      const r = await both(['call', 'importHistory', '{}'])
      // When and by whom differ by nature (the clock; the OS user on SQLite, the login on PostgreSQL).
      const comparable = (list: unknown) => (list as Record<string, unknown>[]).map(({ importedAt: _at, importedBy: _by, ...rest }) => rest)
      expect(comparable(r.postgres)).toEqual(comparable(r.sqlite))
      expect((r.sqlite as unknown[]).length).toBeGreaterThan(0)
    })
  })
})
