import type { Role } from './api'

/**
 * Who may change which records: the screens' copy of the team database's grants
 * (core/team/grants.ts), which test/core/team/writes.test.ts holds them to. A screen
 * leaves out a form that the person's role would only have refused.
 */
export const writers = {
  /** Care plans and discharge applications. */
  carePlan: ['chair', 'head_of_service', 'admin'],
  /** Which carers look after a child in a placement. */
  placementCarers: ['chair', 'head_of_service', 'data_officer', 'admin'],
  /** The carers' register itself (a new carer, a carer's details). */
  carers: ['chair', 'data_officer', 'admin'],
  /** Management-oversight entries. */
  oversight: ['head_of_service', 'data_officer', 'admin']
} as const satisfies Record<string, readonly Role[]>

export type Writable = keyof typeof writers

export const mayChange = (roles: readonly Role[], what: Writable): boolean => roles.some((r) => (writers[what] as readonly Role[]).includes(r))
