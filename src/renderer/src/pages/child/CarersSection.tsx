import { useState, type FormEvent, type ReactNode } from 'react'
import { carerKindLabels, carerKinds, type Carer, type CarerKind, type Placement } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { ApiCallError, callApi, useCall } from '../../api'
import { InlineConfirm, useConfirming } from '../../components/InlineConfirm'
import { useMayChange } from '../../me'
import { placementName } from '../tracker/codes'
import { CarerDetailsForm } from './CarerDetailsForm'

/**
 * The child's placements (time with the same carers) and their carers: link one from
 * the register or add a new one. Changes reach the tracker, which follows the carers.
 */
export function CarersSection({ childId }: { childId: string }): ReactNode {
  const placements = useCall('childPlacements', { childId })
  const info = useCall('appInfo', {})
  const [message, setMessage] = useState<string | null>(null)
  const [editing, setEditing] = useState<Carer | null>(null)
  // Links and the register are changed by the roles the team database lets; others read them.
  const mayLink = useMayChange('placementCarers')
  const mayEditCarers = useMayChange('carers')
  const changed = setMessage
  const fail = (error: unknown): void => setMessage(error instanceof ApiCallError ? error.message : String(error))
  return (
    <>
      <h2>Placements and carers</h2>
      {placements.error && <p className="problem">{placements.error.message}</p>}
      {placements.data?.length === 0 && <p className="muted">No care episodes recorded.</p>}
      {placements.data && placements.data.length > 0 && (
        <table className="table" data-testid="placements">
          <thead>
            <tr>
              <th>From</th>
              <th>To</th>
              <th>Placement</th>
              <th>Carers</th>
              {mayLink && <th className="no-print">Link a carer</th>}
            </tr>
          </thead>
          <tbody>
            {placements.data.map((p) => (
              <tr key={p.start}>
                <td>
                  {ukDate(p.start)}
                  {!p.startKnown && <span className="muted"> (records begin)</span>}
                </td>
                <td>{p.end ? ukDate(p.end) : 'now'}</td>
                <td>{placementName(p.place)}</td>
                <td>
                  {p.carers.length === 0 && <span className="muted">none linked</span>}
                  {p.carers.map((c) => (
                    <span key={c.id} className="chip">
                      {c.name} <span className="muted">({carerKindLabels[c.kind]})</span>{' '}
                      {mayEditCarers && (
                        <button type="button" className="no-print" aria-label={`Details of ${c.name}`} onClick={() => setEditing(c)}>
                          details
                        </button>
                      )}{' '}
                      {mayLink && <UnlinkCarer childId={childId} placement={p} carer={c} onUnlinked={changed} onError={fail} />}
                    </span>
                  ))}
                </td>
                {mayLink && (
                  <td className="no-print">
                    <LinkCarer childId={childId} placement={p} onLinked={changed} onError={fail} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && info.data && (
        <CarerDetailsForm
          key={editing.id}
          carer={editing}
          today={info.data.today}
          onCancel={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null)
            changed(`Saved the details of ${c.name}.`)
          }}
        />
      )}
      <p role="status">{message}</p>
    </>
  )
}

const carerFieldId = (placement: Placement): string => `carer-for-${placement.start}`

/**
 * The × beside a linked carer, and the confirmation it asks for first: the tracker follows
 * the carers linked, so an unlink pressed by mistake could change what the child's panel
 * decision covers. Once unlinked, the focus goes to the placement's carer field (to link
 * another) while the notice says what was done.
 */
function UnlinkCarer({
  childId,
  placement,
  carer,
  onUnlinked,
  onError
}: {
  childId: string
  placement: Placement
  carer: Carer
  onUnlinked: (m: string) => void
  onError: (e: unknown) => void
}): ReactNode {
  const button = `unlink-${placement.start}-${carer.id}`
  const { confirming, ask, cancel, close } = useConfirming(button)
  const [busy, setBusy] = useState(false)
  if (!confirming)
    return (
      <button type="button" id={button} className="no-print" aria-label={`Unlink ${carer.name}`} onClick={ask}>
        ×
      </button>
    )
  const unlink = async (): Promise<void> => {
    setBusy(true)
    try {
      await callApi('unlinkPlacementCarer', { childId, placementStart: placement.start, carerId: carer.id })
      onUnlinked(`Unlinked ${carer.name} from the placement from ${ukDate(placement.start)}.`)
      document.getElementById(carerFieldId(placement))?.focus()
      close()
    } catch (error) {
      onError(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <InlineConfirm label={`Confirm unlinking ${carer.name}`} confirm="Unlink" busy={busy} onCancel={cancel} onConfirm={() => void unlink()}>
      Unlink {carer.name} from this placement? The tracker follows the carers linked, so this can change whether a panel decision still counts.
    </InlineConfirm>
  )
}

function LinkCarer({
  childId,
  placement,
  onLinked,
  onError
}: {
  childId: string
  placement: Placement
  onLinked: (m: string) => void
  onError: (e: unknown) => void
}): ReactNode {
  const [search, setSearch] = useState('')
  const [kind, setKind] = useState<CarerKind>('inhouse')
  const found = useCall('listCarers', { search })
  const link = (carerId: number, name: string): void => {
    callApi('linkPlacementCarer', { childId, placementStart: placement.start, carerId }).then(
      () => onLinked(`Linked ${name} to the placement from ${ukDate(placement.start)}.`),
      onError
    )
  }
  const addNew = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    try {
      const carer = await callApi('addCarer', { name: search.trim(), kind })
      link(carer.id, carer.name)
    } catch (error) {
      onError(error)
    }
  }
  const matches = search.trim() ? (found.data ?? []).slice(0, 5) : []
  return (
    <form className="inline-form" onSubmit={(e) => void addNew(e)}>
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        id={carerFieldId(placement)}
        placeholder="Carer name"
        aria-label={`Carer for the placement from ${ukDate(placement.start)}`}
      />
      {matches.map((c) => (
        <button key={c.id} type="button" onClick={() => link(c.id, c.name)}>
          Link {c.name}
        </button>
      ))}
      {search.trim() && (
        <>
          <select value={kind} onChange={(e) => setKind(e.target.value as CarerKind)} aria-label="Kind of carer">
            {carerKinds.map((k) => (
              <option key={k} value={k}>
                {carerKindLabels[k]}
              </option>
            ))}
          </select>
          <button type="submit">Add new carer</button>
        </>
      )}
    </form>
  )
}
