import { join } from 'node:path'
import { newContext } from '../../src/main/core/context'
import { export903 } from '../../src/main/core/io/ssda903/export'
import { inChildProcess } from '../measure'
import type { CaseResult } from '../report'
import type { BuiltScale } from '../scale'

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
  const a = app.result as Counts & { inserted: number }
  const b = raw.result as Counts
  const r = again.result as Counts & { updated: number; unchanged: number }
  const same = a.children === b.children && a.episodes === b.episodes && a.children === files.children && a.episodes === files.episodeRows
  const base = { scale: built.scale.name, children: built.children, episodes: built.episodes, baseline: 'csv-parse stream + raw better-sqlite3 inserts, one transaction', rows: files.children + files.episodeRows }
  return [
    {
      ...base, case: '903 CSV import (validate + upsert)', ms: app.ms, baselineMs: raw.ms, peakRssMb: app.peakRssMb,
      note: `baseline peak RSS ${raw.peakRssMb} MB; ${a.inserted} children inserted`, sameAnswer: same && a.inserted === files.children, target: 'ratio ≤ 2, memory flat', targetRatio: 2
    },
    {
      ...base, case: '903 CSV re-import (all unchanged)', ms: again.ms, baselineMs: raw.ms, peakRssMb: again.peakRssMb,
      note: `${r.unchanged} unchanged, ${r.updated} updated`, sameAnswer: r.children === a.children && r.episodes === a.episodes && r.unchanged === files.children && r.updated === 0,
      target: 'ratio ≤ 2', targetRatio: 2
    }
  ]
}
