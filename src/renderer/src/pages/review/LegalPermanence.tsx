import { useRef, useState, type ReactNode } from 'react'
import type { ReviewItemRow } from '../../../../shared/api'
import { ApiCallError, callApi, reloadCall } from '../../api'
import { ConflictNotice, conflictCurrent } from '../../components/ConflictNotice'

const choices: [string, boolean | null][] = [
  ['Yes', true],
  ['No', false],
  ['Not yet answered', null]
]
const answer = (value: boolean | null): string => choices.find(([, v]) => v === value)![0]

/** The section 20 audit's question beside the outcome: is the child's legal permanence secure? */
export function LegalPermanence({ item, open }: { item: ReviewItemRow; open: boolean }): ReactNode {
  const [message, setMessage] = useState<string | null>(null)
  const [conflict, setConflict] = useState<{ message: string; theirs: ReviewItemRow | null; mine: boolean | null }>()
  // Arrowing through the choices saves at each one: the saves go in turn, each against the
  // version the last one left, or the second would conflict with the reviewer's own first.
  const saving = useRef({ itemId: item.id, version: item.version, done: Promise.resolve() })
  if (saving.current.itemId !== item.id) saving.current = { itemId: item.id, version: item.version, done: Promise.resolve() }
  else saving.current.version = Math.max(saving.current.version, item.version)
  if (item.cohort !== 'S20') return null
  const save = (secure: boolean | null): Promise<void> => {
    const turn = saving.current
    turn.done = turn.done.then(() => send(turn, secure))
    return turn.done
  }
  const send = async (turn: { itemId: number; version: number }, secure: boolean | null): Promise<void> => {
    try {
      turn.version = (await callApi('setLegalPermanenceSecure', { itemId: turn.itemId, secure, expectedVersion: turn.version })).version
      setConflict(undefined)
      setMessage('Saved.')
    } catch (error) {
      const refused = conflictCurrent<ReviewItemRow>(error)
      if (refused && error instanceof ApiCallError) {
        setMessage(null)
        setConflict({ message: error.message, theirs: refused.current, mine: secure })
      } else setMessage(error instanceof ApiCallError ? error.message : String(error))
    }
  }
  return (
    <fieldset className="legal-permanence" disabled={!open}>
      <legend>Legal permanence secure?</legend>
      {choices.map(([label, value]) => (
        <label key={label}>
          <input type="radio" name={`secure-${item.id}`} checked={item.legalPermanenceSecure === value} onChange={() => void save(value)} /> {label}
        </label>
      ))}
      {message && <span role="status"> {message}</span>}
      {conflict && (
        <ConflictNotice
          message={conflict.message}
          fields={[{ label: 'Legal permanence secure?', theirs: answer(conflict.theirs?.legalPermanenceSecure ?? null), mine: answer(conflict.mine) }]}
          loaded={false}
          onLoadTheirs={() => {
            setConflict(undefined)
            reloadCall('reviewItem')
          }}
        />
      )}
    </fieldset>
  )
}
