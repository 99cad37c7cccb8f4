import { roles as allRoles, seesChildren, type Me, type Role } from '../../../shared/api'
import type { Context } from '../context'
import { auditChange } from '../store/audit'
import { readSetting, writeSetting } from '../store/settings'
import { AppError } from '../errors'
import { rolesOf } from '../team/roles'

// One desk, one set of roles: the person at this computer chooses them in the app.
const settingKey = 'desk_roles'

async function stored(ctx: Context): Promise<Role[] | undefined> {
  const raw = await readSetting(ctx.db, settingKey)
  if (raw === undefined) return undefined
  const parsed = JSON.parse(raw) as unknown
  const valid = Array.isArray(parsed) ? allRoles.filter((r) => parsed.includes(r)) : []
  return valid.length ? valid : undefined
}

export async function getMe(ctx: Context): Promise<Me> {
  // The team database: the login's group roles are the person's roles, granted by an administrator.
  if (ctx.db.engine === 'postgres') return { user: ctx.user, roles: await rolesOf(ctx.db), chosen: true, source: 'team' }
  const mine = await stored(ctx)
  return { user: ctx.user, roles: mine ?? [...allRoles], chosen: mine !== undefined, source: 'desk' }
}

export async function setMyRoles(ctx: Context, input: { roles: Role[] }): Promise<Me> {
  if (ctx.db.engine === 'postgres') {
    throw new AppError(
      'forbidden',
      'Not permitted for your role: roles in the team database are given by an administrator (team add-user), not chosen at the desk.'
    )
  }
  // Kept in the contract's order so the navigation and home screen never depend on click order.
  const next = allRoles.filter((r) => input.roles.includes(r))
  await ctx.db.transaction(async () => {
    const before = (await stored(ctx)) ?? null
    await writeSetting(ctx.db, settingKey, JSON.stringify(next))
    await auditChange(ctx, { action: 'roles.set', entity: 'setting', entityId: settingKey, before, after: next })
  })()
  return await getMe(ctx)
}

/**
 * Refuses `what` (a list or file naming children) to a person whose only role is
 * commissioner. On the team database PostgreSQL refuses them the tables as well; on a
 * desk, whose roles are its own settings, this is what refuses them.
 */
export async function mustSeeChildren(ctx: Context, what: string): Promise<void> {
  // A team login with no role at all is PostgreSQL's to refuse: it grants such a login nothing.
  const mine = (await getMe(ctx)).roles
  if (!mine.includes('commissioner') || seesChildren(mine)) return
  throw new AppError('forbidden', `Not permitted for your role: ${what} names children, and a commissioner’s work is numbers only.`)
}
