import { useId, useState, type ReactNode } from 'react'
import { maxPaperBytes, type AgendaItem } from '../../../../../shared/api'
import { ApiCallError } from '../../../api'
import { download, fileToBase64 } from '../../../download'
import type { Run } from './useMeeting'

const kb = (bytes: number): string => `${Math.ceil(bytes / 1024)} KB`

/**
 * The child's papers as one compact list (received or not, and the attached file), with a
 * single "Attach paper" control: choose which paper, then the file.
 */
export function Papers({ item, signed, run, onError }: { item: AgendaItem; signed: boolean; run: Run; onError: (e: ApiCallError) => void }): ReactNode {
  const id = useId()
  const firstMissing = item.papers.find((p) => !p.file)?.kind ?? item.papers[0]?.kind ?? ''
  const [kind, setKind] = useState(firstMissing)
  const received = item.papers.filter((p) => p.received).length

  const attach = async (file: File | undefined): Promise<void> => {
    if (!file) return
    if (file.size > maxPaperBytes)
      return onError(new ApiCallError('invalid_input', `${file.name} is over the ${maxPaperBytes / 1024 / 1024} MB limit for papers.`))
    // Reading the file can fail (moved or unreadable since it was chosen): said beside the papers, like any refusal.
    const contentBase64 = await fileToBase64(file).catch((e: unknown) => onError(new ApiCallError('invalid_input', e instanceof Error ? e.message : String(e))))
    if (contentBase64 === undefined) return
    await run('attachPaper', { itemId: item.id, kind, fileName: file.name, contentBase64 }, { notice: `${file.name} attached as the ${kind}.` })
  }
  const open = (paperKind: string): void => {
    download('readPaper', { itemId: item.id, kind: paperKind }).catch(onError)
  }

  return (
    <section className="papers-panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        Papers{' '}
        <span className="muted">
          ({received} of {item.papers.length} received)
        </span>
      </h3>
      <ul className="paper-list" aria-label={`Papers for ${item.childName}`}>
        {item.papers.map((p) => (
          <li key={p.kind}>
            <label>
              <input
                type="checkbox"
                checked={p.received}
                disabled={signed}
                onChange={(e) => void run('setPaper', { itemId: item.id, kind: p.kind, received: e.target.checked })}
              />{' '}
              {p.kind}
            </label>
            {p.file ? (
              <button type="button" className="link" onClick={() => open(p.kind)} title={`SHA-256 ${p.file.sha256}; added by ${p.file.addedBy}`}>
                {p.file.name} ({kb(p.file.size)})
              </button>
            ) : (
              <span className="muted small">no file</span>
            )}
          </li>
        ))}
      </ul>
      {!signed && (
        <div className="attach-row no-print">
          <label htmlFor={`${id}-kind`}>Paper</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
            {item.papers.map((p) => (
              <option key={p.kind} value={p.kind}>
                {p.kind}
                {p.file ? ' (replace file)' : ''}
              </option>
            ))}
          </select>
          <label className="file-button">
            <input
              type="file"
              className="visually-hidden"
              aria-label={`Attach paper for ${item.childName}`}
              onChange={(e) => {
                void attach(e.target.files?.[0])
                e.target.value = ''
              }}
            />
            Attach paper…
          </label>
        </div>
      )}
    </section>
  )
}
