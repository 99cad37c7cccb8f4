import { z } from 'zod'
import { command, query } from './define'

/**
 * What a person does here; their roles decide the navigation and the home screen. These
 * four are the ones a desk (SQLite) chooses in its settings.
 */
export const roles = ['chair', 'head_of_service', 'commissioner', 'data_officer'] as const
export type DeskRole = (typeof roles)[number]
/**
 * Roles only the team database grants (an administrator's `team add-user --role`): a panel
 * member reads meetings, agendas and papers; an administrator sees everything.
 */
export const teamOnlyRoles = ['panel_member', 'admin'] as const
/** Every app role, in the order screens list them. */
export const allRoles = [...roles, ...teamOnlyRoles] as const
export type Role = (typeof allRoles)[number]
export const roleLabels: Record<Role, string> = {
  chair: 'Panel chair',
  head_of_service: 'Head of Service',
  commissioner: 'Commissioner',
  data_officer: 'Data officer',
  panel_member: 'Panel member',
  admin: 'Administrator'
}

export interface Me {
  user: string
  /**
   * On a desk never empty: a desk whose roles were never chosen shows every desk role's
   * screens. From the team database, exactly the login's roles (empty if it has none).
   */
  roles: Role[]
  /** False until someone chooses this desk's roles; always true from the team database. */
  chosen: boolean
  /**
   * Where the roles come from: this desk's settings (SQLite), or the team database
   * (PostgreSQL), where the login's group roles decide and an administrator grants them.
   */
  source: 'desk' | 'team'
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
