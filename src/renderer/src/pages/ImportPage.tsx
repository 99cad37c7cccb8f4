import type { ColDef } from 'ag-grid-community'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { FilePreview, ImportBatch, ImportProgress, DataImportSummary, RowIssue, TrackerMappingInput } from '../../../shared/api'
import { ukDateTime } from '../../../shared/days'
import { ApiCallError, callApi, useCall } from '../api'
import { downloadBase64, fileToBase64 } from '../download'
import { Grid } from '../components/Grid'
import { EmptyState, ErrorState, Loading } from '../components/States'

type Upload = { fileName: string; contentBase64: string }

/** What one call can carry (base64 grows a file by a third; the bridge takes 64 MB). */
const maxUploadBytes = 48_000_000

/** Files go to the core as bytes, the same in the desktop app and in the browser. */
const readUpload = (file: File): Promise<Upload> =>
  new Promise((resolve, reject) => {
    if (file.size > maxUploadBytes) {
      reject(new Error(`${file.name} is ${Math.round(file.size / 1e6)} MB; files over 48 MB are imported with the command line: npx permanence import 903 FILE…`))
      return
    }
    fileToBase64(file).then((contentBase64) => resolve({ fileName: file.name, contentBase64 }), reject)
  })

const toError = (error: unknown): Error => (error instanceof Error ? error : new ApiCallError('internal', String(error)))
const n = (v: number): string => v.toLocaleString('en-GB')

type IssueRow = RowIssue & { type: 'Rejected' | 'Warning' }
const issueColumns: ColDef<IssueRow>[] = [
  { field: 'type', headerName: 'Type', width: 110 },
  { field: 'file', headerName: 'File', width: 170 },
  { field: 'row', headerName: 'Row', width: 90, type: 'numericColumn' },
  { field: 'column', headerName: 'Column', width: 170 },
  { field: 'value', headerName: 'Value', width: 170 },
  { field: 'reason', headerName: 'Reason', flex: 1, minWidth: 300 }
]

function SummaryView({ summary }: { summary: DataImportSummary }): ReactNode {
  const unit = summary.kind === '903' ? 'children' : 'events'
  const issues: IssueRow[] = [...summary.rejected.map((r) => ({ ...r, type: 'Rejected' as const })), ...summary.warnings.map((r) => ({ ...r, type: 'Warning' as const }))]
  return (
    <div aria-label={summary.dryRun ? 'Preview' : 'Import result'}>
      <div className="tiles">
        {(
          [
            ['inserted', summary.inserted, `new ${unit}`],
            ['updated', summary.updated, `updated ${unit}`],
            ['unchanged', summary.unchanged, `unchanged ${unit}`],
            ['rejected', summary.totals.rejectedRows, 'rejected rows'],
            ['warnings', summary.totals.warnings, 'warnings']
          ] as const
        ).map(([key, value, label]) => (
          <div className="tile" key={key} data-testid={`count-${key}`}>
            <span className="tile-number">{n(value)}</span>
            <span className="tile-label">{label}</span>
          </div>
        ))}
      </div>
      <p className="muted">
        {summary.files.map((f) => `${f.name} (${f.table}, ${n(f.rows)} rows)`).join(' · ')}
        {summary.episodes && ` · ${n(summary.episodes.written)} episodes written, ${n(summary.episodes.removed)} replaced`}
      </p>
      {issues.length < summary.totals.rejected + summary.totals.warnings && (
        <p role="note">The first {n(issues.length)} of {n(summary.totals.rejected + summary.totals.warnings)} problems are listed; fix those and check again to see the rest.</p>
      )}
      {issues.length === 0 ? (
        <EmptyState title="Every row is fine.">No rows were rejected and there is nothing to check.</EmptyState>
      ) : (
        <Grid rows={issues} columns={issueColumns} label="Rejected rows and warnings" height={Math.min(420, 60 + issues.length * 32)} />
      )}
    </div>
  )
}

function ProgressBar({ progress }: { progress: ImportProgress | null }): ReactNode {
  const fraction =
    progress?.phase === 'writing' && progress.of ? progress.written / progress.of : progress?.phase === 'reading' && progress.totalBytes ? progress.bytes / progress.totalBytes : null
  const text = !progress
    ? 'Starting…'
    : progress.phase === 'reading'
      ? `Reading ${progress.file ?? ''}: ${n(progress.rows)} rows`
      : progress.phase === 'writing'
        ? `Writing ${n(progress.written)} of ${n(progress.of)}`
        : progress.phase === 'checking'
          ? 'Checking rows against each other and the database…'
          : 'Finishing…'
  return (
    <div className="state" role="status" aria-live="polite">
      <div
        className={`progress${fraction === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        {fraction !== null && <span style={{ width: `${Math.round(fraction * 100)}%` }} />}
      </div>
      {text}
    </div>
  )
}

type ImportRequest = { kind: '903' | 'tracker'; files: Upload[]; mapping?: TrackerMappingInput }

/** Check (dry run) then import, with a progress bar polled while the import runs. */
function useImport(onCommitted: () => void) {
  const [preview, setPreview] = useState<DataImportSummary>()
  const [result, setResult] = useState<DataImportSummary>()
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [error, setError] = useState<Error>()
  const reset = (): void => {
    setPreview(undefined)
    setResult(undefined)
    setError(undefined)
  }
  const run = async (request: ImportRequest, commit: boolean): Promise<void> => {
    setError(undefined)
    setBusy(commit ? 'importing' : 'checking')
    setProgress(null)
    const jobId = `${Date.now()}-${Math.random().toString(36).slice(2)}`
    const timer = setInterval(() => {
      callApi('importProgress', { jobId }).then((p) => p && setProgress(p), () => undefined)
    }, 250)
    try {
      const summary = await callApi(commit ? 'commitImport' : 'previewImport', { ...request, jobId })
      if (commit) {
        setResult(summary)
        setPreview(undefined)
        onCommitted()
      } else {
        setPreview(summary)
        setResult(undefined)
      }
    } catch (e) {
      setError(toError(e))
    } finally {
      clearInterval(timer)
      setBusy(null)
    }
  }
  return { preview, result, busy, progress, error, reset, run, fail: setError }
}

function ImportActions({ flow, request, disabled }: { flow: ReturnType<typeof useImport>; request: ImportRequest | null; disabled?: boolean }): ReactNode {
  return (
    <>
      <div className="toolbar">
        <button type="button" disabled={!request || disabled || flow.busy !== null} onClick={() => request && flow.run(request, false)}>
          Check files
        </button>
        <button type="button" className="primary" disabled={!request || !flow.preview || flow.busy !== null} onClick={() => request && flow.run(request, true)}>
          Import
        </button>
        {!flow.preview && !flow.result && <span className="muted">Check the files first: nothing is written until you press Import.</span>}
      </div>
      {flow.busy && <ProgressBar progress={flow.progress} />}
      {flow.error && <ErrorState error={flow.error} />}
      {flow.preview && (
        <>
          <h3>Preview — nothing written yet</h3>
          <SummaryView summary={flow.preview} />
        </>
      )}
      {flow.result && (
        <>
          <h3>{flow.result.batchId ? `Imported (import number ${flow.result.batchId})` : 'Nothing to change: the database already holds these rows'}</h3>
          <SummaryView summary={flow.result} />
        </>
      )}
    </>
  )
}

function Import903({ onCommitted }: { onCommitted: () => void }): ReactNode {
  const flow = useImport(onCommitted)
  const [files, setFiles] = useState<Upload[] | null>(null)
  return (
    <section aria-labelledby="import-903">
      <h2 id="import-903">Import an SSDA903 return</h2>
      <p className="muted">
        Choose the Header and Episodes files (CSV or xlsx, as exported from your case management system or saved by Excel). Each child's episodes are replaced by the ones in the
        return; importing the same return twice changes nothing.
      </p>
      <div className="toolbar">
        <label>
          903 files{' '}
          <input
            type="file"
            multiple
            accept=".csv,.xlsx,text/csv"
            aria-label="903 files"
            onChange={async (e) => {
              flow.reset()
              const chosen = [...(e.target.files ?? [])]
              try {
                setFiles(chosen.length ? await Promise.all(chosen.map(readUpload)) : null)
              } catch (error) {
                setFiles(null)
                flow.fail(toError(error))
              }
            }}
          />
        </label>
      </div>
      <ImportActions flow={flow} request={files ? { kind: '903', files } : null} />
    </section>
  )
}

type Field = 'childId' | 'date' | 'outcome' | 'notes' | 'manager'
const fieldLabels: Record<Field, string> = { childId: 'Child ID', date: 'Date', outcome: 'Outcome', notes: 'Notes (optional)', manager: 'Manager (optional)' }
const guesses: Record<Field, RegExp> = { childId: /child|ref|id\b|lac/i, date: /date|when/i, outcome: /outcome|result|decision|status/i, notes: /note|comment/i, manager: /manager|by\b/i }
const outcomes = [
  ['agreed', 'Permanence agreed'],
  ['not_agreed', 'Not agreed'],
  ['oversight', 'Management oversight'],
  ['deferred', 'Deferred']
] as const

function TrackerImport({ onCommitted }: { onCommitted: () => void }): ReactNode {
  const flow = useImport(onCommitted)
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
            accept=".csv,.xlsx,text/csv"
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
        {preview?.kind === 'xlsx' && (
          <label>
            Sheet{' '}
            <select aria-label="Sheet" value={preview.sheet ?? ''} onChange={(e) => (flow.reset(), setSheet(e.target.value))}>
              {preview.sheets.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}
        {file && (
          <label>
            Heading row{' '}
            <input type="number" aria-label="Heading row" min={1} max={1000} value={headerRow} style={{ width: 70 }} onChange={(e) => (flow.reset(), setHeaderRow(Math.max(1, Number(e.target.value) || 1)))} />
          </label>
        )}
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

function ExportSection(): ReactNode {
  const [state, setState] = useState<{ busy: boolean; error?: Error; done?: string }>({ busy: false })
  return (
    <section aria-labelledby="export-903">
      <h2 id="export-903">Export an SSDA903 Header and Episodes</h2>
      <p className="muted">The stored children and episodes as 903 CSV files (no names). They import back to exactly the same data.</p>
      <div className="toolbar">
        <button
          type="button"
          disabled={state.busy}
          onClick={async () => {
            setState({ busy: true })
            try {
              const result = await callApi('export903Files', {})
              for (const f of result.files) downloadBase64(f.fileName, f.contentBase64, f.mimeType)
              setState({ busy: false, done: `Downloaded ${n(result.children)} children and ${n(result.episodes)} episodes.` })
            } catch (e) {
              setState({ busy: false, error: toError(e) })
            }
          }}
        >
          Download Header.csv and Episodes.csv
        </button>
        {state.done && <span role="status">{state.done}</span>}
      </div>
      {state.error && <ErrorState error={state.error} />}
    </section>
  )
}

function History({ generation }: { generation: number }): ReactNode {
  const history = useCall('importHistory', { limit: 200 })
  const reload = useRef(history.reload)
  reload.current = history.reload
  useEffect(() => {
    if (generation > 0) reload.current()
  }, [generation])
  const report = async (batchId: number, format: 'csv' | 'xlsx'): Promise<void> => {
    const r = await callApi('rejectedReport', { batchId, format })
    downloadBase64(r.fileName, r.contentBase64, r.mimeType)
  }
  const columns: ColDef<ImportBatch>[] = [
    { field: 'id', headerName: 'No.', width: 70, filter: false },
    { field: 'importedAt', headerName: 'When', width: 160, valueFormatter: (p) => ukDateTime(p.value as string | null) },
    { field: 'importedBy', headerName: 'Who', width: 120 },
    { field: 'kind', headerName: 'Kind', width: 80, filter: false },
    { field: 'fileName', headerName: 'Files', flex: 1, minWidth: 160, tooltipValueGetter: (p) => (p.data ? `sha256 ${p.data.sha256}` : '') },
    { field: 'inserted', headerName: 'New', width: 80, type: 'numericColumn', filter: false },
    { field: 'updated', headerName: 'Updated', width: 95, type: 'numericColumn', filter: false },
    { field: 'unchanged', headerName: 'Unchanged', width: 105, type: 'numericColumn', filter: false },
    { field: 'rejected', headerName: 'Rejected rows', width: 120, type: 'numericColumn', filter: false },
    {
      headerName: 'Report',
      width: 130,
      sortable: false,
      filter: false,
      cellRenderer: (p: { data?: ImportBatch }) =>
        p.data && (p.data.kind === '903' || p.data.kind === 'tracker') ? (
          <span>
            <button type="button" className="cell-button" onClick={() => void report(p.data!.id, 'csv')} aria-label={`Report for import ${p.data.id} as CSV`}>
              CSV
            </button>{' '}
            <button type="button" className="cell-button" onClick={() => void report(p.data!.id, 'xlsx')} aria-label={`Report for import ${p.data.id} as Excel`}>
              xlsx
            </button>
          </span>
        ) : null
    }
  ]
  return (
    <section aria-labelledby="import-history">
      <h2 id="import-history">Import history</h2>
      {history.error ? (
        <ErrorState error={history.error} onRetry={history.reload} />
      ) : !history.data ? (
        <Loading what="the import history" />
      ) : history.data.length === 0 ? (
        <EmptyState title="Nothing imported yet." />
      ) : (
        <Grid rows={history.data} columns={columns} label="Import history" getRowId={(b) => String(b.id)} height={Math.min(360, 80 + history.data.length * 32)} />
      )}
    </section>
  )
}

export function ImportPage(): ReactNode {
  const [generation, setGeneration] = useState(0)
  const committed = (): void => setGeneration((g) => g + 1)
  return (
    <section>
      <h1>Import &amp; export</h1>
      <Import903 onCommitted={committed} />
      <TrackerImport onCommitted={committed} />
      <ExportSection />
      <History generation={generation} />
    </section>
  )
}
