import { z } from 'zod'
import { command, query } from './define'
import { roles, type Role } from '../roles'

export * from '../roles'

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

export const peopleCalls = {
  getMe: query<Me>()(z.strictObject({})),
  setMyRoles: command<Me>()(z.strictObject({ roles: z.array(z.enum(roles)).min(1).max(roles.length) }))
}
