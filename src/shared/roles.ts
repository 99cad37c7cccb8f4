// Without zod, so the first screen can name roles without loading the contract's schemas.

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

/**
 * True when the roles may see children one by one (names, IDs, child pages). A
 * commissioner's work is numbers only, so a desk that is only a commissioner's never does.
 */
export const seesChildren = (mine: readonly Role[]): boolean => mine.some((r) => r !== 'commissioner')
