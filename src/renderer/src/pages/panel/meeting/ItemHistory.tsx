import { useState, type ReactNode } from 'react'
import type { AgendaItem, HistoryEntry } from '../../../../../shared/api'
import { ApiCallError, callApi } from '../../../api'
import { ErrorState } from '../../../components/States'
import { ukDateTime } from '../../../../../shared/days'

/** The item's audit trail, loaded when opened: who changed what, when, before and after. */
export function ItemHistory({ item }: { item: AgendaItem }): ReactNode {
  const [entries, setEntries] = useState<HistoryEntry[]>()
  const [error, setError] = useState<ApiCallError>()
  const load = (open: boolean): void => {
    if (open) callApi('itemHistory', { itemId: item.id }).then(setEntries, setError)
  }
  return (
    <details className="history no-print" onToggle={(e) => load(e.currentTarget.open)}>
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
