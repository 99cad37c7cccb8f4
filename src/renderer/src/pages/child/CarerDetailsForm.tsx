import { useState, type FormEvent, type ReactNode } from 'react'
import { carerKindLabels, carerKinds, type Carer, type CarerKind } from '../../../../shared/api'
import { ApiCallError, callApi } from '../../api'
import { DateField } from '../../components/DateField'

/**
 * A carer's entry in the register: type, agency, approval date, URN and the address
 * decision letters go to. Adding a carer from a placement takes only a name and type,
 * so this is where the rest is given or corrected.
 */
export function CarerDetailsForm({
  carer,
  today,
  onSaved,
  onCancel
}: {
  carer: Carer
  today: string
  onSaved: (c: Carer) => void
  onCancel: () => void
}): ReactNode {
  const [draft, setDraft] = useState({
    name: carer.name,
    kind: carer.kind,
    provider: carer.provider ?? '',
    approvedDate: carer.approvedDate ?? '',
    urn: carer.urn ?? '',
    address: carer.address ?? ''
  })
  const [message, setMessage] = useState<string | null>(null)
  const set = (patch: Partial<typeof draft>): void => setDraft({ ...draft, ...patch })
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    try {
      const optional = (v: string): string | undefined => (v.trim() ? v.trim() : undefined)
      const saved = await callApi('updateCarer', {
        id: carer.id,
        name: draft.name,
        kind: draft.kind,
        provider: optional(draft.provider),
        approvedDate: optional(draft.approvedDate),
        urn: optional(draft.urn),
        address: optional(draft.address)
      })
      onSaved(saved)
    } catch (error) {
      setMessage(error instanceof ApiCallError ? error.message : String(error))
    }
  }
  return (
    <form className="form-grid no-print" aria-label={`Details of ${carer.name}`} onSubmit={(e) => void save(e)}>
      <label>
        Name
        <input type="text" value={draft.name} onChange={(e) => set({ name: e.target.value })} required />
      </label>
      <label>
        Type
        <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as CarerKind })}>
          {carerKinds.map((k) => (
            <option key={k} value={k}>
              {carerKindLabels[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Agency or provider
        <input type="text" value={draft.provider} onChange={(e) => set({ provider: e.target.value })} />
      </label>
      <label>
        Ofsted URN (residential)
        <input type="text" value={draft.urn} onChange={(e) => set({ urn: e.target.value })} />
      </label>
      <DateField
        id={`carer-${carer.id}-approved`}
        className="stacked"
        label="Approved on"
        value={draft.approvedDate}
        max={today}
        onChange={(v) => set({ approvedDate: v })}
      />
      <label className="wide">
        Address for letters
        <textarea rows={3} value={draft.address} onChange={(e) => set({ address: e.target.value })} />
      </label>
      <div className="wide">
        <button type="submit">Save carer details</button>{' '}
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {message && <p className="problem">{message}</p>}
      </div>
    </form>
  )
}
