import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Workbooks made by the tools councils' files come from, in test setup: Python's openpyxl
 * (pandas' writer: inline strings, absolute part paths) and xlsxwriter (shared strings),
 * and LibreOffice (xlsx, legacy xls, ods). Each is null when its tool is not installed,
 * so a test can skip and say so.
 */
export type SheetSpec = Record<string, (string | { date: string } | { formula: string } | null)[][]>

const script = String.raw`
import datetime, json, sys
spec = json.load(open(sys.argv[1]))
def value(v):
    if isinstance(v, dict) and 'date' in v: return datetime.datetime.fromisoformat(v['date'])
    if isinstance(v, dict) and 'formula' in v: return v['formula']
    return v
if spec['writer'] == 'openpyxl':
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in spec['sheets'].items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([value(v) for v in row])
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, datetime.datetime): cell.number_format = 'DD/MM/YYYY'
    wb.save(spec['out'])
else:
    import xlsxwriter
    wb = xlsxwriter.Workbook(spec['out'])
    fmt = wb.add_format({'num_format': 'dd/mm/yyyy'})
    for name, rows in spec['sheets'].items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None: continue
                if isinstance(v, dict) and 'date' in v: ws.write_datetime(r, c, value(v), fmt)
                elif isinstance(v, dict): ws.write_formula(r, c, v['formula'])
                else: ws.write_string(r, c, v)
    wb.close()
`

const pythons = ['/usr/bin/python3', 'python3']
let found: string | null | undefined

/** A python3 that has openpyxl and xlsxwriter, or null. */
export function pythonWithWriters(): string | null {
  found ??= pythons.find((p) => spawnSync(p, ['-c', 'import openpyxl, xlsxwriter'], { stdio: 'ignore' }).status === 0) ?? null
  return found
}

export function writeWithPython(writer: 'openpyxl' | 'xlsxwriter', sheets: SheetSpec, out: string): string {
  const python = pythonWithWriters()
  if (!python) throw new Error('python3 with openpyxl and xlsxwriter is not installed')
  const specPath = `${out}.json`
  writeFileSync(specPath, JSON.stringify({ writer, sheets, out }))
  writeFileSync(`${out}.py`, script)
  const r = spawnSync(python, [`${out}.py`, specPath], { encoding: 'utf8', timeout: 60_000 })
  if (r.status !== 0) throw new Error(`${writer} failed: ${r.stderr}`)
  return out
}

export const hasLibreOffice = (): boolean => spawnSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0

/** Converts `file` with headless LibreOffice (its own profile, so parallel runs do not collide); returns the new path. */
export function convertWithLibreOffice(file: string, format: 'xlsx' | 'xls' | 'ods', workDir: string): string {
  return runLibreOffice(file, workDir, `as-${format}`, ['--convert-to', format], format)
}

/**
 * Sheet `sheet` of a workbook (1 the first) opened in LibreOffice as a UK user would and
 * saved as CSV, each cell as shown: a date as its number format shows it, a date written
 * as text stays that text. Returns the CSV's path.
 */
export function sheetAsShownByLibreOffice(file: string, sheet: number, sheetName: string, workDir: string): string {
  const csv = `csv:Text - txt - csv (StarCalc):44,34,76,1,,2057,false,true,true,false,false,${sheet}`
  const written = runLibreOffice(file, workDir, `sheet-${sheet}`, ['--convert-to', csv], 'csv')
  // LibreOffice names a single sheet's CSV after the sheet: name-Sheet.csv.
  return written.replace(/\.csv$/, `-${sheetName}.csv`)
}

/**
 * A CSV opened in LibreOffice as a UK user would (dates read day first) and saved as CSV
 * again: LibreOffice writes those dates in its own default form, month first with two-digit
 * years (24/10/2009 becomes 10/24/09).
 */
export function resaveCsvWithLibreOffice(file: string, workDir: string): string {
  return runLibreOffice(file, workDir, 'resaved', ['--infilter=CSV:44,34,76,1,,2057', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1'], 'csv')
}

function runLibreOffice(file: string, workDir: string, outName: string, args: string[], extension: string): string {
  const profile = join(workDir, 'lo-profile')
  const outDir = join(workDir, outName)
  mkdirSync(outDir, { recursive: true })
  const r = spawnSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', ...args, '--outdir', outDir, file], {
    encoding: 'utf8',
    timeout: 120_000
  })
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`)
  return join(outDir, `${basename(file, extname(file))}.${extension}`)
}
