import ExcelJS from 'exceljs'
import { createWriteStream } from 'node:fs'
import { trackerView } from '../src/main/core/tracker/view'
import { trackerColumns, writeTrackerWorkbook } from '../src/main/core/tracker/export'
import { openDb } from '../src/main/core/store/db'

/**
 * One measured job in its own process (see measure.ts inChildProcess). Prints one JSON
 * line: {ms, peakRssMb, result}. Only the work named by the job is timed.
 */
type Job = (args: Record<string, string>) => Promise<{ ms: number; result: unknown }>

const timed = async (fn: () => Promise<unknown>): Promise<{ ms: number; result: unknown }> => {
  const start = performance.now()
  const result = await fn()
  return { ms: performance.now() - start, result }
}

const jobs: Record<string, Job> = {
  /** The app's tracker workbook (formatted, escaped) for a date; the query is not timed. */
  exportTracker: async ({ db, out, asOf }) => {
    const view = trackerView(openDb(db, { readonly: true }), asOf)
    return timed(async () => {
      await writeTrackerWorkbook(view, { generatedBy: 'bench', generatedAt: new Date(), demo: true }, createWriteStream(out))
      return view.rows.length
    })
  },
  /** Baseline: exceljs's streaming writer with the same cell values, no styles, no escaping. */
  bareExport: async ({ db, out, asOf }) => {
    const view = trackerView(openDb(db, { readonly: true }), asOf)
    return timed(async () => {
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(out), useStyles: false, useSharedStrings: false })
      const sheet = book.addWorksheet('Children')
      for (const r of view.rows) sheet.addRow(trackerColumns.map((c) => c.value(r, asOf))).commit()
      sheet.commit()
      await book.commit()
      return view.rows.length
    })
  }
}

const [name, rawArgs] = process.argv.slice(2)
const job = jobs[name]
if (!job) throw new Error(`unknown bench job ${name}`)
const { ms, result } = await job(JSON.parse(rawArgs) as Record<string, string>)
process.stdout.write(`${JSON.stringify({ ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), result })}\n`)
