import { z } from 'zod'
import { childId, query } from './define'

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

export const childrenCalls = {
  listChildren: query<ChildSummary[]>()(
    z.strictObject({
      search: z.string().max(100).optional(),
      lookedAfterOnly: z.boolean().optional()
    })
  ),
  getChild: query<ChildDetail>()(z.strictObject({ childId }))
}
