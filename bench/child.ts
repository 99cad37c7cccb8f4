import ExcelJS from 'exceljs'
import { createWriteStream } from 'node:fs'
import { trackerView } from '../src/main/core/tracker/view'
import { trackerColumns, writeTrackerWorkbook } from '../src/main/core/tracker/export'
import { openDb } from '../src/main/core/store/db'
import { openContext } from '../src/main/core/session'
import { import903Paths } from '../src/main/core/io/ssda903/import'
import { trackerCounts } from '../src/main/core/tracker/queries'
import { leanImport903, rawImport903 } from './baselines'
import { benchAsOf } from './scale'

/**
 * One measured job in its own process (see measure.ts inChildProcess). Prints one JSON
 * line: {ms, peakRssMb, result}. Only the work named by the job is timed.
 */
/** What measure.ts sends a job; each job reads the ones it needs. */
interface JobArgs {
  db: string
  header: string
  episodes: string
  out: string
  asOf: string
}
type Job = (args: JobArgs) => Promise<{ ms: number; result: unknown }>

const timed = async (fn: () => Promise<unknown>): Promise<{ ms: number; result: unknown }> => {
  const start = performance.now()
  const result = await fn()
  return { ms: performance.now() - start, result }
}

const storedCounts = async (path: string): Promise<{ children: number; episodes: number }> => {
  const db = await openDb(path, { readonly: true })
  try {
    return (await db.prepare('SELECT (SELECT COUNT(*) FROM child) AS children, (SELECT COUNT(*) FROM episode) AS episodes').get()) as {
      children: number
      episodes: number
    }
  } finally {
    await db.close()
  }
}

const jobs: Record<string, Job> = {
  /** The app's 903 import (read, validate, plan, write) of Header + Episodes into `db`; opening (migrating) it is not timed. */
  import903: async ({ db, header, episodes }) => {
    const ctx = await openContext(db, 'cli', 'bench')
    const run = await timed(async () => await import903Paths(ctx, [header, episodes]))
    await ctx.db.close()
    const summary = run.result as { inserted: number; updated: number; unchanged: number }
    return { ms: run.ms, result: { ...(await storedCounts(db)), inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged } }
  },
  /** The app's 903 import into a fresh database and then its first tracker answer, timed together: when the data is usable. */
  import903Ready: async ({ db, header, episodes }) => {
    const ctx = await openContext(db, 'cli', 'bench')
    const run = await timed(async () => {
      const summary = await import903Paths(ctx, [header, episodes])
      return { inserted: summary.inserted, lookedAfter: (await trackerCounts(ctx.db, benchAsOf)).lookedAfter }
    })
    await ctx.db.close()
    return { ms: run.ms, result: { ...(await storedCounts(db)), ...(run.result as object) } }
  },
  /** Lean baseline: plain line split + prepared inserts into tables without indexes or triggers, one transaction. */
  leanImport903: async ({ db, header, episodes }) => await timed(async () => await Promise.resolve(leanImport903(db, header, episodes))),
  /** Baseline: csv-parse stream + raw prepared inserts in one transaction, no validation, same schema. */
  rawImport903: async ({ db, header, episodes }) => {
    const conn = await openDb(db)
    const run = await timed(async () => await rawImport903(conn, header, episodes))
    await conn.close()
    return { ms: run.ms, result: await storedCounts(db) }
  },
  /** The app's tracker workbook (formatted, escaped) for a date; the query is not timed. */
  exportTracker: async ({ db, out, asOf }) => {
    const view = await trackerView(await openDb(db, { readonly: true }), asOf)
    return timed(async () => {
      await writeTrackerWorkbook(view, { generatedBy: 'bench', generatedAt: new Date(), demo: true }, createWriteStream(out))
      return view.rows.length
    })
  },
  /** Baseline: exceljs's streaming writer with the same cell values, no styles, no escaping. */
  bareExport: async ({ db, out, asOf }) => {
    const view = await trackerView(await openDb(db, { readonly: true }), asOf)
    return timed(async () => {
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(out), useStyles: false, useSharedStrings: false })
      const sheet = book.addWorksheet('Children')
      const columns = trackerColumns(asOf, view.thresholds)
      for (const r of view.rows) sheet.addRow(columns.map((c) => c.value(r))).commit()
      sheet.commit()
      await book.commit()
      return view.rows.length
    })
  }
}

const [name, rawArgs] = process.argv.slice(2)
if (name === undefined || rawArgs === undefined) throw new Error('usage: child.ts <job> <JSON arguments>')
const job = jobs[name]
if (!job) throw new Error(`unknown bench job ${name}`)
const { ms, result } = await job(JSON.parse(rawArgs) as JobArgs)
process.stdout.write(`${JSON.stringify({ ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), result })}\n`)
