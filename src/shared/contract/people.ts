import { z } from 'zod'
import { command, query } from './define'

/** What a person does here; their roles decide the navigation and the home screen. */
export const roles = ['chair', 'head_of_service', 'commissioner', 'data_officer'] as const
export type Role = (typeof roles)[number]
export const roleLabels: Record<Role, string> = {
  chair: 'Panel chair',
  head_of_service: 'Head of Service',
  commissioner: 'Commissioner',
  data_officer: 'Data officer'
}

export interface Me {
  user: string
  /** Never empty: a desk whose roles were never chosen shows every role's screens. */
  roles: Role[]
  /** False until someone chooses this desk's roles. */
  chosen: boolean
  /**
   * Where the roles come from: this desk's settings today; the team database (issue 14)
   * will answer the same call, so the screens never ask anywhere else.
   */
  source: 'desk'
}

/**
 * True when the roles may see children one by one (names, IDs, child pages). A
 * commissioner's work is numbers only, so a desk that is only a commissioner's never does.
 */
export const seesChildren = (mine: readonly Role[]): boolean => mine.some((r) => r !== 'commissioner')

export const peopleCalls = {
  getMe: query<Me>()(z.strictObject({})),
  setMyRoles: command<Me>()(z.strictObject({ roles: z.array(z.enum(roles)).min(1).max(roles.length) }))
}
