import { useState, type ReactNode } from 'react'
import {
  decisionOutcomes,
  outcomeLabels,
  trackerColumnLabels,
  trackerMapping,
  type DecisionOutcome,
  type FilePreview,
  type TrackerMappingInput
} from '../../../../shared/api'
import { ErrorState, Loading } from '../../components/States'
import { ImportActions } from './ImportResult'
import { mappingColumns } from './mappingColumns'
import { SheetAndHeaderRow } from './SheetAndHeaderRow'
import { MappedWords, splitWords } from './MappedWords'
import { ColumnSelects, DateFormatSelect, type FileDateFormat } from './MappingFields'
import { UploadField } from './UploadField'
import { useFilePreview } from './useFilePreview'
import { toError, useImportFlow, type Upload } from './useImportFlow'

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
  const [dateFormat, setDateFormat] = useState<FileDateFormat>('DD/MM/YYYY')

  useFilePreview(
    { file, sheet, headerRow, rows: 10 },
    (p) => {
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
    (e) => setPreviewError(toError(e))
  )

  const outcomeIndex = preview && columns.outcome ? preview.headers.indexOf(columns.outcome) : -1
  const seen = outcomeIndex >= 0 ? [...new Set(preview!.rows.map((r) => r[outcomeIndex]).filter(Boolean))] : []
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
            outcome: {
              agreed: splitWords(words.agreed),
              not_agreed: splitWords(words.not_agreed),
              oversight: splitWords(words.oversight),
              deferred: splitWords(words.deferred)
            }
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
        <UploadField
          label="Tracker file"
          onChoose={() => {
            flow.reset()
            setPreview(undefined)
            setSheet(undefined)
          }}
          setFile={setFile}
          onError={setPreviewError}
        />
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
            <ColumnSelects
              columns={columnsToMap}
              headers={preview.headers}
              chosen={columns}
              onChange={(next) => (flow.reset(), setColumns(next))}
              describe={({ label, required }) => ({ suffix: required ? '' : ' (optional)', ariaLabel: required ? label : `${label} (optional)` })}
            />
            <DateFormatSelect ariaLabel="Dates typed as" value={dateFormat} onChange={(f) => (flow.reset(), setDateFormat(f))} />
          </div>
          <p className="muted">
            Outcome words, separated by commas.{seen.length > 0 && ` Seen in the first rows: ${seen.join(', ')}.`} Rows with any other word are rejected and
            listed.
          </p>
          <MappedWords keys={decisionOutcomes} labels={outcomeLabels} words={words} onChange={(next) => (flow.reset(), setWords(next))} />
          <ImportActions flow={flow} request={file && mapping ? { kind: 'tracker', files: [file], mapping } : null} />
        </>
      )}
    </section>
  )
}
