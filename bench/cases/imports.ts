import { join } from 'node:path'
import { newContext } from '../../src/main/core/context'
import { export903 } from '../../src/main/core/io/ssda903/export'
import { trackerCounts } from '../../src/main/core/tracker/queries'
import { inChildProcess } from '../measure'
import type { CaseResult } from '../report'
import { benchAsOf, type BuiltScale } from '../scale'

interface Counts {
  children: number
  episodes: number
}

/**
 * The 903 import of the scale's own export (Header + Episodes CSVs written by the app's
 * `export903`) into a fresh database, against csv-parse + raw prepared inserts of the
 * same rows; then a re-import of the same files over the imported data (all unchanged).
 * Each run is its own process, so each peak RSS is its own.
 */
export async function importCases(built: BuiltScale, dir: string): Promise<CaseResult[]> {
  const out = join(dir, `903-${built.scale.name}`)
  const files = await export903(newContext({ db: built.db, dbPath: built.dbPath, user: 'bench', shell: 'cli', dataDir: dir }), out)
  const appDb = join(dir, `import-app-${built.scale.name}.db`)
  const rawDb = join(dir, `import-raw-${built.scale.name}.db`)
  const args = { header: files.header, episodes: files.episodes }
  const app = inChildProcess('import903', { ...args, db: appDb })
  const raw = inChildProcess('rawImport903', { ...args, db: rawDb })
  const again = inChildProcess('import903', { ...args, db: appDb })
  const readyDb = join(dir, `import-ready-${built.scale.name}.db`)
  const ready = inChildProcess('import903Ready', { ...args, db: readyDb })
  const lean = inChildProcess('leanImport903', { ...args, db: join(dir, `import-lean-${built.scale.name}.db`) })
  const rd = ready.result as Counts & { inserted: number; lookedAfter: number }
  const ln = lean.result as Counts
  const expectedLookedAfter = (await trackerCounts(built.db, benchAsOf)).lookedAfter
  const a = app.result as Counts & { inserted: number }
  const b = raw.result as Counts
  const r = again.result as Counts & { updated: number; unchanged: number }
  const same = a.children === b.children && a.episodes === b.episodes && a.children === files.children && a.episodes === files.episodeRows
  const base = {
    scale: built.scale.name,
    children: built.children,
    episodes: built.episodes,
    baseline: 'csv-parse stream + raw better-sqlite3 inserts, one transaction',
    rows: files.children + files.episodeRows
  }
  return [
    {
      ...base,
      case: '903 CSV import (validate + upsert)',
      ms: app.ms,
      baselineMs: raw.ms,
      peakRssMb: app.peakRssMb,
      limit: 'reading the same CSVs and inserting their rows with no checks, one transaction',
      note: `baseline peak RSS ${raw.peakRssMb} MB; ${a.inserted} children inserted`,
      sameAnswer: same && a.inserted === files.children,
      target: 'ratio ≤ 2, memory flat',
      targetRatio: 2
    },
    {
      ...base,
      case: '903 import until the tracker answers',
      ms: ready.ms,
      baselineMs: lean.ms,
      peakRssMb: ready.peakRssMb,
      baseline: 'plain split + prepared inserts into tables without indexes or triggers, one transaction',
      note: `baseline peak RSS ${lean.peakRssMb} MB; ${rd.lookedAfter} looked after on ${benchAsOf}`,
      sameAnswer:
        rd.children === ln.children &&
        rd.episodes === ln.episodes &&
        ln.children === files.children &&
        ln.episodes === files.episodeRows &&
        rd.lookedAfter === expectedLookedAfter,
      target: 'ratio ≤ 2',
      targetRatio: 2
    },
    {
      ...base,
      case: '903 CSV re-import (all unchanged)',
      ms: again.ms,
      baselineMs: raw.ms,
      peakRssMb: again.peakRssMb,
      limit: 'reading the same CSVs and inserting their rows with no checks, one transaction',
      note: `${r.unchanged} unchanged, ${r.updated} updated`,
      sameAnswer: r.children === a.children && r.episodes === a.episodes && r.unchanged === files.children && r.updated === 0,
      target: 'ratio ≤ 2',
      targetRatio: 2
    }
  ]
}
