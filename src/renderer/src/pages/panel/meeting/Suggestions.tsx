import { useId, type ReactNode } from 'react'
import type { AgendaSuggestion, MeetingDetail } from '../../../../../shared/api'
import { useCall } from '../../../api'
import { useRovingFocus } from '../../../components/useRovingFocus'
import { ukDate } from '../../../download'
import { href } from '../../../router'
import { useAddToAgenda } from './addToAgenda'
import { ids } from './ids'
import type { Run } from './useMeeting'

/**
 * The ranked candidates for the meeting's date, with their reasons; children already on the
 * agenda are left out. The list is one Tab stop: ↑ ↓ move between the children, ← → between
 * a child's Add and their page.
 */
export function Suggestions({ meeting, run }: { meeting: MeetingDetail; run: Run }): ReactNode {
  const suggestions = useCall('suggestAgenda', { date: meeting.date, limit: 12 })
  const { data: list, error } = suggestions

  const onAgenda = new Set(meeting.agenda.map((i) => i.childId))
  const remaining = list?.filter((s) => !onAgenda.has(s.childId))
  const help = useId()
  const roving = useRovingFocus(
    (remaining ?? []).flatMap((s) => [`add-${s.childId}`, `page-${s.childId}`]),
    null
  )

  const agenda = useAddToAgenda(meeting, run)
  const add = async (s: AgendaSuggestion, index: number): Promise<void> => {
    // The focus moves on to the next suggestion (or back to the search once none are left), never to the page's top.
    const next = remaining![index + 1] ?? remaining![index - 1]
    await agenda.add({
      childId: s.childId,
      reason: s.reasons[0]?.text ?? '',
      after: {
        focus: next ? ids.suggestionAdd(next.childId) : ids.search,
        notice: `${s.name} (${s.childId}) added to the agenda.`
      },
      cancelFocus: ids.suggestionAdd(s.childId)
    })
  }

  return (
    <section className="suggestions no-print" aria-labelledby="suggestions-heading">
      <h3 id="suggestions-heading">Suggested for {ukDate(meeting.date)}</h3>
      {error ? (
        <p className="field-error" role="alert">
          {error.message}{' '}
          <button type="button" onClick={suggestions.reload}>
            Try again
          </button>
        </p>
      ) : !remaining ? (
        <p className="muted" role="status">
          Finding children to suggest…
        </p>
      ) : remaining.length === 0 ? (
        <p className="muted">No more children to suggest for this date.</p>
      ) : (
        <>
          <p id={help} className="muted small">
            ↑ ↓ to move between children, ← → to their page, Enter to add.
          </p>
          <ol className="suggestion-list" aria-label="Suggested children" {...roving.container}>
            {remaining.map((s, i) => (
              <li key={s.childId}>
                <button
                  type="button"
                  id={ids.suggestionAdd(s.childId)}
                  onClick={() => void add(s, i)}
                  aria-label={`Add ${s.name} (${s.childId}) to the agenda`}
                  aria-describedby={help}
                  {...roving.item(`add-${s.childId}`, i, 0)}
                >
                  Add
                </button>{' '}
                <a href={href('child', s.childId)} {...roving.item(`page-${s.childId}`, i, 1)}>
                  {s.name}
                </a>{' '}
                <span className="muted">{s.childId}</span>
                <ul>
                  {s.reasons.map((r) => (
                    <li key={r.code}>{r.text}</li>
                  ))}
                </ul>
                {agenda.askingFor === s.childId && agenda.question}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
