import { useId, type ReactNode } from 'react'
import { outcomeLabels, type AgendaItem } from '../../../../../shared/api'
import { openAgendasOf } from '../../../../../shared/panel-terms'
import { useRovingFocus } from '../../../components/useRovingFocus'
import { ids } from './ids'

/**
 * The agenda as the panel works through it: one entry per child with its decision so far.
 * The list is one Tab stop, on the child open beside it; ↑ ↓ (Home, End) move between the
 * children and Enter (or a click) opens one and moves the focus on to its decision.
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
  const help = useId()
  const roving = useRovingFocus(
    agenda.map((i) => String(i.id)),
    selectedId === null ? null : String(selectedId)
  )
  if (agenda.length === 0) return <p className="muted">No children on the agenda yet: add one by search or from the suggestions below.</p>
  return (
    <>
      <ol className="agenda-list" aria-label="Agenda" {...roving.container}>
        {agenda.map((item, row) => (
          <li key={item.id}>
            <button
              type="button"
              id={ids.agendaEntry(item.id)}
              aria-current={item.id === selectedId ? 'true' : undefined}
              aria-describedby={help}
              onClick={() => onSelect(item)}
              {...roving.item(String(item.id), row)}
            >
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
              {item.referralWithdrawn && <span className="agenda-flag">Referral corrected</span>}
              {item.alsoOnAgendaOf.length > 0 && (
                <span className="agenda-flag" data-testid="agenda-also-on">
                  Also on {openAgendasOf(item.alsoOnAgendaOf.map((m) => m.date))}
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
      <p id={help} className="muted small no-print">
        ↑ ↓ to move between children, Enter to open one.
      </p>
    </>
  )
}
