import { useRef, useState, type ReactNode } from 'react'
import type { ReviewItemRow } from '../../../../shared/api'
import { ApiCallError, callApi, reloadCall } from '../../api'
import { ConflictNotice, conflictCurrent } from '../../components/ConflictNotice'
import { KeepFocusButton } from '../../components/KeepFocusButton'

const choices: [string, boolean | null][] = [
  ['Yes', true],
  ['No', false],
  ['Not yet answered', null]
]
const answer = (value: boolean | null): string => choices.find(([, v]) => v === value)![0]

/**
 * The section 20 audit's question beside the outcome: is the child's legal permanence
 * secure? Choosing an answer does not save it (arrowing through the radios would record
 * each one); "Save answer" does.
 */
export function LegalPermanence({ item, open }: { item: ReviewItemRow; open: boolean }): ReactNode {
  const [choice, setChoice] = useState<{ itemId: number; secure: boolean | null } | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [conflict, setConflict] = useState<{ message: string; theirs: ReviewItemRow | null; mine: boolean | null }>()
  // The version the last save here left: a second save before the page reloads goes against it.
  const saved = useRef({ itemId: item.id, version: item.version })
  if (saved.current.itemId !== item.id) saved.current = { itemId: item.id, version: item.version }
  else saved.current.version = Math.max(saved.current.version, item.version)
  if (item.cohort !== 'S20') return null
  const chosen = choice?.itemId === item.id ? choice.secure : item.legalPermanenceSecure
  const changed = chosen !== item.legalPermanenceSecure
  const save = async (): Promise<void> => {
    setBusy(true)
    const last = saved.current
    try {
      last.version = (await callApi('setLegalPermanenceSecure', { itemId: item.id, secure: chosen, expectedVersion: last.version })).version
      setConflict(undefined)
      setMessage(`Saved: ${answer(chosen)}.`)
    } catch (error) {
      const refused = conflictCurrent<ReviewItemRow>(error)
      if (refused && error instanceof ApiCallError) {
        setMessage(null)
        setConflict({ message: error.message, theirs: refused.current, mine: chosen })
      } else setMessage(error instanceof ApiCallError ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <fieldset className="legal-permanence" disabled={!open}>
      <legend>Legal permanence secure?</legend>
      {choices.map(([label, value]) => (
        <label key={label}>
          <input
            type="radio"
            name={`secure-${item.id}`}
            checked={chosen === value}
            onChange={() => {
              setChoice({ itemId: item.id, secure: value })
              setMessage(null)
            }}
          />{' '}
          {label}
        </label>
      ))}
      <KeepFocusButton inactive={busy || !changed} onClick={() => void save()}>
        Save answer
      </KeepFocusButton>
      {message && <span role="status"> {message}</span>}
      {conflict && (
        <ConflictNotice
          message={conflict.message}
          fields={[{ label: 'Legal permanence secure?', theirs: answer(conflict.theirs?.legalPermanenceSecure ?? null), mine: answer(conflict.mine) }]}
          loaded={false}
          onLoadTheirs={() => {
            setConflict(undefined)
            setChoice(null)
            reloadCall('reviewItem')
          }}
        />
      )}
    </fieldset>
  )
}
