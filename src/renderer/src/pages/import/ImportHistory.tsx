import type { ColDef } from 'ag-grid-community'
import { useState, type ReactNode } from 'react'
import type { ImportBatch } from '../../../../shared/api'
import { ukDateTime } from '../../../../shared/days'
import { useCall } from '../../api'
import { download } from '../../download'
import { Grid } from '../../components/Grid'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { toError } from './useImportFlow'
import { figure } from '../../../../shared/plural'

// Counts as the preview's tiles show them (1,150, not 1150), in columns wide enough for their headings.
const count = {
  type: 'numericColumn',
  filter: false,
  valueFormatter: (p: { value: unknown }) => (typeof p.value === 'number' ? figure(p.value) : '')
}

/** Every import, newest first, each with its rejected-row report (an import is a write: the list follows it). */
export function ImportHistory(): ReactNode {
  const history = useCall('importHistory', { limit: 200 })
  const [reportError, setReportError] = useState<Error>()
  const report = (batchId: number, format: 'csv' | 'xlsx'): void => {
    setReportError(undefined)
    download('rejectedReport', { batchId, format }).catch((e: unknown) => setReportError(toError(e)))
  }
  const columns: ColDef<ImportBatch>[] = [
    { field: 'id', headerName: 'No.', width: 70, filter: false },
    { field: 'importedAt', headerName: 'When', width: 160, valueFormatter: (p) => ukDateTime(p.value as string | null) },
    { field: 'importedBy', headerName: 'Who', width: 120 },
    { field: 'kind', headerName: 'Kind', width: 80, filter: false },
    { field: 'fileName', headerName: 'Files', flex: 1, minWidth: 160, tooltipValueGetter: (p) => (p.data ? `sha256 ${p.data.sha256}` : '') },
    { field: 'inserted', headerName: 'New', width: 90, ...count },
    { field: 'updated', headerName: 'Updated', width: 110, ...count },
    { field: 'unchanged', headerName: 'Unchanged', width: 125, ...count },
    { field: 'rejected', headerName: 'Rejected rows', width: 145, ...count },
    {
      headerName: 'Report',
      // Pinned at the grid's right edge: the columns are wider than a 1366 px window leaves the grid, and the CSV and
      // xlsx buttons, last, were cut off or scrolled out of sight.
      colId: 'report',
      pinned: 'right',
      width: 130,
      sortable: false,
      filter: false,
      cellRenderer: (p: { data?: ImportBatch }) =>
        // Every import (903, tracker, carers, unit costs) keeps its rejected rows for this report (recordImportBatch).
        p.data && (
          <span>
            <button type="button" className="cell-button" onClick={() => report(p.data!.id, 'csv')} aria-label={`Report for import ${p.data.id} as CSV`}>
              CSV
            </button>{' '}
            <button type="button" className="cell-button" onClick={() => report(p.data!.id, 'xlsx')} aria-label={`Report for import ${p.data.id} as Excel`}>
              xlsx
            </button>
          </span>
        )
    }
  ]
  return (
    <section aria-labelledby="import-history">
      <h2 id="import-history">Import history</h2>
      {reportError && <ErrorState error={reportError} />}
      {history.error ? (
        <ErrorState error={history.error} onRetry={history.reload} />
      ) : !history.data ? (
        <Loading what="the import history" />
      ) : history.data.length === 0 ? (
        <EmptyState title="Nothing imported yet." />
      ) : (
        <Grid
          rows={history.data}
          columns={columns}
          label="Import history"
          getRowId={(b) => String(b.id)}
          height={Math.min(360, 80 + history.data.length * 32)}
        />
      )}
    </section>
  )
}
