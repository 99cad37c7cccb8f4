import { useState, type ReactNode } from 'react'
import type { AgendaItem } from '../../../../../shared/api'
import { useCall } from '../../../api'
import { ErrorState } from '../../../components/States'
import { ukDateTime } from '../../../../../shared/days'

/** The item's audit trail, loaded when opened: who changed what, when, before and after. */
export function ItemHistory({ item }: { item: AgendaItem }): ReactNode {
  const [open, setOpen] = useState(false)
  const history = useCall('itemHistory', { itemId: item.id }, { enabled: open })
  const { data: entries, error } = history
  return (
    <details className="history no-print" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>History</summary>
      {error && <ErrorState error={error} />}
      {entries && (
        <ol aria-label={`History of ${item.childName}`}>
          {entries.map((h, i) => (
            <li key={i}>
              <span className="muted">{ukDateTime(h.at)}</span> · {h.who} · <strong>{h.action}</strong>
              {h.changes.length > 0 && (
                <ul>
                  {h.changes.map((c) => (
                    <li key={c.field}>
                      {c.field}: {c.before === null ? '' : <del>{c.before}</del>}
                      {c.before !== null && ' → '}
                      {c.after ?? <em>cleared</em>}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </details>
  )
}
