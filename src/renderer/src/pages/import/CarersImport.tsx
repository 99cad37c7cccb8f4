import { useState, type ReactNode } from 'react'
import {
  carerKindLabels,
  carerKinds,
  carersColumnLabels,
  carersMapping,
  type CarerKind,
  type CarersImportSummary,
  type CarersMappingInput,
  type FilePreview
} from '../../../../shared/api'
import { ApiCallError, callApi } from '../../api'
import { mappingColumns } from './mappingColumns'
import { SheetAndHeaderRow } from './SheetAndHeaderRow'
import { ImportOutcome } from '../../components/ImportOutcome'
import { MappedWords, splitWords } from './MappedWords'
import { ColumnSelects, DateFormatSelect, type FileDateFormat } from './MappingFields'
import { UploadField } from './UploadField'
import { useFilePreview } from './useFilePreview'
import type { Upload } from './useImportFlow'
import { RejectedRows } from '../../components/RejectedRows'
import { countOf } from '../../../../shared/plural'
import { KeepFocusButton } from '../../components/KeepFocusButton'
type Field = keyof CarersMappingInput['columns']

const columnsToMap = mappingColumns(carersMapping.shape.columns, carersColumnLabels)
const guesses: Record<Field, RegExp> = {
  childId: /child|lac|ref|id/i,
  placementStart: /start|placed|from|decom/i,
  carerName: /carer|name/i,
  kind: /type|kind/i,
  provider: /agency|provider/i,
  approvedDate: /approv/i,
  urn: /urn/i,
  address: /address/i
}

/**
 * Carers from a CSV or xlsx list: map the columns, preview (nothing is
 * written; every rejected row listed with file, row, column, value and reason), then
 * import in one transaction.
 */
export function CarersImport(): ReactNode {
  const [file, setFile] = useState<Upload | null>(null)
  const [sheet, setSheet] = useState<string>()
  const [headerRow, setHeaderRow] = useState(1)
  const [preview, setPreview] = useState<FilePreview>()
  const [columns, setColumns] = useState<Partial<Record<Field, string>>>({})
  const [words, setWords] = useState<Partial<Record<CarerKind, string>>>({})
  const [dateFormat, setDateFormat] = useState<FileDateFormat>('DD/MM/YYYY')
  const [summary, setSummary] = useState<CarersImportSummary>()
  const [problem, setProblem] = useState<string>()
  const [busy, setBusy] = useState(false)

  useFilePreview(
    { file, sheet, headerRow, rows: 5 },
    (p) => {
      setPreview(p)
      setProblem(undefined)
      const taken = new Set<string>()
      const next: Partial<Record<Field, string>> = {}
      for (const { field } of columnsToMap) {
        const h = p.headers.find((x) => x && !taken.has(x) && guesses[field].test(x))
        if (h) taken.add((next[field] = h))
      }
      setColumns(next)
    },
    (e) => setProblem(e instanceof Error ? e.message : String(e))
  )

  const mapping: CarersMappingInput | null = columnsToMap.every((c) => !c.required || columns[c.field])
    ? {
        sheet: preview?.kind === 'xlsx' ? (preview.sheet ?? undefined) : undefined,
        headerRow,
        columns: Object.fromEntries(Object.entries(columns).filter(([, v]) => v)) as CarersMappingInput['columns'],
        values: { kind: Object.fromEntries(Object.entries(words).map(([k, v]) => [k, splitWords(v ?? '')])) },
        dateFormat
      }
    : null
  const run = async (commit: boolean): Promise<void> => {
    if (!file || !mapping) return
    setBusy(true)
    try {
      const result = await callApi(commit ? 'commitCarersImport' : 'previewCarersImport', { file, mapping })
      setSummary(result)
    } catch (error) {
      setProblem(error instanceof ApiCallError ? error.message : String(error))
    }
    setBusy(false)
  }
  const reset = (): void => setSummary(undefined)

  return (
    <section aria-labelledby="import-carers">
      <h2 id="import-carers">Import carers</h2>
      <p className="muted">
        Who looks after each child: one row per carer and placement (child ID, the date the placement began, the carer's name …). New carers join the register.
      </p>
      <div className="toolbar">
        <UploadField
          label="Carers file"
          onChoose={() => {
            reset()
            setPreview(undefined)
          }}
          setFile={setFile}
          onError={(error) => setProblem(error.message)}
        />
        <SheetAndHeaderRow
          labelPrefix="Carers"
          preview={preview}
          hasFile={file !== null}
          headerRow={headerRow}
          onChange={reset}
          setSheet={setSheet}
          setHeaderRow={setHeaderRow}
        />
      </div>
      {preview && (
        <>
          <div className="toolbar">
            <ColumnSelects
              columns={columnsToMap}
              headers={preview.headers}
              chosen={columns}
              onChange={(next) => (reset(), setColumns(next))}
              describe={({ label, required }) => ({ suffix: required ? ' *' : '', ariaLabel: `Carers column: ${label}` })}
            />
            <DateFormatSelect ariaLabel="Carers dates typed as" value={dateFormat} onChange={(f) => (reset(), setDateFormat(f))} />
          </div>
          <details>
            <summary>Words in the file for each kind of carer (the codes always work)</summary>
            <MappedWords keys={carerKinds} labels={carerKindLabels} words={words} onChange={(next) => (reset(), setWords(next))} />
          </details>
          <div className="form-row">
            <KeepFocusButton inactive={!mapping || busy} onClick={() => void run(false)}>
              Check carers file
            </KeepFocusButton>
            <KeepFocusButton className="primary" inactive={!summary?.dryRun || busy} onClick={() => void run(true)}>
              Import carers
            </KeepFocusButton>
          </div>
        </>
      )}
      <ImportOutcome busy={busy} problem={problem} testId="carers-outcome">
        {summary && (
          <div aria-label={summary.dryRun ? 'Carers preview' : 'Carers import result'} data-testid="carers-summary">
            <p role="status">
              {summary.dryRun ? 'Would link' : 'Linked'} {countOf(summary.inserted, 'carer')} to placements; {summary.unchanged} already linked;{' '}
              {summary.carersAdded} new to the register; {countOf(summary.totals.rejectedRows, 'row')} rejected.
            </p>
            <RejectedRows rows={summary.rejected} label="Rejected carers rows" />
          </div>
        )}
      </ImportOutcome>
    </section>
  )
}
