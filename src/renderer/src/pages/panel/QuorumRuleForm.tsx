import type { FormEvent, ReactNode } from 'react'
import type { QuorumRule } from '../../../../shared/api'

export const describeRule = (rule: QuorumRule): string =>
  `at least ${rule.minMembers} present${rule.requireChair ? ', including the chair' : ''}${rule.requireRoles.length ? `, with ${rule.requireRoles.join(', ')}` : ''}`

/** Edits a quorum rule; `onSave` resolves to true when it was saved. */
export function QuorumRuleForm({
  rule,
  label,
  onSave,
  onCancel
}: {
  rule: QuorumRule
  label: string
  onSave: (rule: QuorumRule) => Promise<boolean>
  onCancel: () => void
}): ReactNode {
  const save = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault()
    const data = new FormData(e.currentTarget)
    const requireRoles = String(data.get('roles'))
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean)
    void onSave({ minMembers: Number(data.get('min')), requireChair: data.get('chair') === 'on', requireRoles })
  }
  return (
    <form className="form-row no-print" onSubmit={save} aria-label={label}>
      <label>
        Members present at least <input type="number" name="min" min={1} max={30} defaultValue={rule.minMembers} />
      </label>
      <label>
        <input type="checkbox" name="chair" defaultChecked={rule.requireChair} /> Chair must be present
      </label>
      <label>
        Roles that must be present <input type="text" name="roles" defaultValue={rule.requireRoles.join(', ')} placeholder="fostering, medical adviser" />
      </label>
      <button type="submit">Save rule</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  )
}
