import type { z } from 'zod'
import type { ChildDetail, ChildSummary, EpisodeRow } from '../../../shared/api'
import type { ChildrenListInput, childrenPageInput, childrenSortColumns } from '../../../shared/contract/children'
import type { Page } from '../../../shared/contract/paging'
import { notFound } from '../errors'
import type { Db } from '../store/db'
import { episodeCarers } from '../placements/placements'
import { ensureTrackerSpans } from '../tracker/refresh'
import { childNameSql } from './name-sql'
import { inKeyOrder, keyList, pageKeys } from '../store/ordered-keys'

// The latest episode per child (by DECOM, then import order) drives the summary columns:
// one index seek per child, so listing 100,000 children never sorts a million episodes.
const latestEpisode = 'LEFT JOIN episode l ON l.id = (SELECT e.id FROM episode e WHERE e.child_id = c.child_id ORDER BY e.decom DESC, e.seq DESC LIMIT 1)'

// The carers linked to the placement of the child's latest day in care.
const latestCarers = (db: Db): string => `(SELECT ${db.sql.groupConcat('k.name', ' and ', 'k.name')} FROM placement_carer pc JOIN carer k ON k.id = pc.carer_id
            WHERE pc.child_id = c.child_id AND pc.placement_start = (SELECT s.carers_key FROM tracker_span s WHERE s.child_id = c.child_id ORDER BY s.span_start DESC LIMIT 1))`

const episodeCount = '(SELECT COUNT(*) FROM episode n WHERE n.child_id = c.child_id)'

/** The grid's columns for each child, with `more` columns after them (", COUNT(*) OVER () AS total"). */
const summarySql = (db: Db, more = ''): string => `
  SELECT c.child_id AS "childId",
         ${childNameSql('c')} AS name,
         CASE c.sex WHEN 1 THEN 'M' WHEN 2 THEN 'F' END AS sex,
         c.dob, l.ls AS "legalStatus", l.place AS placement, l.place_provider AS "placementProvider",
         ${latestCarers(db)} AS carer,
         (l.id IS NOT NULL AND l.dec IS NULL) AS "lookedAfter",
         ${episodeCount} AS episodes${more}
  FROM child c
  ${latestEpisode}`

interface SummaryRow extends Omit<ChildSummary, 'lookedAfter'> {
  lookedAfter: number
}

const toSummary = (r: SummaryRow): ChildSummary => ({ ...r, lookedAfter: r.lookedAfter === 1 })

/**
 * The search as SQL: every word typed must be found in the child ID, given name or family
 * name, so "Umber Puddlenose", "Umber Pud" and "Puddlenose Umber" all find Umber
 * Puddlenose. Adds the condition to `where` and returns its parameters.
 */
function searchWhere(db: Db, search: string, where: string[]): Record<string, string> {
  const params: Record<string, string> = {}
  search
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
    .forEach((word, i) => {
      where.push(`(c.child_id ${db.sql.like} :q${i} OR c.given_name ${db.sql.like} :q${i} OR c.family_name ${db.sql.like} :q${i})`)
      params[`q${i}`] = `%${word}%`
    })
  return params
}

/**
 * Children found by `search` (or all), by name. A search for a child ID lists that child
 * first, then the IDs it begins, in ID order: "DEMO00030" finds DEMO000300 before 301.
 * `limit`: the first so many (a search box shows a few, not every match of "DE").
 */
export async function listChildren(db: Db, filter: { search?: string; lookedAfterOnly?: boolean; limit?: number }): Promise<ChildSummary[]> {
  await ensureTrackerSpans(db)
  const where: string[] = []
  const params: Record<string, string | number> = {}
  const term = filter.search?.trim()
  let byId = ''
  if (term) {
    Object.assign(params, searchWhere(db, term, where), { exact: term, prefix: `${term}%` })
    const rank = `CASE WHEN c.child_id ${db.sql.like} :exact THEN 0 WHEN c.child_id ${db.sql.like} :prefix THEN 1 ELSE 2 END`
    byId = `${rank}, CASE WHEN ${rank} < 2 THEN c.child_id END, `
  }
  if (filter.lookedAfterOnly) where.push('l.id IS NOT NULL AND l.dec IS NULL')
  if (filter.limit !== undefined) params.limit = filter.limit
  // NULLS FIRST is SQLite's default order; PostgreSQL's is last (903 returns carry no names).
  const sql = `${summarySql(db)} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${byId}c.family_name NULLS FIRST, c.given_name NULLS FIRST, c.child_id${filter.limit === undefined ? '' : ' LIMIT :limit'}`
  return ((await db.prepare(sql).all(params)) as SummaryRow[]).map(toSummary)
}

type SortColumn = (typeof childrenSortColumns)[number]

/** The sort columns read from the latest episode (l). */
const latestColumns = new Set<SortColumn>(['lookedAfter', 'legalStatus', 'placement', 'placementProvider'])

/** Sort terms by column id (c the child, l its latest episode); the name sorts by family name, then given name. */
const sortTerms = (db: Db): Record<SortColumn, string[]> => ({
  childId: ['c.child_id'],
  name: ['c.family_name', 'c.given_name'],
  sex: ['c.sex'],
  dob: ['c.dob'],
  lookedAfter: ['CASE WHEN l.id IS NOT NULL AND l.dec IS NULL THEN 1 ELSE 0 END'],
  legalStatus: ['l.ls'],
  placement: ['l.place'],
  placementProvider: ['l.place_provider'],
  carer: [latestCarers(db)],
  episodes: [episodeCount]
})

/**
 * The children the grid holds, as SQL: `where` over c (the child) and, when `readsLatest`,
 * l (its latest episode: a seek per child, so joined only when the filter or sort reads
 * it), ordered by `order`. The default order is the list's (family name, given name); the
 * child ID always ends the order, so pages never overlap.
 */
function gridSql(
  db: Db,
  input: ChildrenListInput
): { where: string; order: string; params: Record<string, string>; readsLatest: boolean; sort: ChildrenListInput['sort'] } {
  const where = ['TRUE']
  const params = input.search ? searchWhere(db, input.search, where) : {}
  if (input.filters.lookedAfterOnly) where.push('l.id IS NOT NULL AND l.dec IS NULL')
  const terms = sortTerms(db)
  const sort = input.sort.length ? input.sort : [{ column: 'name', direction: 'asc' } as const]
  // NULLs first going up, last going down: SQLite's order, spelt out for PostgreSQL (903 returns carry no names).
  const order = [
    ...sort.flatMap(({ column, direction }) => terms[column].map((t) => `${t} ${direction === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST'}`)),
    'c.child_id'
  ].join(', ')
  const readsLatest = Boolean(input.filters.lookedAfterOnly) || sort.some((t) => latestColumns.has(t.column))
  return { where: where.join(' AND '), order, params, readsLatest, sort }
}

/**
 * One page of the children grid and how many children match. The children are ordered
 * on the sort keys alone (the list kept while nothing is written, so a deep page is a
 * slice of it), and the summary columns computed for the page's rows only.
 */
export async function childrenPage(db: Db, input: z.output<typeof childrenPageInput>): Promise<Page<ChildSummary>> {
  await ensureTrackerSpans(db)
  const { where, order, params, readsLatest, sort } = gridSql(db, input)
  const filtered = `FROM child c ${readsLatest ? latestEpisode : ''} WHERE ${where}`
  const query = JSON.stringify(['children', input.filters, input.search, sort])
  const listed = `SELECT c.child_id ${filtered} ORDER BY ${order}`
  const { keys, total } = await pageKeys(db, query, input, {
    all: async () => (await db.prepare(listed).pluck().all(params)) as string[],
    first: async (limit) => {
      if (!readsLatest) {
        const keys = (await db
          .prepare(`${listed} LIMIT :limit`)
          .pluck()
          .all({ ...params, limit })) as string[]
        return { keys, total: Number(await db.prepare(`SELECT COUNT(*) ${filtered}`).pluck().get(params)) }
      }
      // Counted in the same pass as the top rows: each child's latest episode is then read once, not twice.
      const top = (await db
        .prepare(`SELECT c.child_id AS "childId", COUNT(*) OVER () AS total ${filtered} ORDER BY ${order} LIMIT :limit`)
        .all({ ...params, limit })) as { childId: string; total: number | string }[]
      return { keys: top.map((r) => r.childId), total: Number(top[0]?.total ?? 0) }
    }
  })
  const list = keyList(keys)
  const rows = (await db.prepare(`${summarySql(db)} WHERE c.child_id IN (${list.sql})`).all(list.params)) as SummaryRow[]
  return { rows: inKeyOrder(keys, rows, (r) => r.childId).map(toSummary), total }
}

/**
 * Every child the grid holds with its columns, in the grid's order (childrenPage's filter,
 * search and sort), read through one cursor as the caller takes them, so 100,000 children
 * are never held at once. Each carries how many there are in all, counted in the same
 * query: the first child says it before any is written.
 */
export async function* childrenInGridOrder(db: Db, input: ChildrenListInput): AsyncGenerator<{ child: ChildSummary; total: number }> {
  await ensureTrackerSpans(db)
  const { where, order, params } = gridSql(db, input)
  const sql = `${summarySql(db, ', COUNT(*) OVER () AS total')} WHERE ${where} ORDER BY ${order}`
  for await (const { total, ...row } of db.prepare(sql).iterate(params) as AsyncIterable<SummaryRow & { total: number | string }>) {
    yield { child: toSummary(row), total: Number(total) }
  }
}

export async function getChild(db: Db, childId: string): Promise<ChildDetail> {
  await ensureTrackerSpans(db)
  const row = (await db.prepare(`${summarySql(db)} WHERE c.child_id = ?`).get(childId)) as SummaryRow | undefined
  if (!row) throw notFound(`No child with ID ${childId}`)
  const extra = (await db.prepare('SELECT ethnic, upn FROM child WHERE child_id = ?').get(childId)) as { ethnic: string | null; upn: string | null }
  const episodeHistory = (await db
    .prepare(
      `SELECT e.id, e.decom, e.dec, e.rne, e.ls, e.cin, e.place, e.place_provider AS "placeProvider", e.rec,
              e.reason_place_change AS "reasonPlaceChange", NULL AS carer
       FROM episode e WHERE e.child_id = ? ORDER BY e.decom, e.seq`
    )
    .all(childId)) as EpisodeRow[]
  const carers = await episodeCarers(db, childId)
  for (const e of episodeHistory) e.carer = carers.get(e.id) ?? null
  return { ...toSummary(row), ...extra, episodeHistory }
}
