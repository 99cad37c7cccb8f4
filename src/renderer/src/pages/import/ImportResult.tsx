import { RowAutoHeightModule, type ColDef } from 'ag-grid-community'
import type { ReactNode } from 'react'
import type { DataImportSummary, ImportProgress, IssueGroup, RowIssue } from '../../../../shared/api'
import { codeWithMeaning, isCodedColumn903 } from '../../../../shared/ssda903-codes'
import { Grid } from '../../components/Grid'
import { EmptyState, ErrorState } from '../../components/States'
import { ImportOutcome } from '../../components/ImportOutcome'
import type { ImportFlow, ImportRequest } from './useImportFlow'
import './import.css'
import { countOf, figure } from '../../../../shared/plural'
import { KeepFocusButton } from '../../components/KeepFocusButton'

/** A cell's value as the file had it, with the 903 meaning when it is a known code. */
const shownValue = (column: string, value: string): string => {
  if (!isCodedColumn903(column)) return value
  const withMeaning = codeWithMeaning(column, value.toUpperCase())
  return withMeaning === value.toUpperCase() ? value : withMeaning
}

const rejectedColumns: ColDef<RowIssue>[] = [
  { field: 'file', headerName: 'File', width: 170 },
  { field: 'row', headerName: 'Row', width: 90, type: 'numericColumn' },
  { field: 'column', headerName: 'Column', width: 170 },
  { field: 'value', headerName: 'Value', width: 200, valueFormatter: (p) => (p.data ? shownValue(p.data.column, p.data.value) : '') },
  // The reason whole, on as many lines as it takes: it says what to fix.
  { field: 'reason', headerName: 'Reason', flex: 1, minWidth: 300, wrapText: true, autoHeight: true }
]

/** One rule's warnings, collapsed to a line: the count and the rule; open it for the first rows. */
function WarningGroup({ group }: { group: IssueGroup }): ReactNode {
  const more = group.count - group.examples.length
  return (
    <details className="warning-group">
      <summary>
        <strong>{figure(group.count)}</strong> × <code>{group.column}</code>: {group.rule}
      </summary>
      <table className="table" aria-label={`Examples: ${group.column}, ${group.rule}`}>
        <thead>
          <tr>
            <th>File</th>
            <th>Row</th>
            <th>Value</th>
          </tr>
        </thead>
        <tbody>
          {group.examples.map((e) => (
            <tr key={`${e.file}:${e.row}`}>
              <td>{e.file}</td>
              <td>{e.row}</td>
              <td>{shownValue(e.column, e.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && <p className="muted">… and {figure(more)} more rows like these: every one is in the rejected-row report of the import.</p>}
    </details>
  )
}

/** What happens to the stored episodes of the children the import changes: written, replaced, and earlier history kept. */
function EpisodeChanges({ episodes, dryRun }: { episodes: NonNullable<DataImportSummary['episodes']>; dryRun: boolean }): ReactNode {
  const { written, removed, kept } = episodes
  return (
    <p data-testid="episode-changes">
      {dryRun
        ? `Episodes: ${countOf(written, 'episode')} to write, ${countOf(removed, 'stored episode')} to replace`
        : `Episodes: ${countOf(written, 'episode')} written, ${countOf(removed, 'stored episode')} replaced`}
      {kept > 0 && `; ${countOf(kept, 'earlier episode')} kept (they ended before the child’s first episode in the files: earlier years’ history)`}.
    </p>
  )
}

export function SummaryView({ summary }: { summary: DataImportSummary }): ReactNode {
  const unit = summary.kind === '903' ? 'children' : 'events'
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
            <span className="tile-number">{figure(value)}</span>
            <span className="tile-label">{label}</span>
          </div>
        ))}
      </div>
      <p className="muted">{summary.files.map((f) => `${f.name} (${f.table}, ${countOf(f.rows, 'row')})`).join(' · ')}</p>
      {summary.episodes && <EpisodeChanges episodes={summary.episodes} dryRun={summary.dryRun} />}
      {summary.totals.rejected === 0 && summary.totals.warnings === 0 && (
        <EmptyState title="Every row is fine.">No rows were rejected and there is nothing to check.</EmptyState>
      )}
      {summary.rejected.length > 0 && (
        <>
          <h4>
            Rejected rows{' '}
            <span className="muted">
              ({countOf(summary.totals.rejected, 'problem')} in {countOf(summary.totals.rejectedRows, 'row')})
            </span>
          </h4>
          {summary.rejected.length < summary.totals.rejected && (
            <p role="note">
              The first {figure(summary.rejected.length)} of {figure(summary.totals.rejected)} rejections are listed; fix those and check again to see the rest.
            </p>
          )}
          <Grid
            rows={summary.rejected}
            columns={rejectedColumns}
            label="Rejected rows"
            rowNoun="problem"
            modules={[RowAutoHeightModule]}
            height={Math.min(420, 60 + summary.rejected.length * 44)}
          />
        </>
      )}
      {summary.warningGroups.length > 0 && (
        <section aria-label="Warnings by rule" className="warning-groups">
          <h4>
            Warnings by rule{' '}
            <span className="muted">
              ({summary.totals.warnings === 1 ? '1 row imported as it is' : `${figure(summary.totals.warnings)} rows imported as they are`}; open a rule for its
              first rows)
            </span>
          </h4>
          {summary.warningGroups.map((g) => (
            <WarningGroup key={`${g.column}:${g.rule}`} group={g} />
          ))}
        </section>
      )}
    </div>
  )
}

/** What the import is doing, as the core reports it; before its first report, that the request is on its way. */
function progressText(progress: ImportProgress | null, busy: 'checking' | 'importing'): string {
  if (!progress) return busy === 'checking' ? 'Sending the files to be checked…' : 'Sending the files to be imported…'
  switch (progress.phase) {
    case 'starting':
      return 'Files accepted; starting the import checker…'
    case 'reading':
      // rows counts every file so far: "Reading Episodes.csv: 126,000 rows" overstated a 91,000-row file.
      return `Reading ${progress.file ?? 'the files'} (${figure(progress.rows)} rows read so far, all files together)`
    case 'checking':
      return 'Checking rows against each other and the database…'
    case 'writing':
      return `Writing ${figure(progress.written)} of ${figure(progress.of)}`
    case 'saving':
      return 'All written; rebuilding the tracker and saving the import…'
    case 'done':
      return 'Finishing…'
  }
}

function ProgressBar({ progress, busy }: { progress: ImportProgress | null; busy: 'checking' | 'importing' }): ReactNode {
  const fraction =
    progress?.phase === 'writing' && progress.of
      ? progress.written / progress.of
      : progress?.phase === 'reading' && progress.totalBytes
        ? progress.bytes / progress.totalBytes
        : null
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
      {progressText(progress, busy)}
    </div>
  )
}

/** Check and Import buttons, the progress while either runs, and what came back. */
export function ImportActions({ flow, request, disabled }: { flow: ImportFlow; request: ImportRequest | null; disabled?: boolean }): ReactNode {
  const result = flow.result
  return (
    <>
      <div className="toolbar">
        <KeepFocusButton inactive={!request || disabled || flow.busy !== null} onClick={() => request && flow.run(request, false)}>
          Check files
        </KeepFocusButton>
        <KeepFocusButton className="primary" inactive={!request || !flow.preview || flow.busy !== null} onClick={() => request && flow.run(request, true)}>
          Import
        </KeepFocusButton>
        {!flow.preview && !result && <span className="muted">Check the files first: nothing is written until you press Import.</span>}
      </div>
      {flow.busy && <ProgressBar progress={flow.progress} busy={flow.busy} />}
      {/* Shift+Tab from the outcome reaches Import. */}
      <ImportOutcome busy={flow.busy !== null} testId="import-outcome">
        {flow.error && <ErrorState error={flow.error} />}
        {flow.preview && (
          <>
            <h3>Preview — nothing written yet</h3>
            <SummaryView summary={flow.preview} />
          </>
        )}
        {result && (
          <>
            {result.inserted + result.updated > 0 ? (
              <h3>Imported (import number {result.batchId})</h3>
            ) : (
              <>
                <h3>Nothing changed (import number {result.batchId})</h3>
                <p>The database already holds these rows. The import is in the history below, with its report of rejected rows and warnings.</p>
              </>
            )}
            <SummaryView summary={result} />
          </>
        )}
      </ImportOutcome>
    </>
  )
}
