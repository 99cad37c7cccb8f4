import type { ReactNode } from 'react'
import { outcomeLabels, type AgendaItem } from '../../../../../shared/api'
import { ids } from './ids'

/**
 * The agenda as the panel works through it: one entry per child with its decision so far.
 * Choosing a child opens it beside the list and moves the focus to its decision.
 */
export function AgendaList({
  agenda,
  selectedId,
  onSelect
}: {
  agenda: AgendaItem[]
  selectedId: number | null
  onSelect: (item: AgendaItem) => void
}): ReactNode {
  if (agenda.length === 0) return <p className="muted">No children on the agenda yet: add one by search or from the suggestions below.</p>
  return (
    <ol className="agenda-list" aria-label="Agenda">
      {agenda.map((item) => (
        <li key={item.id}>
          <button type="button" id={ids.agendaEntry(item.id)} aria-current={item.id === selectedId ? 'true' : undefined} onClick={() => onSelect(item)}>
            <span className="agenda-name">
              {item.position}. {item.childName}
            </span>
            <span className="agenda-meta">
              {item.slotTime && `${item.slotTime} · `}
              {item.childId}
            </span>
            <span className={`agenda-outcome ${item.decision ? `outcome-${item.decision.outcome}` : 'muted'}`}>
              {item.decision ? outcomeLabels[item.decision.outcome] : 'No decision yet'}
            </span>
          </button>
        </li>
      ))}
    </ol>
  )
}
