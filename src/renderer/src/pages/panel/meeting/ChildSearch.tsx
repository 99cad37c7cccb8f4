import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { ChildSummary, MeetingDetail } from '../../../../../shared/api'
import { useCall } from '../../../api'
import { codeWithMeaning } from '../../../../../shared/ssda903-codes'
import { useAddToAgenda } from './addToAgenda'
import { ids } from './ids'
import type { Run } from './useMeeting'

const shown = 8

/**
 * Puts any child on the agenda, found by name or child ID: a combobox (type, arrow keys,
 * Enter to add, Escape to clear), so a chair never depends on the suggestions.
 */
export function ChildSearch({ meeting, run }: { meeting: MeetingDetail; run: Run }): ReactNode {
  const [query, setQuery] = useState('')
  const [searched, setSearched] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  const term = query.trim()

  // Wait for a pause in typing: one search per word, not per key.
  useEffect(() => {
    const timer = setTimeout(() => setSearched(term), 200)
    return () => clearTimeout(timer)
  }, [term])
  // One more than are shown, to know whether there are more: a search for "DE" matches every child.
  const search = useCall('listChildren', { search: searched, limit: shown + 1 }, { enabled: searched.length >= 2 })
  const found = term.length >= 2 && searched.length >= 2 ? search.data : undefined
  const error = search.error
  useEffect(() => setActive(0), [search.data])

  const onAgenda = new Set(meeting.agenda.map((i) => i.childId))
  const options = (found ?? []).slice(0, shown)
  const open = options.length > 0
  const list = useRef<HTMLUListElement>(null)
  // The list opens below the search, which may be at the foot of the screen: bring it into view.
  useEffect(() => {
    if (open) list.current?.scrollIntoView?.({ block: 'nearest' })
  }, [open])

  const agenda = useAddToAgenda(meeting, run)
  const add = async (child: ChildSummary): Promise<void> => {
    if (onAgenda.has(child.childId)) return
    await agenda.add({
      childId: child.childId,
      reason: null,
      after: { focus: ids.search, notice: `${child.name} (${child.childId}) added to the agenda.` },
      cancelFocus: ids.search,
      onAdded: () => setQuery('')
    })
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault()
      setActive((a) => (a + 1) % options.length)
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault()
      setActive((a) => (a - 1 + options.length) % options.length)
    } else if (e.key === 'Enter') {
      e.preventDefault()
      const option = options[active]
      if (open && option) void add(option)
    } else if (e.key === 'Escape') {
      setQuery('')
    }
  }

  return (
    <div className="child-search">
      <label htmlFor={ids.search}>Add any child by name or child ID</label>
      <input
        id={ids.search}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        aria-describedby={`${listId}-help`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id={`${listId}-help`} className="muted small">
        Type 2 or more letters; ↑ ↓ to choose, Enter to add.
      </span>
      <ul ref={list} id={listId} role="listbox" aria-label="Children found" className="search-results" hidden={!open}>
        {options.map((c, i) => {
          const already = onAgenda.has(c.childId)
          return (
            // Clicking an option adds it; the keyboard uses the input's Enter, as the combobox pattern asks.
            <li
              key={c.childId}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={already}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void add(c)}
            >
              <strong>{c.name}</strong> <span className="muted">{c.childId}</span>
              {c.legalStatus && <span className="muted"> · {codeWithMeaning('LS', c.legalStatus)}</span>}
              {!c.lookedAfter && <span className="muted"> · not looked after now</span>}
              {already && <span className="muted"> · already on the agenda</span>}
            </li>
          )
        })}
      </ul>
      {found && term.length >= 2 && (
        <p className="muted small" role="status">
          {found.length === 0
            ? `No child matches “${term}”.`
            : found.length > shown
              ? `More than ${shown} children match; showing ${shown}: type more to narrow.`
              : `${found.length} found.`}
        </p>
      )}
      {agenda.question}
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  )
}
