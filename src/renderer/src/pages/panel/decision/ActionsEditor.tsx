import { useEffect, useRef, useState, type ReactNode } from 'react'
import { DateField } from '../../../components/DateField'

export interface ActionDraft {
  description: string
  owner: string
  dueDate: string | null
}

/** The id of an action's field, for the form to put the focus on the one at fault. */
export const actionFieldId = (prefix: string, row: number, field: 'description' | 'owner' | 'due'): string => `${prefix}-action-${row}-${field}`

/** The decision's actions; a new row takes the focus on its description. */
export function ActionsEditor({
  actions,
  onChange,
  defaultOwner,
  idPrefix
}: {
  actions: ActionDraft[]
  onChange: (actions: ActionDraft[]) => void
  defaultOwner: string | null
  /** Starts each field's id (actionFieldId). */
  idPrefix: string
}): ReactNode {
  const [focusRow, setFocusRow] = useState<number | null>(null)
  const rows = useRef<(HTMLInputElement | null)[]>([])
  useEffect(() => {
    if (focusRow === null) return
    rows.current[focusRow]?.focus()
    setFocusRow(null)
  }, [focusRow])
  const set = (i: number, change: Partial<ActionDraft>): void => onChange(actions.map((x, j) => (j === i ? { ...x, ...change } : x)))

  return (
    <fieldset className="actions-edit">
      <legend>Actions</legend>
      {actions.map((a, i) => (
        <div key={i} className="form-row">
          <label>
            Action{' '}
            <input
              ref={(el) => {
                rows.current[i] = el
              }}
              id={actionFieldId(idPrefix, i, 'description')}
              type="text"
              value={a.description}
              onChange={(e) => set(i, { description: e.target.value })}
            />
          </label>
          <label>
            Owner <input id={actionFieldId(idPrefix, i, 'owner')} type="text" value={a.owner} onChange={(e) => set(i, { owner: e.target.value })} />
          </label>
          <DateField id={actionFieldId(idPrefix, i, 'due')} label="Due" value={a.dueDate ?? ''} onChange={(v) => set(i, { dueDate: v || null })} />
          <button type="button" onClick={() => onChange(actions.filter((_, j) => j !== i))} aria-label={`Remove action ${i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => {
          onChange([...actions, { description: '', owner: defaultOwner ?? '', dueDate: null }])
          setFocusRow(actions.length)
        }}
      >
        Add action
      </button>
    </fieldset>
  )
}
