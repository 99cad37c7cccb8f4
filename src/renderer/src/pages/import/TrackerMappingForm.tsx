import { useEffect, useState, type ReactNode } from 'react'
import type { FilePreview, TrackerMappingInput } from '../../../../shared/api'
import { callApi } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { ImportActions } from './ImportResult'
import { SheetAndHeaderRow } from './SheetAndHeaderRow'
import { importFileTypes, readUpload, toError, useImportFlow, type Upload } from './useImportFlow'

type Field = 'childId' | 'date' | 'outcome' | 'notes' | 'manager'
const fieldLabels: Record<Field, string> = { childId: 'Child ID', date: 'Date', outcome: 'Outcome', notes: 'Notes (optional)', manager: 'Manager (optional)' }
const guesses: Record<Field, RegExp> = { childId: /child|ref|id\b|lac/i, date: /date|when/i, outcome: /outcome|result|decision|status/i, notes: /note|comment/i, manager: /manager|by\b/i }
const outcomes = [
  ['agreed', 'Permanence agreed'],
  ['not_agreed', 'Not agreed'],
  ['oversight', 'Management oversight'],
  ['deferred', 'Deferred']
] as const

/** A legacy tracker: choose the file, see its first rows, map its columns and words, check, import. */
export function TrackerMappingForm(): ReactNode {
  const flow = useImportFlow()
  const [file, setFile] = useState<Upload | null>(null)
  const [sheet, setSheet] = useState<string>()
  const [headerRow, setHeaderRow] = useState(1)
  const [preview, setPreview] = useState<FilePreview>()
  const [previewError, setPreviewError] = useState<Error>()
  const [columns, setColumns] = useState<Partial<Record<Field, string>>>({})
  const [words, setWords] = useState<Record<(typeof outcomes)[number][0], string>>({ agreed: '', not_agreed: '', oversight: '', deferred: '' })
  const [dateFormat, setDateFormat] = useState<'DD/MM/YYYY' | 'YYYY-MM-DD' | 'MM/DD/YYYY'>('DD/MM/YYYY')

  useEffect(() => {
    if (!file) return
    let live = true
    callApi('previewFile', { file, sheet, headerRow, rows: 10 }).then(
      (p) => {
        if (!live) return
        setPreview(p)
        setPreviewError(undefined)
        setColumns((current) => {
          const next: Partial<Record<Field, string>> = {}
          for (const field of Object.keys(fieldLabels) as Field[]) {
            next[field] = current[field] && p.headers.includes(current[field]!) ? current[field] : p.headers.find((h) => guesses[field].test(h))
          }
          return next
        })
      },
      (e: unknown) => live && setPreviewError(toError(e))
    )
    return () => {
      live = false
    }
  }, [file, sheet, headerRow])

  const outcomeIndex = preview && columns.outcome ? preview.headers.indexOf(columns.outcome) : -1
  const seen = outcomeIndex >= 0 ? [...new Set(preview!.rows.map((r) => r[outcomeIndex]).filter(Boolean))] : []
  const split = (s: string): string[] => s.split(',').map((w) => w.trim()).filter(Boolean)
  const mapping: TrackerMappingInput | null =
    columns.childId && columns.date && columns.outcome
      ? {
          sheet: preview?.kind === 'xlsx' ? (preview.sheet ?? undefined) : undefined,
          headerRow,
          columns: { childId: columns.childId, date: columns.date, outcome: columns.outcome, ...(columns.notes ? { notes: columns.notes } : {}), ...(columns.manager ? { manager: columns.manager } : {}) },
          values: { outcome: { agreed: split(words.agreed), not_agreed: split(words.not_agreed), oversight: split(words.oversight), deferred: split(words.deferred) } },
          dateFormat
        }
      : null

  return (
    <section aria-labelledby="import-tracker">
      <h2 id="import-tracker">Import a legacy tracker</h2>
      <p className="muted">Panel decisions and oversight entries from your own spreadsheet. Match its columns and words to Permanence Desk's, check, then import.</p>
      <div className="toolbar">
        <label>
          Tracker file{' '}
          <input
            type="file"
            accept={importFileTypes}
            aria-label="Tracker file"
            onChange={async (e) => {
              flow.reset()
              setPreview(undefined)
              setSheet(undefined)
              const chosen = e.target.files?.[0]
              try {
                setFile(chosen ? await readUpload(chosen) : null)
              } catch (error) {
                setFile(null)
                setPreviewError(toError(error))
              }
            }}
          />
        </label>
        <SheetAndHeaderRow preview={preview} hasFile={file !== null} headerRow={headerRow} onChange={flow.reset} setSheet={setSheet} setHeaderRow={setHeaderRow} />
      </div>
      {previewError && <ErrorState error={previewError} />}
      {file && !preview && !previewError && <Loading what="the first rows" />}
      {preview && (
        <>
          <h3>First rows</h3>
          <div style={{ overflowX: 'auto' }}>
            <table className="table" aria-label="First rows of the tracker">
              <thead>
                <tr>{preview.headers.map((h, i) => <th key={i}>{h || <span className="muted">(blank)</span>}</th>)}</tr>
              </thead>
              <tbody>
                {preview.rows.map((r, i) => (
                  <tr key={i}>{preview.headers.map((_, j) => <td key={j}>{r[j] ?? ''}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Column mapping</h3>
          <div className="toolbar">
            {(Object.keys(fieldLabels) as Field[]).map((field) => (
              <label key={field}>
                {fieldLabels[field]}{' '}
                <select aria-label={fieldLabels[field]} value={columns[field] ?? ''} onChange={(e) => (flow.reset(), setColumns({ ...columns, [field]: e.target.value || undefined }))}>
                  <option value="">—</option>
                  {preview.headers.filter(Boolean).map((h) => (
                    <option key={h}>{h}</option>
                  ))}
                </select>
              </label>
            ))}
            <label>
              Dates typed as{' '}
              <select aria-label="Dates typed as" value={dateFormat} onChange={(e) => (flow.reset(), setDateFormat(e.target.value as typeof dateFormat))}>
                <option>DD/MM/YYYY</option>
                <option>YYYY-MM-DD</option>
                <option>MM/DD/YYYY</option>
              </select>
            </label>
          </div>
          <p className="muted">
            Outcome words, separated by commas.{seen.length > 0 && ` Seen in the first rows: ${seen.join(', ')}.`} Rows with any other word are rejected and listed.
          </p>
          <div className="toolbar">
            {outcomes.map(([key, label]) => (
              <label key={key}>
                {label}{' '}
                <input type="text" value={words[key]} onChange={(e) => (flow.reset(), setWords({ ...words, [key]: e.target.value }))} aria-label={`Words for ${label}`} />
              </label>
            ))}
          </div>
          <ImportActions flow={flow} request={file && mapping ? { kind: 'tracker', files: [file], mapping } : null} />
        </>
      )}
    </section>
  )
}
