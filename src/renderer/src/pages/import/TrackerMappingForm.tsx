import { useEffect, useState, type ReactNode } from 'react'
import {
  decisionOutcomes,
  fileDateFormats,
  outcomeLabels,
  trackerColumnLabels,
  trackerMapping,
  type DecisionOutcome,
  type FilePreview,
  type TrackerMappingInput
} from '../../../../shared/api'
import { callApi } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { ImportActions } from './ImportResult'
import { mappingColumns } from './mappingColumns'
import { SheetAndHeaderRow } from './SheetAndHeaderRow'
import { importFileTypes, readUpload, toError, useImportFlow, type Upload } from './useImportFlow'

type Field = keyof TrackerMappingInput['columns']
const columnsToMap = mappingColumns(trackerMapping.shape.columns, trackerColumnLabels)
const guesses: Record<Field, RegExp> = {
  childId: /child|ref|id\b|lac/i,
  date: /date|when/i,
  outcome: /outcome|result|decision|status/i,
  notes: /note|comment/i,
  manager: /manager|by\b/i
}

/** A legacy tracker: choose the file, see its first rows, map its columns and words, check, import. */
export function TrackerMappingForm(): ReactNode {
  const flow = useImportFlow()
  const [file, setFile] = useState<Upload | null>(null)
  const [sheet, setSheet] = useState<string>()
  const [headerRow, setHeaderRow] = useState(1)
  const [preview, setPreview] = useState<FilePreview>()
  const [previewError, setPreviewError] = useState<Error>()
  const [columns, setColumns] = useState<Partial<Record<Field, string>>>({})
  const [words, setWords] = useState<Record<DecisionOutcome, string>>({ agreed: '', not_agreed: '', oversight: '', deferred: '' })
  const [dateFormat, setDateFormat] = useState<(typeof fileDateFormats)[number]>('DD/MM/YYYY')

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
          for (const { field } of columnsToMap) {
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
  const split = (s: string): string[] =>
    s
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean)
  const mapping: TrackerMappingInput | null =
    columns.childId && columns.date && columns.outcome
      ? {
          sheet: preview?.kind === 'xlsx' ? (preview.sheet ?? undefined) : undefined,
          headerRow,
          columns: {
            childId: columns.childId,
            date: columns.date,
            outcome: columns.outcome,
            ...(columns.notes ? { notes: columns.notes } : {}),
            ...(columns.manager ? { manager: columns.manager } : {})
          },
          values: {
            outcome: { agreed: split(words.agreed), not_agreed: split(words.not_agreed), oversight: split(words.oversight), deferred: split(words.deferred) }
          },
          dateFormat
        }
      : null

  return (
    <section aria-labelledby="import-tracker">
      <h2 id="import-tracker">Import a legacy tracker</h2>
      <p className="muted">
        Panel decisions and oversight entries from your own spreadsheet. Match its columns and words to Permanence Desk's, check, then import.
      </p>
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
        <SheetAndHeaderRow
          preview={preview}
          hasFile={file !== null}
          headerRow={headerRow}
          onChange={flow.reset}
          setSheet={setSheet}
          setHeaderRow={setHeaderRow}
        />
      </div>
      {previewError && <ErrorState error={previewError} />}
      {file && !preview && !previewError && <Loading what="the first rows" />}
      {preview && (
        <>
          <h3>First rows</h3>
          <div style={{ overflowX: 'auto' }}>
            <table className="table" aria-label="First rows of the tracker">
              <thead>
                <tr>
                  {preview.headers.map((h, i) => (
                    <th key={i}>{h || <span className="muted">(blank)</span>}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r, i) => (
                  <tr key={i}>
                    {preview.headers.map((_, j) => (
                      <td key={j}>{r[j] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Column mapping</h3>
          <div className="toolbar">
            {columnsToMap.map(({ field, label, required }) => (
              <label key={field}>
                {label}
                {required ? '' : ' (optional)'}{' '}
                <select
                  aria-label={required ? label : `${label} (optional)`}
                  value={columns[field] ?? ''}
                  onChange={(e) => (flow.reset(), setColumns({ ...columns, [field]: e.target.value || undefined }))}
                >
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
                {fileDateFormats.map((f) => (
                  <option key={f}>{f}</option>
                ))}
              </select>
            </label>
          </div>
          <p className="muted">
            Outcome words, separated by commas.{seen.length > 0 && ` Seen in the first rows: ${seen.join(', ')}.`} Rows with any other word are rejected and
            listed.
          </p>
          <div className="toolbar">
            {decisionOutcomes.map((key) => (
              <label key={key}>
                {outcomeLabels[key]}{' '}
                <input
                  type="text"
                  value={words[key]}
                  onChange={(e) => (flow.reset(), setWords({ ...words, [key]: e.target.value }))}
                  aria-label={`Words for ${outcomeLabels[key]}`}
                />
              </label>
            ))}
          </div>
          <ImportActions flow={flow} request={file && mapping ? { kind: 'tracker', files: [file], mapping } : null} />
        </>
      )}
    </section>
  )
}
