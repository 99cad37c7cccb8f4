import { useState, type ReactNode } from 'react'
import type { ReviewItemRow } from '../../../../shared/api'
import { ApiCallError, callApi } from '../../api'

const choices: [string, boolean | null][] = [['Yes', true], ['No', false], ['Not yet answered', null]]

/** The section 20 audit's question beside the outcome: is the child's legal permanence secure? */
export function LegalPermanence({ item, open, onSaved }: { item: ReviewItemRow; open: boolean; onSaved: () => void }): ReactNode {
  const [message, setMessage] = useState<string | null>(null)
  if (item.cohort !== 'S20') return null
  const save = async (secure: boolean | null): Promise<void> => {
    try {
      await callApi('setLegalPermanenceSecure', { itemId: item.id, secure })
      setMessage('Saved.')
      onSaved()
    } catch (error) {
      setMessage(error instanceof ApiCallError ? error.message : String(error))
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
    </fieldset>
  )
}
