import { z } from 'zod'
import { childId, command, query } from './define'
import { pageWindow, sortBy, type GridWorkbook, type Page } from './paging'

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

/** The children grid's column headings, as its workbook heads them too. */
export const childrenColumnLabels: Record<(typeof childrenSortColumns)[number], string> = {
  childId: 'ID',
  name: 'Name',
  sex: 'Sex',
  dob: 'Date of birth',
  lookedAfter: 'Looked after',
  legalStatus: 'Legal status',
  placement: 'Placement',
  placementProvider: 'Provider',
  carer: 'Carer',
  episodes: 'Episodes'
}

/** Which children the list holds, in words for its printout and workbook, whose reader cannot see the search box or the tick. */
export const childrenListWords = (lookedAfterOnly: boolean, search: string): string =>
  `${lookedAfterOnly ? 'Children currently looked after' : 'All children, looked after now or before'}${search ? `, matching “${search}”` : ''}`

/** Which children the grid holds and in what order: its filter, search and header sort. */
const childrenNarrowing = {
  sort: sortBy(childrenSortColumns),
  filters: z.strictObject({ lookedAfterOnly: z.boolean().optional() }).default({}),
  /** Part of a child ID or name, any case. */
  search: z.string().max(100).default('')
}

export const childrenPageInput = z.strictObject({ ...pageWindow, ...childrenNarrowing })
export type ChildrenPageInput = z.input<typeof childrenPageInput>

export const childrenListInput = z.strictObject(childrenNarrowing)
export type ChildrenListInput = z.output<typeof childrenListInput>

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
  getChild: query<ChildDetail>()(z.strictObject({ childId })),
  /**
   * Every child the grid holds (filtered, searched and sorted as it is, not just the pages
   * seen) as a formatted .xlsx, for the page to offer as a download; audited. Names children:
   * refused to a commissioner.
   */
  exportChildren: command<GridWorkbook>()(childrenListInput)
}
