import { join } from 'node:path'
import { inChildProcess } from '../measure'
import { benchAsOf, type BuiltScale } from '../scale'
import type { CaseResult } from '../report'

/** The tracker workbook against exceljs's bare streaming writer, each in its own process for its peak memory. */
export function exportCases(built: BuiltScale, dir: string): CaseResult[] {
  const args = { db: built.dbPath, asOf: benchAsOf }
  const app = inChildProcess('exportTracker', { ...args, out: join(dir, `tracker-${built.scale.name}.xlsx`) })
  const bare = inChildProcess('bareExport', { ...args, out: join(dir, `bare-${built.scale.name}.xlsx`) })
  return [
    {
      case: 'xlsx export of the tracker',
      scale: built.scale.name,
      children: built.children,
      episodes: built.episodes,
      limit: "exceljs's streaming writer with the same cells and no formatting",
      ms: app.ms,
      baselineMs: bare.ms,
      baseline: 'exceljs streaming writer, same cells, no formatting',
      rows: app.result as number,
      peakRssMb: app.peakRssMb,
      note: `baseline peak RSS ${bare.peakRssMb} MB`,
      sameAnswer: app.result === bare.result,
      target: 'ratio ≤ 1.5, memory flat',
      targetRatio: 1.5
    }
  ]
}
