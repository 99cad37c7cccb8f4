import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Context } from '../../context'
import { auditExport } from '../../store/audit'
import { writeFilesAtomically } from '../atomic-write'
import { writeCsv } from '../csv-write'
import { ukDate } from '../dates'
import { episodeColumns, headerColumns } from './tables'
import { countOf } from '../../../../shared/plural'
import { mustSeeChildren } from '../../people/roles'

export interface Export903Result {
  header: string
  episodes: string
  children: number
  episodeRows: number
}

const d = (iso: string | null): string | null => (iso === null ? null : ukDate(iso))

type Value = string | number | null
/** The rows as `pages` selects them, column by column. */
type ChildRow = [id: Value, sex: Value, dob: Value, ethnic: Value, upn: Value, mother: Value, mcDob: Value]
type EpisodeRow = [
  id: Value,
  decom: Value,
  rne: Value,
  ls: Value,
  cin: Value,
  place: Value,
  provider: Value,
  dec: Value,
  rec: Value,
  reason: Value,
  home: Value,
  pl: Value,
  urn: Value
]

/**
 * Children in pages of `pageSize` (keyset on child_id), each page with its episodes. No
 * statement stays open while the file is written, so the app's other calls on the same
 * connection are never refused as "busy" during an export.
 */
async function* pages(ctx: Context, pageSize = 2000): AsyncGenerator<{ children: ChildRow[]; episodes: EpisodeRow[] }> {
  const children = ctx.db.prepare('SELECT child_id, sex, dob, ethnic, upn, mother, mc_dob FROM child WHERE child_id > ? ORDER BY child_id LIMIT ?').raw()
  const episodes = ctx.db
    .prepare(
      `SELECT child_id, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, home_post, pl_post, urn
              FROM episode WHERE child_id > ? AND child_id <= ? ORDER BY child_id, decom, seq`
    )
    .raw()
  let last = ''
  for (;;) {
    const page = (await children.all(last, pageSize)) as ChildRow[]
    const lastRow = page.at(-1)
    if (lastRow === undefined) return
    const next = lastRow[0] as string
    yield { children: page, episodes: (await episodes.all(last, next)) as EpisodeRow[] }
    last = next
  }
}

/**
 * Writes the stored children and episodes as 903 Header.csv and Episodes.csv, which
 * `import903` reads back to the same data. Names are never written (the 903 has none).
 */
export async function export903(ctx: Context, outDir: string, options: { pageSize?: number; where?: string } = {}): Promise<Export903Result> {
  await mustSeeChildren(ctx, 'the 903 return')
  mkdirSync(outDir, { recursive: true })
  const header = join(outDir, 'Header.csv')
  const episodes = join(outDir, 'Episodes.csv')
  // Both files are complete on disk before either appears under its name: a killed export
  // leaves no truncated Header.csv or Episodes.csv that a later import would trust.
  const [childCount, episodeCount] = await writeFilesAtomically([header, episodes], async ([headerPartial, episodesPartial]) => {
    const children = await writeCsv(
      headerPartial,
      headerColumns,
      (async function* () {
        for await (const page of pages(ctx, options.pageSize)) {
          for (const [id, sex, dob, ethnic, upn, mother, mcDob] of page.children)
            yield [id, sex, d(dob as string | null), ethnic, upn, mother, d(mcDob as string | null)]
        }
      })()
    )
    const episodeRows = await writeCsv(
      episodesPartial,
      episodeColumns,
      (async function* () {
        for await (const page of pages(ctx, options.pageSize)) {
          for (const r of page.episodes) yield [r[0], d(r[1] as string), ...r.slice(2, 7), d(r[7] as string | null), ...r.slice(8)]
        }
      })()
    )
    return [children, episodeRows]
  })
  await auditExport(ctx, {
    action: 'export.903',
    entity: 'database',
    what: `903 Header.csv and Episodes.csv: ${countOf(childCount, 'child', 'children')}, ${countOf(episodeCount, 'episode')}`,
    where: options.where ?? `${header}, ${episodes}`
  })
  return { header, episodes, children: childCount, episodeRows: episodeCount }
}
