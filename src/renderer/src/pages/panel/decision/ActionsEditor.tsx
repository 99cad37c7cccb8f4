import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { DateField } from '../../../components/DateField'

export interface ActionDraft {
  description: string
  owner: string
  dueDate: string | null
}

/** The decision's actions; a new row takes the focus on its description. */
export function ActionsEditor({
  actions,
  onChange,
  defaultOwner
}: {
  actions: ActionDraft[]
  onChange: (actions: ActionDraft[]) => void
  defaultOwner: string | null
}): ReactNode {
  const id = useId()
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
              id={`${id}-action-${i}`}
              type="text"
              value={a.description}
              onChange={(e) => set(i, { description: e.target.value })}
            />
          </label>
          <label>
            Owner <input type="text" value={a.owner} onChange={(e) => set(i, { owner: e.target.value })} />
          </label>
          <DateField id={`${id}-due-${i}`} label="Due" value={a.dueDate ?? ''} onChange={(v) => set(i, { dueDate: v || null })} />
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
