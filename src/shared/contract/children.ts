import { z } from 'zod'
import { childId, query } from './define'
import { pageWindow, sortBy, type Page } from './paging'

export interface ChildSummary {
  childId: string
  name: string
  sex: 'M' | 'F' | null
  dob: string | null
  /** Legal status (903 LS) of the latest episode, and whether that episode is still open. */
  legalStatus: string | null
  placement: string | null
  placementProvider: string | null
  carer: string | null
  lookedAfter: boolean
  episodes: number
}

export interface EpisodeRow {
  id: number
  decom: string
  dec: string | null
  rne: string | null
  ls: string | null
  cin: string | null
  place: string | null
  placeProvider: string | null
  rec: string | null
  reasonPlaceChange: string | null
  carer: string | null
}

export interface ChildDetail extends ChildSummary {
  ethnic: string | null
  upn: string | null
  episodeHistory: EpisodeRow[]
}

/** The children grid's columns that sort in SQL (the grid's column ids). */
export const childrenSortColumns = [
  'childId',
  'name',
  'sex',
  'dob',
  'lookedAfter',
  'legalStatus',
  'placement',
  'placementProvider',
  'carer',
  'episodes'
] as const

export const childrenPageInput = z.strictObject({
  ...pageWindow,
  sort: sortBy(childrenSortColumns),
  filters: z.strictObject({ lookedAfterOnly: z.boolean().optional() }).default({}),
  /** Part of a child ID or name, any case. */
  search: z.string().max(100).default('')
})
export type ChildrenPageInput = z.input<typeof childrenPageInput>

export const childrenCalls = {
  listChildren: query<ChildSummary[]>()(
    z.strictObject({
      search: z.string().max(100).optional(),
      lookedAfterOnly: z.boolean().optional(),
      /** The first so many, for a search box. */
      limit: z.number().int().min(1).max(1000).optional()
    })
  ),
  /** One page of the children grid, filtered, searched and sorted in SQL, with the total. */
  childrenPage: query<Page<ChildSummary>>()(childrenPageInput),
  getChild: query<ChildDetail>()(z.strictObject({ childId }))
}
