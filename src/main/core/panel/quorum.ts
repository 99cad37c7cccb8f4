import type { QuorumRule, QuorumState } from '../../../shared/contract/panel'
import type { Context } from '../context'
import { auditChange } from '../store/audit'
import { readSetting, writeSetting } from '../store/settings'

/** The common rule in council procedure manuals: the chair plus two members, one from the fostering service. */
export const defaultQuorumRule: QuorumRule = { minMembers: 3, requireChair: true, requireRoles: ['fostering'] }

export const chairRole = 'chair'

const sameRole = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase()

/** Whether the members present make the meeting quorate under `rule`, and if not, why not. */
export function quorumState(members: readonly { role: string; attended: boolean }[], rule: QuorumRule): QuorumState {
  const present = members.filter((m) => m.attended)
  const shortfalls: string[] = []
  if (present.length < rule.minMembers) {
    shortfalls.push(`${present.length} of ${rule.minMembers} members present`)
  }
  if (rule.requireChair && !present.some((m) => sameRole(m.role, chairRole))) shortfalls.push('the chair is not present')
  for (const role of rule.requireRoles) {
    if (!present.some((m) => sameRole(m.role, role))) shortfalls.push(`no ${role} member present`)
  }
  return { quorate: shortfalls.length === 0, present: present.length, shortfalls }
}

/** Reads a rule stored as JSON, falling back to the default for a missing or damaged one. */
export function parseQuorumRule(json: string | null): QuorumRule {
  if (!json) return defaultQuorumRule
  try {
    const value = JSON.parse(json) as Partial<QuorumRule>
    return {
      minMembers: Number.isInteger(value.minMembers) ? (value.minMembers as number) : defaultQuorumRule.minMembers,
      requireChair: typeof value.requireChair === 'boolean' ? value.requireChair : defaultQuorumRule.requireChair,
      requireRoles: Array.isArray(value.requireRoles) ? value.requireRoles.filter((r): r is string => typeof r === 'string') : defaultQuorumRule.requireRoles
    }
  } catch {
    return defaultQuorumRule
  }
}

const defaultRuleKey = 'panel.quorum_rule'

/** The council's rule for new meetings: its saved setting, else the built-in default. */
export async function councilQuorumRule(ctx: Context): Promise<QuorumRule> {
  return parseQuorumRule((await readSetting(ctx.db, defaultRuleKey)) ?? null)
}

/** Sets the rule new meetings start with; meetings already created keep their own. */
export async function setCouncilQuorumRule(ctx: Context, rule: QuorumRule): Promise<QuorumRule> {
  await ctx.db.transaction(async () => {
    const before = await councilQuorumRule(ctx)
    await writeSetting(ctx.db, defaultRuleKey, JSON.stringify(rule))
    await auditChange(ctx, { action: 'panel.quorum_rule.set', entity: 'setting', entityId: defaultRuleKey, before, after: rule })
  })()
  return await councilQuorumRule(ctx)
}
