import type { IssueGroup, RowIssue } from '../../../shared/api'

/** Examples kept per group: enough to find the rows, few enough to read. */
export const groupExampleCount = 3

const isoDate = /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b/
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The rule an issue reports, in words: its reason with the row's own values taken out,
 * so "episode overlaps the one on row 12 (2019-01-01 to open)" and "… row 40 (…)" are
 * one rule. Only the row's value, row numbers and dated asides are removed; every
 * other word of the reason stays, so two different rules never share a name.
 */
export function ruleOf(issue: Pick<RowIssue, 'value' | 'reason'>): string {
  // Dated asides go first: were the row's value taken out first, an aside holding the same
  // date ("overlaps … (05/08/2026 to open)" for a duplicated episode) would lose its date and stay, a rule of its own.
  let rule = issue.reason.replace(/\s*\([^()]*\)/g, (aside) => (isoDate.test(aside) || /\brow \d+/.test(aside) ? '' : aside))
  const value = issue.value.trim()
  // A one- or two-character value (a code such as X1 or a flag) is part of the rule's words.
  if (value.length > 2) rule = rule.replace(new RegExp(`(^|[\\s"'(])${escape(value)}(?=$|[\\s"'),;:.])`, 'g'), '$1…')
  rule = rule.replace(/\b(rows?) \d+\b/g, '$1 …')
  return rule.trim()
}

/** Issues grouped by column and rule as they arrive, counting all and keeping the first examples. */
export class IssueGrouper {
  private readonly groups = new Map<string, IssueGroup>()

  /** `count` issues like `issue` (SQL may hand over many identical rows at once). */
  add(issue: RowIssue, count = 1): void {
    const rule = ruleOf(issue)
    const key = `${issue.column}\u0000${rule}`
    let group = this.groups.get(key)
    if (!group) this.groups.set(key, (group = { rule, column: issue.column, count: 0, examples: [] }))
    group.count += count
    if (group.examples.length < groupExampleCount) group.examples.push(issue)
  }

  /** Largest group first; ties by column and rule so the order is stable. */
  result(): IssueGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count || a.column.localeCompare(b.column) || a.rule.localeCompare(b.rule))
  }
}

export function groupIssues(issues: Iterable<RowIssue>): IssueGroup[] {
  const grouper = new IssueGrouper()
  for (const issue of issues) grouper.add(issue)
  return grouper.result()
}
