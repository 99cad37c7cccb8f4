import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Context } from '../../context'
import { audit } from '../../store/audit'
import { writeCsv } from '../csv-write'
import { ukDate } from '../dates'
import { episodeColumns, headerColumns } from './tables'

export interface Export903Result {
  header: string
  episodes: string
  children: number
  episodeRows: number
}

const d = (iso: string | null): string | null => (iso === null ? null : ukDate(iso))

/**
 * Writes the stored children and episodes as 903 Header.csv and Episodes.csv, which
 * `import903` reads back to the same data. Names are never written (the 903 has none).
 */
export async function export903(ctx: Context, outDir: string): Promise<Export903Result> {
  mkdirSync(outDir, { recursive: true })
  const header = join(outDir, 'Header.csv')
  const episodes = join(outDir, 'Episodes.csv')
  const children = ctx.db.prepare('SELECT child_id, sex, dob, ethnic, upn, mother, mc_dob FROM child ORDER BY child_id').raw()
  const childCount = await writeCsv(
    header,
    headerColumns,
    (function* () {
      for (const [id, sex, dob, ethnic, upn, mother, mcDob] of children.iterate() as IterableIterator<(string | number | null)[]>) {
        yield [id, sex, d(dob as string | null), ethnic, upn, mother, d(mcDob as string | null)]
      }
    })()
  )
  const rows = ctx.db
    .prepare(`SELECT child_id, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, home_post, pl_post, urn
              FROM episode ORDER BY child_id, decom, seq`)
    .raw()
  const episodeCount = await writeCsv(
    episodes,
    episodeColumns,
    (function* () {
      for (const r of rows.iterate() as IterableIterator<(string | number | null)[]>) {
        yield [r[0], d(r[1] as string), ...r.slice(2, 7), d(r[7] as string | null), ...r.slice(8)]
      }
    })()
  )
  ctx.db.transaction(() => audit(ctx.db, { who: ctx.user, action: 'export.903', entity: 'database', after: { outDir, children: childCount, episodes: episodeCount } }))()
  return { header, episodes, children: childCount, episodeRows: episodeCount }
}
